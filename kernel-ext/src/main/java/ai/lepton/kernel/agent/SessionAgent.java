package ai.lepton.kernel.agent;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the user's code for the kernel: {@code java ... ai.lepton.kernel.agent.SessionAgent PORT}.
 * JShell's {@link LocalExecutionControl} does the work; it stops even loops that never check for
 * interruption, by instrumenting the user's classes.
 */
public final class SessionAgent {

    private SessionAgent() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Socket execution = connect(port);
        Socket stops = connect(port);
        ExecutionControl control = new LocalExecutionControl();
        Thread stopper = new Thread(() -> forwardStops(stops, control), "lepton-stop-listener");
        stopper.setDaemon(true);
        stopper.start();
        Map<String, Consumer<OutputStream>> outputs = Map.of(
                "out", stream -> System.setOut(new PrintStream(stream, true)),
                "err", stream -> System.setErr(new PrintStream(stream, true)));
        Map<String, Consumer<InputStream>> inputs = Map.of("in", System::setIn);
        Util.forwardExecutionControlAndIO(
                control, execution.getInputStream(), execution.getOutputStream(), outputs, inputs);
        // the kernel closed the session
        System.exit(0);
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true); // each JShell command is a small request/response: no Nagle delay
        return socket;
    }

    private static void forwardStops(Socket stops, ExecutionControl control) {
        try (InputStream in = stops.getInputStream()) {
            while (in.read() >= 0) {
                control.stop();
            }
        } catch (IOException | ExecutionControl.ExecutionControlException e) {
            // the kernel went away; the execution channel notices too
        }
    }
}
