package ai.lepton.runtime.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP over a plain socket on loopback, to send what an HTTP client would not: lengths that lie, no length, bytes that
 * are not UTF-8, a request a byte at a time. Reads give up after 20 s, so a server that never answers fails the test
 * rather than hanging it.
 */
final class RawHttp {

    /** An answer: its status, its headers (names lower-cased) and its body. */
    record Response(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private RawHttp() {}

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** {@code POST /predict} of {@code body}, with its length. */
    static byte[] post(byte[] body) {
        return concat(head("POST /predict HTTP/1.1", "Content-Length: " + body.length), body);
    }

    static byte[] post(String body) {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A request line and headers, ended by the blank line. */
    static byte[] head(String requestLine, String... headers) {
        StringBuilder text = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Sends {@code request} whole on a new connection and reads the answer. */
    static Response send(int port, byte[] request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads one answer: status line, headers, and a body of its Content-Length. */
    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new HashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).strip().toLowerCase(),
                    header.substring(colon + 1).strip());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Response(
                Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Whether the server closed {@code socket} without a word: a read ends or is reset, rather than timing out. */
    static boolean closedByServer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) { // reset
            return true;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server closed the connection instead of answering");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
