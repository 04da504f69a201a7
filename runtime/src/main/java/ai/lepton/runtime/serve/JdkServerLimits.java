package ai.lepton.runtime.serve;

/**
 * The limits of the JDK's HTTP server that no handler can set: how long a client may take to send a request (its
 * headers and body) and how many connections may be open. The JDK reads them from system properties once per JVM,
 * when its first server is created ({@code sun.net.httpserver.ServerConfig}); so they are set here before the first
 * {@link PredictServer} creates its server, and a later server that asks for other limits is refused rather than
 * silently given the first one's. (An HTTP server some other code created earlier in the JVM has fixed them already.)
 *
 * <p>{@code sun.net.httpserver.maxReqTime} is in seconds: module {@code jdk.httpserver}'s documentation says
 * milliseconds, but {@code ServerImpl} multiplies the value by 1000 (JDK 25). A connection past it is closed; one that
 * sends nothing is closed after the same time (its idle timer, checked every 10 s). Past
 * {@code jdk.httpserver.maxConnections} the server accepts and at once closes new connections.
 */
final class JdkServerLimits {

    private record Limits(int requestTimeoutSeconds, int maxConnections) {}

    private static Limits applied;

    private JdkServerLimits() {}

    static synchronized void apply(int requestTimeoutSeconds, int maxConnections) {
        Limits wanted = new Limits(requestTimeoutSeconds, maxConnections);
        if (applied == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(requestTimeoutSeconds));
            System.setProperty("jdk.httpserver.maxConnections", String.valueOf(maxConnections));
            applied = wanted;
        } else if (!applied.equals(wanted)) {
            throw new IllegalStateException("This JVM's HTTP server already takes requests with a "
                    + applied.requestTimeoutSeconds() + " s request timeout and at most " + applied.maxConnections()
                    + " connections (the JDK reads both once per JVM); start this server with the same, or in a new"
                    + " JVM.");
        }
    }
}
