package ai.lepton.base;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one channel through which Lepton's code tells the user something while it works: no library class prints lines
 * of its own. A notice goes to the installed {@link Sink}; the default, {@link #CONSOLE}, prints it as one line, on
 * standard output for information and on standard error for warnings, which in a notebook are the running cell's two
 * streams, as Jupyter shows a Python library's messages and warnings. A test, or a host that shows notices its own
 * way, installs another sink for a while with {@link #use(Sink)}.
 */
public final class Notices {

    /** Where notices are shown. */
    @FunctionalInterface
    public interface Sink {
        void show(Notice notice);
    }

    /** A sink installed by {@link #use(Sink)}; closing it puts back the sink it replaced. */
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * One line per notice: information on standard output, warnings on standard error, each read when the notice comes
     * (so it follows a stream that was redirected meanwhile, as a notebook session's are).
     */
    public static final Sink CONSOLE =
            notice -> (notice.level() == Notice.Level.WARNING ? System.err : System.out).println(notice.text());

    private static volatile Sink sink = CONSOLE;

    private Notices() {}

    public static void info(String text) {
        show(Notice.info(text));
    }

    public static void warning(String text) {
        show(Notice.warning(text));
    }

    /** Shows {@code notice} with the installed sink; from any thread (a sweep's trials tell from theirs). */
    public static void show(Notice notice) {
        sink.show(Objects.requireNonNull(notice, "notice"));
    }

    /**
     * Shows every notice with {@code replacement}, whatever thread it comes from, until the returned handle is closed
     * (try-with-resources); installations nest, each closed before the one it replaced.
     */
    public static synchronized Installed use(Sink replacement) {
        Sink previous = sink;
        sink = Objects.requireNonNull(replacement, "sink");
        return () -> {
            synchronized (Notices.class) {
                sink = previous;
            }
        };
    }

    /**
     * Until the returned handle is closed, a notice equal to one already shown since this call is not shown again: work
     * made of many like parts tells each thing once (a text sweep's trials cut the same texts to max_length, and each
     * says so).
     */
    public static synchronized Installed eachOnce() {
        Sink shown = sink;
        Set<Notice> seen = ConcurrentHashMap.newKeySet();
        return use(notice -> {
            if (seen.add(notice)) {
                shown.show(notice);
            }
        });
    }
}
