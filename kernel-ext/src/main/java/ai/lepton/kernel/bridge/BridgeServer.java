package ai.lepton.kernel.bridge;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The kernel's end of the bridge: accepts connections from session JVMs on loopback, checks the
 * one-time token (so no other local process can inject output), and hands each message to the
 * kernel's publisher before acknowledging it.
 */
public final class BridgeServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BridgeServer.class.getName());
    private static final Gson GSON = new Gson();

    private final ServerSocket server;
    private final String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final Consumer<BridgeMessage> publisher;

    public BridgeServer(Consumer<BridgeMessage> publisher) {
        this.publisher = publisher;
        try {
            this.server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the display bridge on loopback", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "lepton-bridge-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The session JVM's {@code LEPTON_BRIDGE} setting. */
    public String address() {
        return server.getLocalPort() + ":" + token;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread reader = new Thread(() -> serve(socket), "lepton-bridge-session");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warning("display bridge accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            if (!token.equals(in.readLine())) {
                return;
            }
            OutputStream ack = socket.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                try {
                    publisher.accept(GSON.fromJson(line, BridgeMessage.class));
                } catch (JsonParseException | IllegalStateException e) {
                    LOG.warning("dropped a display the kernel could not publish: " + e.getMessage());
                }
                ack.write('\n');
                ack.flush();
            }
        } catch (IOException e) {
            // the session JVM went away; the session notices and reports it
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing on shutdown: nothing left to report to
        }
    }
}
