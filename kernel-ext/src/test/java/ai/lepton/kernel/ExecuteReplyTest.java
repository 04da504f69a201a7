package ai.lepton.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The execute_reply of a failed cell, built by the kernel in this JVM (with a real session JVM running the cells): it
 * carries the error the notebook shows, never the kernel's own stack.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard: the session JVM starts with the first cell
class ExecuteReplyTest {

    @TempDir
    static Path home;

    private static LeptonKernel kernel;

    @BeforeAll
    static void startKernel() {
        List<String> classpath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        kernel = new LeptonKernelBuilder(new KernelEnvironment(home, "test", classpath, List.of())).build();
        kernel.onStartup();
    }

    @AfterAll
    static void stopKernel() {
        kernel.onShutdown(false);
    }

    @Test
    void aCellThatThrowsRepliesWithTheExceptionItsMessageAndTheLinesOfTheCell() {
        JsonObject reply = execute("int divide(int a, int b) {\n    return a / b;\n}\ndivide(1, 0)")
                .errorReply();
        assertEquals("java.lang.ArithmeticException", reply.get("ename").getAsString());
        assertEquals("/ by zero", reply.get("evalue").getAsString());
        String traceback = reply.get("traceback").toString();
        assertTrue(traceback.contains("divide, line 2 of In ["), traceback);
        assertFalse(traceback.contains("jdk.jshell"), traceback);
    }

    @Test
    void aCellThatDoesNotCompileRepliesWithTheCompilersErrorAtItsLineAndColumn() {
        JsonObject reply = execute("int fine = 1;\nint broken = ;").errorReply();
        assertEquals("CompilationError", reply.get("ename").getAsString());
        String traceback = reply.get("traceback").toString();
        assertTrue(traceback.contains("Compilation error at line 2, column 14 of this cell"), traceback);
    }

    @Test
    void aMagicUsedWronglyRepliesWithWhatToFixAndNoFrames() {
        JsonObject reply = execute("%nosuchmagic").errorReply();
        assertTrue(reply.get("evalue").getAsString().startsWith("Unknown line magic %nosuchmagic"), reply.toString());
        assertFalse(reply.get("traceback").toString().contains(" at "), reply.toString());
    }

    private static Executed execute(String code) {
        Message<ExecuteRequest> request = new Message<>(
                List.of(),
                new Header<>(ExecuteRequest.MESSAGE_TYPE),
                new ExecuteRequest(code, false, true, Map.of(), false, true));
        Recording env = new Recording(request);
        kernel.handleExecuteRequest(env, request);
        env.resolveDeferrals(); // the reply, the idle status, and this JVM's own System.out back
        return new Executed(env.published, env.replies);
    }

    private static JsonObject errorFields(JsonObject content) {
        JsonObject fields = new JsonObject();
        for (String name : List.of("ename", "evalue", "traceback")) {
            fields.add(name, content.get(name));
        }
        return fields;
    }

    /** What one execute_request sent, as the JSON of each message's content. */
    private record Executed(List<Message<?>> published, List<Message<?>> replies) {

        private static final Gson GSON = new Gson();

        /**
         * The execute_reply, which must be an error carrying what the cell showed (the error output's ename, evalue and
         * traceback, none of the kernel's own frames) and the cell's execution count.
         */
        JsonObject errorReply() {
            assertEquals(1, replies.size(), "one reply");
            JsonObject reply = GSON.toJsonTree(replies.getFirst().getContent()).getAsJsonObject();
            assertEquals("error", reply.get("status").getAsString(), reply.toString());
            assertEquals(errorFields(only(MessageType.PUBLISH_ERROR)), errorFields(reply));
            assertFalse(reply.get("traceback").toString().contains("ai.lepton.kernel"), reply.toString());
            int count = only(MessageType.PUBLISH_EXECUTE_INPUT)
                    .get("execution_count")
                    .getAsInt();
            assertEquals(count, reply.get("execution_count").getAsInt());
            return reply;
        }

        private JsonObject only(MessageType<?> type) {
            List<Message<?>> matching = published.stream()
                    .filter(message -> message.getHeader().getType() == type)
                    .toList();
            assertEquals(1, matching.size(), type.getName());
            return GSON.toJsonTree(matching.getFirst().getContent()).getAsJsonObject();
        }
    }

    /** A request's environment that keeps the messages the kernel sends instead of sending them. */
    private static final class Recording extends ShellReplyEnvironment {

        final List<Message<?>> published = new ArrayList<>();
        final List<Message<?>> replies = new ArrayList<>();

        Recording(Message<ExecuteRequest> request) {
            super(null, null, null, request);
        }

        @Override
        public void publish(Message<?> message) {
            published.add(message);
        }

        @Override
        public void reply(Message<?> message) {
            replies.add(message);
        }

        /** Keeps a deferred reply at once (nothing is sent, so nothing waits for the idle status). */
        @Override
        public ShellReplyEnvironment defer() {
            return this;
        }
    }
}
