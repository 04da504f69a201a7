package ai.lepton.kernel.session;

import ai.lepton.base.JvmOptions;
import ai.lepton.base.Settings;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * JShell's execution engine for one session JVM: launches {@code SessionAgent} as a child process,
 * speaks JShell's execution protocol with it over loopback, and sends stop requests on a second
 * socket. Owning the process lets the kernel end it and read how it ended.
 */
final class SessionJvm implements ExecutionControlProvider {

    private static final int CONNECT_TIMEOUT_MILLIS = 60_000;

    private final List<String> command;
    private final SessionSettings settings;
    private Process process;
    private volatile boolean killed;

    SessionJvm(SessionSettings settings) {
        this.settings = settings;
        List<String> command = new ArrayList<>(JvmOptions.javaCommand());
        command.addAll(List.of(
                "-cp",
                String.join(File.pathSeparator, settings.classpath()),
                "-D" + Settings.BRIDGE.property() + "=" + settings.bridgeAddress(),
                "-XX:ErrorFile=" + settings.crashDir().resolve("hs_err_pid%p.log"),
                // Lepton ships PyTorch's natives; an engine that %maven adds (d2l-java's notebooks ask for MXNet)
                // would otherwise outrank it and try to download its own. DJL_DEFAULT_ENGINE or a later -D still
                // choose.
                "-Dai.djl.default_engine=PyTorch"));
        command.addAll(settings.vmOptions());
        command.add("ai.lepton.kernel.agent.SessionAgent");
        this.command = command;
    }

    @Override
    public String name() {
        return "lepton-session";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws IOException {
        Files.createDirectories(settings.crashDir()); // the JVM writes its crash report only into a folder that exists
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            List<String> launch = new ArrayList<>(command);
            launch.add(String.valueOf(server.getLocalPort()));
            process = new ProcessBuilder(launch)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            Socket execution = accept(server);
            Socket stops = accept(server);
            Map<String, OutputStream> outputs = Map.of("out", env.userOut(), "err", env.userErr());
            Map<String, InputStream> inputs = Map.of("in", env.userIn());
            return Util.remoteInputOutput(
                    execution.getInputStream(),
                    execution.getOutputStream(),
                    outputs,
                    inputs,
                    (objectIn, objectOut) -> new Control(objectOut, objectIn, stops));
        }
    }

    private Socket accept(ServerSocket server) throws IOException {
        try {
            Socket socket = server.accept();
            socket.setTcpNoDelay(true);
            return socket;
        } catch (SocketTimeoutException e) {
            process.destroyForcibly();
            throw new IOException(
                    "the session JVM did not connect within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s: " + command, e);
        }
    }

    /** Ends the session JVM at once (an interrupt it ignored). */
    void kill() {
        killed = true;
        process.destroyForcibly();
    }

    boolean killed() {
        return killed;
    }

    /** The session JVM's exit code, once it has ended (waits briefly for it). */
    OptionalInt exitCode() {
        try {
            return process != null && process.waitFor(5, TimeUnit.SECONDS)
                    ? OptionalInt.of(process.exitValue())
                    : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    long pid() {
        return process.pid();
    }

    /** JShell's streaming control, with stop requests sent out of band. */
    private final class Control extends StreamingExecutionControl {

        private final Socket stops;

        Control(ObjectOutput out, ObjectInput in, Socket stops) {
            super(out, in);
            this.stops = stops;
        }

        @Override
        public void stop() {
            try {
                stops.getOutputStream().write(1);
                stops.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException("could not reach the session JVM to stop it", e);
            }
        }

        @Override
        public void close() {
            super.close();
            try {
                stops.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            process.destroy();
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
