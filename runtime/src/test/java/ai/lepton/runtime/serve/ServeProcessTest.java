package ai.lepton.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.base.JvmOptions;
import ai.lepton.runtime.TinyArtifact;
import ai.lepton.runtime.cli.RuntimeMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./lepton serve} as a process of its own, for what holds per JVM: what a small heap survives, and the JDK
 * server's request timeout and connection cap, which it reads once per JVM.
 */
class ServeProcessTest {

    private static final String ROW = "{\"x\":1.5,\"y\":0.2,\"color\":\"green\"";

    @Test
    void twoLargestBodiesAtOnceInA48MegabyteHeapAreBothAnswered(@TempDir Path dir) throws Exception {
        try (Served served = new Served(dir, "-Xmx48m")) {
            byte[] emptyRows = body("{}", 0);
            byte[] wideRows = body(ROW + ",\"note\":\"", PredictServer.DEFAULT_MAX_ROWS);
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<RawHttp.Response> empty =
                        clients.submit(() -> RawHttp.send(served.port, RawHttp.post(emptyRows)));
                Future<RawHttp.Response> wide = clients.submit(() -> RawHttp.send(served.port, RawHttp.post(wideRows)));
                RawHttp.Response refused = empty.get();
                assertEquals(413, refused.status(), refused.body());
                assertTrue(refused.body().contains("more than 10000 rows"), refused.body());
                RawHttp.Response predicted = wide.get();
                assertEquals(
                        200,
                        predicted.status(),
                        predicted
                                .body()
                                .substring(0, Math.min(200, predicted.body().length())));
                assertEquals(PredictServer.DEFAULT_MAX_ROWS, predicted.body().split("\"label\"").length - 1);
            }
            assertEquals(
                    200,
                    RawHttp.send(served.port, RawHttp.head("GET /health HTTP/1.1"))
                            .status());
            assertFalse(served.log().contains("\tat "), served.log());
        }
    }

    @Test
    void clientsSendingAByteAtATimeAreCutOffAtTheRequestTimeout(@TempDir Path dir) throws Exception {
        try (Served served = new Served(dir, "-Xmx256m", "--request-timeout", "2");
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            byte[] request = RawHttp.post(ROW + "}");
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Socket socket = RawHttp.connect(served.port);
                slow.add(socket);
                senders.submit(() -> {
                    OutputStream out = socket.getOutputStream();
                    for (byte b : request) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(500);
                    }
                    return null;
                });
            }
            for (Socket socket : slow) {
                assertTrue(RawHttp.closedByServer(socket), "a client still sending its request after 20 s");
                socket.close();
            }
            try (Socket patient = RawHttp.connect(served.port)) { // the timeout is seconds, not milliseconds
                patient.getOutputStream().write(Arrays.copyOf(request, 10));
                Thread.sleep(1000);
                patient.getOutputStream().write(Arrays.copyOfRange(request, 10, request.length));
                assertEquals(200, RawHttp.read(patient.getInputStream()).status(), "a request sent within 2 s");
            }
        }
    }

    @Test
    void connectionsPastTheCapAreClosedAsTheyArrive(@TempDir Path dir) throws Exception {
        try (Served served = new Served(dir, "-Xmx256m", "--max-connections", "4")) {
            List<Socket> open = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket socket = RawHttp.connect(served.port);
                socket.getOutputStream().write('P'); // a request begun, and never finished
                open.add(socket);
            }
            try (Socket fifth = RawHttp.connect(served.port)) {
                try {
                    fifth.getOutputStream().write(RawHttp.head("GET /health HTTP/1.1"));
                } catch (IOException reset) {
                    // closed already
                }
                assertTrue(RawHttp.closedByServer(fifth), "a fifth connection was served past a cap of 4");
            }
            for (Socket socket : open) {
                socket.close();
            }
            int status = 0;
            for (int tries = 0; tries < 100 && status != 200; tries++) { // once the server has seen them close
                try {
                    status = RawHttp.send(served.port, RawHttp.head("GET /health HTTP/1.1"))
                            .status();
                } catch (IOException refused) {
                    Thread.sleep(100);
                }
            }
            assertEquals(200, status, "a connection is served again once the others closed");
        }
    }

    /**
     * An array of rows {@code opening...} filling {@link PredictServer#DEFAULT_MAX_BODY} bytes: {@code rows} of them,
     * each padded by a note the model does not read, or (0) as many as fit.
     */
    private static byte[] body(String opening, int rows) {
        int size = PredictServer.DEFAULT_MAX_BODY;
        StringBuilder text = new StringBuilder(size).append('[');
        if (rows == 0) {
            while (text.length() + opening.length() + 2 <= size) {
                text.append(opening).append(',');
            }
            text.setLength(text.length() - 1);
        } else {
            int padding = (size - 2) / rows - opening.length() - 3;
            String row = opening + "n".repeat(padding) + "\"}";
            for (int i = 0; i < rows; i++) {
                text.append(i == 0 ? "" : ",").append(row);
            }
        }
        return text.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code RuntimeMain serve} of the tiny artifact on a free port, in a JVM of its own, stopped on close. */
    private static final class Served implements AutoCloseable {

        private static final Pattern ADDRESS = Pattern.compile("on http://[^:]+:(\\d+)");

        final int port;
        private final Process process;
        private final StringBuilder log = new StringBuilder();

        Served(Path dir, String heap, String... options) throws Exception {
            Path artifact = Files.write(dir.resolve("tiny.lepton"), TinyArtifact.bytes());
            List<String> command = new ArrayList<>(JvmOptions.javaCommand());
            command.addAll(List.of(heap, "-cp", System.getProperty("java.class.path"), RuntimeMain.class.getName()));
            command.addAll(List.of("serve", artifact.toString(), "--port", "0"));
            command.addAll(List.of(options));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int found = -1;
            while (found < 0) {
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                log.append(line).append('\n');
                Matcher address = ADDRESS.matcher(line);
                found = address.find() ? Integer.parseInt(address.group(1)) : -1;
            }
            assertTrue(found > 0, "the server did not start: " + log);
            port = found;
            CompletableFuture.runAsync(() -> lines.lines().forEach(line -> {
                synchronized (log) {
                    log.append(line).append('\n');
                }
            }));
        }

        String log() {
            synchronized (log) {
                return log.toString();
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
