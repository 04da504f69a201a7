package ai.lepton.runtime.serve;

/**
 * The limits of the JDK's HTTP server that no handler can set: how long a client may take to send a request (its
 * headers and body), how long the server may take to answer it, and how many connections may be open. The JDK reads
 * them from system properties once per JVM, when its first server is created ({@code sun.net.httpserver.ServerConfig});
 * so they are set here before the first {@link PredictServer} creates its server, and a later server that asks for
 * other limits is refused rather than silently given the first one's. (An HTTP server some other code created earlier
 * in the JVM has fixed them already.)
 *
 * <p>{@code sun.net.httpserver.maxReqTime} is in seconds: module {@code jdk.httpserver}'s documentation says
 * milliseconds, but {@code ServerImpl} multiplies the value by 1000 (JDK 25). A connection past it is closed; one that
 * sends nothing is closed after the same time (its idle timer, checked every 10 s).
 *
 * <p>{@code sun.net.httpserver.maxRspTime}, in seconds too, runs from the moment the request has been read whole (its
 * body read to the end, or its headers when it has no body) until its answer has been written: so it counts the time
 * to predict as well as the time the client takes to read the answer. A connection past it is closed, and the handler
 * writing to it fails, freeing its thread: a client that never reads its answer holds a connection no longer than
 * that. (A request refused before its body is read is still being received while it is answered: the request timeout
 * bounds it.) Both are checked once a second. Past {@code jdk.httpserver.maxConnections} the server accepts and at
 * once closes new connections.
 */
final class JdkServerLimits {

    private record Limits(int requestTimeoutSeconds, int responseTimeoutSeconds, int maxConnections) {}

    private static Limits applied;

    private JdkServerLimits() {}

    static synchronized void apply(int requestTimeoutSeconds, int responseTimeoutSeconds, int maxConnections) {
        Limits wanted = new Limits(requestTimeoutSeconds, responseTimeoutSeconds, maxConnections);
        if (applied == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", String.valueOf(requestTimeoutSeconds));
            System.setProperty("sun.net.httpserver.maxRspTime", String.valueOf(responseTimeoutSeconds));
            System.setProperty("jdk.httpserver.maxConnections", String.valueOf(maxConnections));
            applied = wanted;
        } else if (!applied.equals(wanted)) {
            throw new IllegalStateException("This JVM's HTTP server already takes requests with a "
                    + applied.requestTimeoutSeconds() + " s request timeout, a " + applied.responseTimeoutSeconds()
                    + " s response timeout and at most " + applied.maxConnections()
                    + " connections (the JDK reads them once per JVM); start this server with the same, or in a new"
                    + " JVM.");
        }
    }
}
