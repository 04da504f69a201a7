package ai.lepton.runtime.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.TinyArtifact;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server on loopback, in this JVM, spoken to over raw sockets: every request is answered, in a sentence, and
 * what a request may cost is bounded before it is paid.
 */
class PredictServerTest {

    private static final String ROW = "{\"x\": 1.5, \"y\": 0.2, \"color\": \"green\"}";

    private static LeptonModel model;
    private static PredictServer server;

    @BeforeAll
    static void serve() throws Exception {
        model = LeptonModel.load(TinyArtifact.bytes(), "tiny.lepton", null);
        server = PredictServer.start(model, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
        model.close();
    }

    @Test
    void aRowGetsAPredictionAndAnArrayOfRowsAnArray() throws Exception {
        RawHttp.Response one = RawHttp.send(server.port(), RawHttp.post(ROW));
        assertEquals(200, one.status(), one.body());
        assertTrue(one.body().startsWith("{\"label\":"), one.body());
        RawHttp.Response many = RawHttp.send(server.port(), RawHttp.post("[" + ROW + ", " + ROW + "]"));
        assertEquals(200, many.status(), many.body());
        assertTrue(many.body().startsWith("[{\"label\":") && many.body().contains("},{\"label\":"), many.body());
    }

    @Test
    void aBodyNestedFiveThousandDeepIsRefusedInOneShortSentence() throws Exception {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        for (String body : new String[] {"{\"x\": " + deep + "}", "[{\"note\": " + deep + "}]"}) {
            RawHttp.Response answer = RawHttp.send(server.port(), RawHttp.post(body));
            assertEquals(400, answer.status(), answer.body());
            assertTrue(answer.body().contains("The body is not JSON: it nests deeper than 64 levels"), answer.body());
            assertTrue(answer.body().length() < 200, answer.body());
        }
        RawHttp.Response rowsOfRows = RawHttp.send(server.port(), RawHttp.post(deep));
        assertEquals(400, rowsOfRows.status(), rowsOfRows.body());
        assertTrue(rowsOfRows.body().contains("must be a JSON object"), rowsOfRows.body());
    }

    @Test
    void aBodyOfMoreRowsThanTheLimitIsRefusedAtTheRowPastIt() throws Exception {
        PredictServer limited = PredictServer.builder(model).optMaxRows(3).start("127.0.0.1", 0);
        try {
            String three = String.join(",", ROW, ROW, ROW);
            assertEquals(
                    200,
                    RawHttp.send(limited.port(), RawHttp.post("[" + three + "]"))
                            .status());
            RawHttp.Response four = RawHttp.send(limited.port(), RawHttp.post("[" + three + "," + ROW + "]"));
            assertEquals(413, four.status(), four.body());
            assertTrue(
                    four.body().contains("more than 3 rows, the most this server predicts in one request")
                            && four.body().contains("--max-rows"),
                    four.body());
        } finally {
            limited.stop();
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutWaitingForTheBody() throws Exception {
        byte[] request = RawHttp.concat(
                RawHttp.head("POST /predict HTTP/1.1", "Content-Length: 9999999999"),
                "{}".getBytes(StandardCharsets.UTF_8));
        try (Socket socket = RawHttp.connect(server.port())) {
            socket.getOutputStream().write(request);
            RawHttp.Response answer = RawHttp.read(socket.getInputStream());
            assertEquals(413, answer.status(), answer.body());
            assertTrue(answer.body().contains("The body is over 8388608 bytes"), answer.body());
            assertEquals("close", answer.header("Connection"));
        }
    }

    @Test
    void aBodyOverTheLimitThatIsSentWholeStillGetsItsAnswer() throws Exception {
        byte[] body = new byte[9 << 20];
        Arrays.fill(body, (byte) ' ');
        RawHttp.Response answer = RawHttp.send(server.port(), RawHttp.post(body));
        assertEquals(413, answer.status(), answer.body());
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedOnceItPassesIt() throws Exception {
        PredictServer small = PredictServer.builder(model).optMaxBody(100).start("127.0.0.1", 0);
        try (Socket socket = RawHttp.connect(small.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("POST /predict HTTP/1.1", "Transfer-Encoding: chunked"));
            String rows = "[" + (ROW + ",").repeat(10) + ROW + "]";
            out.write(("%x\r\n%s\r\n0\r\n\r\n".formatted(rows.length(), rows)).getBytes(StandardCharsets.UTF_8));
            RawHttp.Response answer = RawHttp.read(socket.getInputStream());
            assertEquals(413, answer.status(), answer.body());
            assertTrue(answer.body().contains("The body is over 100 bytes"), answer.body());
        } finally {
            small.stop();
        }
    }

    @Test
    void aRefusedChunkedBodyIsReadNoFurtherThanMaxBodyAndThenItsConnectionIsClosed() throws Exception {
        PredictServer small = PredictServer.builder(model).optMaxBody(100).start("127.0.0.1", 0);
        byte[] chunk = ("400\r\n" + " ".repeat(0x400) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = RawHttp.connect(small.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.head("POST /predict HTTP/1.1", "Transfer-Encoding: chunked"));
            out.write(chunk);
            RawHttp.Response answer = RawHttp.read(socket.getInputStream());
            assertEquals(413, answer.status(), answer.body());
            assertEquals("close", answer.header("Connection"));
            try { // a client that sends its whole body before it reads: 256 KiB more, never ended
                for (int i = 0; i < 256; i++) {
                    out.write(chunk);
                }
            } catch (IOException closed) {
                // the server stopped reading, and closed the connection
            }
            socket.setSoTimeout(10_000); // the request timeout (30 s) would close it too
            assertTrue(RawHttp.closedByServer(socket), "the server read on past --max-body, waiting for the rest");
        } finally {
            small.stop();
        }
    }

    @Test
    void aDefectIsAnswered500WithAnErrorIdWhichTheOneLineItLogsNamesToo() throws Exception {
        LeptonModel closed = LeptonModel.load(TinyArtifact.bytes(), "tiny.lepton", null);
        PredictServer broken = PredictServer.start(closed, "127.0.0.1", 0);
        closed.close(); // the engine refuses a closed model's work: a defect of the server's, not the request's
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            RawHttp.Response answer = RawHttp.send(broken.port(), RawHttp.post(ROW));
            assertEquals(500, answer.status(), answer.body());
            Matcher id = Pattern.compile("\\(error ([0-9a-f]{8})\\)").matcher(answer.body());
            assertTrue(id.find(), answer.body());
            assertEquals(
                    "{\"error\":\"The server failed to answer through a defect of its own (error " + id.group(1)
                            + "); please report it with that id, which its log names.\"}",
                    answer.body());
            String logged = log.toString(StandardCharsets.UTF_8);
            assertEquals(1, logged.lines().count(), logged);
            assertTrue(
                    logged.startsWith("lepton serve: error " + id.group(1) + ": POST /predict answered 500: ")
                            && logged.contains("Exception"),
                    logged);
        } finally {
            System.setErr(stderr);
            broken.stop();
        }
    }

    @Test
    void aPostWithoutALengthIsAnswered411() throws Exception {
        byte[] request = RawHttp.concat(RawHttp.head("POST /predict HTTP/1.0"), ROW.getBytes(StandardCharsets.UTF_8));
        RawHttp.Response answer = RawHttp.send(server.port(), request);
        assertEquals(411, answer.status(), answer.body());
        assertTrue(answer.body().contains("needs a Content-Length header"), answer.body());
    }

    @Test
    void aByteThatIsNotUtf8IsRefusedNamingTheField() throws Exception {
        byte[] row = RawHttp.concat(
                "{\"x\": 1.5, \"y\": 0.2, \"color\": \"red".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, '"', '}'});
        RawHttp.Response answer = RawHttp.send(server.port(), RawHttp.post(row));
        assertEquals(400, answer.status(), answer.body());
        assertTrue(
                answer.body().contains("The body, field 'color': byte 0xFF at offset 34 is not UTF-8"), answer.body());
        RawHttp.Response inBatch =
                RawHttp.send(server.port(), RawHttp.post(RawHttp.concat(("[" + ROW + ",").getBytes(), row)));
        assertTrue(inBatch.body().contains("The body, row 1, field 'color': byte 0xFF"), inBatch.body());
    }

    @Test
    void requestsPastThoseTakenAtOnceAndWaitingAreAnswered503WithRetryAfter() throws Exception {
        PredictServer busy = PredictServer.builder(model).optConcurrency(1, 0).start("127.0.0.1", 0);
        byte[] body = ROW.getBytes(StandardCharsets.UTF_8);
        // stopped before the slow client closes: a connection closing while the JDK's server stops holds it 10 s
        try (Socket slow = RawHttp.connect(busy.port())) {
            try {
                OutputStream out = slow.getOutputStream();
                out.write(RawHttp.head("POST /predict HTTP/1.1", "Content-Length: " + body.length));
                out.write(body, 0, 5); // its turn is taken while the rest of its body is awaited
                out.flush();
                RawHttp.Response turnedAway = null;
                long deadline = System.nanoTime() + 60_000_000_000L; // generous: a busy machine dispatches late
                while (turnedAway == null && System.nanoTime() < deadline) { // until the slow one has its turn
                    RawHttp.Response answer = RawHttp.send(busy.port(), RawHttp.post(ROW));
                    turnedAway = answer.status() == 503 ? answer : null;
                    Thread.sleep(turnedAway == null ? 50 : 0);
                }
                assertTrue(turnedAway != null, "a second request was turned away while the first held the one turn");
                assertEquals("1", turnedAway.header("Retry-After"));
                assertTrue(turnedAway.body().contains("retry in a second"), turnedAway.body());
                out.write(body, 5, body.length - 5);
                assertEquals(200, RawHttp.read(slow.getInputStream()).status(), "the slow one is answered in the end");
            } finally {
                busy.stop();
            }
        }
    }

    @Test
    void aTextPastMaxLengthIsCutBeforeTokenizingAndTheAnswerSaysSo() throws Exception {
        try (LeptonModel text = LeptonModel.load(TinyArtifact.textBytes(), "tiny-text.lepton", null)) {
            PredictServer textServer = PredictServer.start(text, "127.0.0.1", 0);
            try {
                RawHttp.Response shortText =
                        RawHttp.send(textServer.port(), RawHttp.post("{\"text\": \"a short one\"}"));
                assertEquals(200, shortText.status(), shortText.body());
                assertFalse(shortText.body().contains("truncated"), shortText.body());
                String fiveMegabytes = "{\"text\": \"" + "word ".repeat(1_000_000) + "\"}";
                RawHttp.Response longText = RawHttp.send(textServer.port(), RawHttp.post(fiveMegabytes));
                assertEquals(200, longText.status(), longText.body());
                assertTrue(longText.body().contains("\"truncated\":true"), longText.body());
                String metrics = RawHttp.send(textServer.port(), RawHttp.head("GET /metrics HTTP/1.1"))
                        .body();
                assertTrue(metrics.contains("lepton_input_text_truncated_total 1"), metrics);
            } finally {
                textServer.stop();
            }
        }
    }
}
