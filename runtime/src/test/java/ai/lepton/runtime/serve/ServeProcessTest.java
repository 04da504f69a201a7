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
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./lepton serve} as a process of its own, for what holds per JVM: what a small heap survives, the JDK server's
 * request and response timeouts and connection cap, which it reads once per JVM, and the threads requests and
 * predictions run on.
 */
class ServeProcessTest {

    private static final String ROW = "{\"x\":1.5,\"y\":0.2,\"color\":\"green\"";

    /** More rows than {@link #rows} makes of 3 MiB, for {@code --max-rows}. */
    private static final int MANY_ROWS = 200_000;

    @Test
    void twoLargestBodiesAtOnceInA48MegabyteHeapAreBothAnswered(@TempDir Path dir) throws Exception {
        try (Served served = new Served(dir, List.of("-Xmx48m"))) {
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
    void fourBodiesOfOneHugeObjectOrArrayFieldAtOnceInA48MegabyteHeapAreRefusedNamingTheField(@TempDir Path dir)
            throws Exception {
        StringBuilder object = new StringBuilder("{\"x\":{");
        for (int i = 0; object.length() < PredictServer.DEFAULT_MAX_BODY - 20; i++) {
            object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        byte[] hugeObject = object.append("}}").toString().getBytes(StandardCharsets.UTF_8);
        byte[] hugeArray = ("{\"x\":[" + "0.5,".repeat((PredictServer.DEFAULT_MAX_BODY - 20) / 4) + "0.5]}")
                .getBytes(StandardCharsets.UTF_8);
        try (Served served = new Served(dir, List.of("-Xmx48m"));
                ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (byte[] body : List.of(hugeObject, hugeArray, hugeObject, hugeArray)) {
                answers.add(clients.submit(() -> RawHttp.send(served.port, RawHttp.post(body))));
            }
            for (int i = 0; i < answers.size(); i++) {
                RawHttp.Response answer = answers.get(i).get();
                assertEquals(400, answer.status(), answer.body());
                assertEquals(
                        "{\"error\":\"field 'x' must be a number, but got a JSON " + (i % 2 == 0 ? "object" : "array")
                                + ".\"}",
                        answer.body());
            }
            assertFalse(served.log().contains("\tat "), served.log());
        }
    }

    @Test
    void clientsSendingAByteAtATimeAreCutOffAtTheRequestTimeout(@TempDir Path dir) throws Exception {
        try (Served served = new Served(dir, List.of("-Xmx256m"), "--request-timeout", "5");
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            byte[] request = RawHttp.post(ROW + "}");
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Socket socket = RawHttp.connect(served.port);
                slow.add(socket);
                sendSlowly(senders, socket, request);
            }
            for (Socket socket : slow) {
                assertTrue(RawHttp.closedByServer(socket), "a client still sending its request after 20 s");
                socket.close();
            }
            try (Socket patient = RawHttp.connect(served.port)) { // the timeout is seconds, not milliseconds
                patient.getOutputStream().write(Arrays.copyOf(request, 10));
                Thread.sleep(1500);
                patient.getOutputStream().write(Arrays.copyOfRange(request, 10, request.length));
                assertEquals(200, RawHttp.read(patient.getInputStream()).status(), "a request sent within 5 s");
            }
        }
    }

    @Test
    void clientsSendingTheirBodyAByteAtATimeAfterQuickHeadersAreCutOffAtTheRequestTimeout(@TempDir Path dir)
            throws Exception {
        byte[] body = (ROW + "}").getBytes(StandardCharsets.UTF_8);
        try (Served served = new Served(dir, List.of("-Xmx256m"), "--request-timeout", "3");
                ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 3; i++) { // fewer than the requests predicted at once: each holds a turn while it sends
                Socket socket = RawHttp.connect(served.port);
                slow.add(socket);
                socket.getOutputStream()
                        .write(RawHttp.head("POST /predict HTTP/1.1", "Content-Length: " + body.length));
                sendSlowly(senders, socket, body);
            }
            for (Socket socket : slow) {
                assertTrue(RawHttp.closedByServer(socket), "a client still sending its body after 20 s");
                socket.close();
            }
            assertEquals(200, RawHttp.send(served.port, RawHttp.post(body)).status(), "their turns are free again");
            assertTrue(served.log().lines().noneMatch(line -> line.contains("error")), served.log());
        }
    }

    @Test
    void aClientThatNeverReadsItsAnswerIsCutOffAtTheResponseTimeout(@TempDir Path dir) throws Exception {
        byte[] request = RawHttp.post(rows(3 << 20));
        try (Served served = new Served(
                        dir, List.of("-Xmx512m"), "--response-timeout", "2", "--max-rows", String.valueOf(MANY_ROWS));
                Socket reader = new Socket()) {
            reader.setReceiveBufferSize(4096); // before connecting: the window the server may fill
            reader.connect(new InetSocketAddress("127.0.0.1", served.port));
            reader.getOutputStream().write(request); // an answer of megabytes, which it never reads
            String aborted = "lepton_request_errors_total{endpoint=\"/predict\",kind=\"aborted\"} 1";
            String metrics = "";
            for (int tries = 0; tries < 300 && !metrics.contains(aborted); tries++) {
                Thread.sleep(100);
                metrics = RawHttp.send(served.port, RawHttp.head("GET /metrics HTTP/1.1"))
                        .body();
            }
            assertTrue(metrics.contains(aborted), "the answer was still being written after 30 s:\n" + metrics);
            reader.setSoTimeout(20_000);
            byte[] received = reader.getInputStream().readAllBytes(); // what the buffers held, then the end
            String text = new String(received, StandardCharsets.ISO_8859_1);
            Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
            int head = text.indexOf("\r\n\r\n") + 4;
            assertTrue(
                    !length.find() || received.length - head < Long.parseLong(length.group(1)),
                    "the whole answer arrived: " + received.length + " bytes");
        }
    }

    @Test
    void healthIsAnsweredWhileAPredictionRunsOnAServerOfOneCarrierThread(@TempDir Path dir) throws Exception {
        byte[] request = RawHttp.post(rows(3 << 20));
        List<String> oneCarrier = List.of(
                "-Xmx512m", "-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1");
        try (Served served = new Served(dir, oneCarrier, "--max-rows", String.valueOf(MANY_ROWS));
                Socket predicting = RawHttp.connect(served.port)) {
            predicting.getOutputStream().write(request);
            Thread.sleep(100); // the request's thread has its body, and holds the one carrier while it works
            long start = System.nanoTime();
            RawHttp.Response health = RawHttp.send(served.port, RawHttp.head("GET /health HTTP/1.1"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, health.status(), health.body());
            assertEquals(
                    0,
                    predicting.getInputStream().available(),
                    "/health waited " + millis + " ms, until the prediction was answered");
            assertEquals(200, RawHttp.read(predicting.getInputStream()).status());
        }
    }

    @Test
    void connectionsPastTheCapAreClosedAsTheyArrive(@TempDir Path dir) throws Exception {
        try (Served served = new Served(dir, List.of("-Xmx256m"), "--max-connections", "4")) {
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

    /** Sends {@code bytes} on {@code socket} one every half second, with one of {@code senders}. */
    private static void sendSlowly(ExecutorService senders, Socket socket, byte[] bytes) {
        senders.submit(() -> {
            OutputStream out = socket.getOutputStream();
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                Thread.sleep(500);
            }
            return null;
        });
    }

    /** Rows the model takes, as many as fill {@code bytes}: an answer of more than twice as many bytes. */
    private static byte[] rows(int bytes) {
        String row = "{\"x\":1,\"y\":0,\"color\":\"red\"}";
        int count = (bytes - 2) / (row.length() + 1);
        return ("[" + String.join(",", Collections.nCopies(count, row)) + "]").getBytes(StandardCharsets.UTF_8);
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

        /** {@code jvm}: the JVM's own options, such as its heap. */
        Served(Path dir, List<String> jvm, String... options) throws Exception {
            Path artifact = Files.write(dir.resolve("tiny.lepton"), TinyArtifact.bytes());
            List<String> command = new ArrayList<>(JvmOptions.javaCommand());
            command.addAll(jvm);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), RuntimeMain.class.getName()));
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

        /**
         * Kills the server: stopping it as SIGTERM does would wait the full 10 s it gives requests in flight whenever a
         * timeout cut a request off (the JDK's server never counts such an exchange finished), and stopping is not
         * what these tests check.
         */
        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
