package ai.lepton.kernel.bridge;

import ai.lepton.base.Settings;
import com.google.gson.Gson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The session JVM's end of the bridge. The kernel passes its address and a one-time token in the
 * setting {@code LEPTON_BRIDGE} (a system property of the session JVM) as {@code port:token}.
 */
public final class BridgeClient {

    private static final Gson GSON = new Gson();
    private static BridgeClient instance;

    private final Writer out;
    private final BufferedReader acks;

    private BridgeClient(Socket socket) throws IOException {
        this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        this.acks = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The connection to the kernel, opened on first use; null outside a Lepton session. */
    public static synchronized BridgeClient get() {
        if (instance == null) {
            String address = Settings.BRIDGE.get();
            if (address == null) {
                return null;
            }
            instance = connect(address);
        }
        return instance;
    }

    private static BridgeClient connect(String address) {
        String[] portAndToken = address.split(":", 2);
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(portAndToken[0]));
            socket.setTcpNoDelay(true);
            BridgeClient client = new BridgeClient(socket);
            client.out.write(portAndToken[1] + "\n");
            client.out.flush();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Lepton: cannot reach the kernel's display bridge at port " + portAndToken[0], e);
        }
    }

    /** Sends one message and waits until the kernel has published it. */
    public synchronized void send(BridgeMessage message) {
        try {
            out.write(GSON.toJson(message));
            out.write('\n');
            out.flush();
            if (acks.readLine() == null) {
                throw new IOException("the kernel closed the display bridge");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Lepton: display bridge failed: " + e.getMessage(), e);
        }
    }
}
