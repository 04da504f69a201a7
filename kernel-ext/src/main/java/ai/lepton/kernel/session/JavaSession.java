package ai.lepton.kernel.session;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A JShell whose code runs in a separate JVM. The kernel keeps one; when its JVM ends under a cell
 * the session starts a fresh one, re-adds the classpath the user built up, and reports the loss.
 */
public final class JavaSession implements AutoCloseable {

    /** How long a stopped cell may keep running before its JVM is ended. */
    static final long STOP_GRACE_MILLIS = 1500;

    private static final List<String> STARTUP = List.of(
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import static ai.lepton.kernel.notebook.Notebook.*;");

    private volatile SessionSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    /** What the session JVM prints, passed on in whole lines (see {@link LineStream}). */
    private final LineStream outLines;

    private final LineStream errLines;
    private final InputStream in;
    private final List<String> addedClasspath = new ArrayList<>();
    private final Tracebacks tracebacks = new Tracebacks();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lepton-interrupt-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private volatile JShell shell;
    private volatile SessionJvm jvm;
    private volatile boolean lost;
    private volatile boolean running;
    private volatile boolean interruptRequested;
    /** Counts evaluations, so the interrupt watchdog ends only the one it was armed for. */
    private final AtomicLong evaluation = new AtomicLong();

    public JavaSession(SessionSettings settings, PrintStream out, PrintStream err, InputStream in) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.in = in;
        this.outLines = new LineStream(out);
        this.errLines = new LineStream(err);
    }

    /** Starts the session JVM and prepares it (classpath, imports). */
    public synchronized void start() {
        SessionJvm createdJvm = new SessionJvm(settings);
        JShell created = JShell.builder()
                .out(new PrintStream(outLines, false, StandardCharsets.UTF_8))
                .err(new PrintStream(errLines, false, StandardCharsets.UTF_8))
                .in(in)
                .executionEngine(createdJvm, Map.of())
                .fileManager(CompilerClasspath.withoutHost())
                .build();
        created.onShutdown(closed -> {
            if (closed == shell) {
                lost = true;
            }
        });
        // The compiler learns the classpath through addToClasspath (CompilerClasspath drops the kernel JVM's own from
        // it): a --class-path compiler option would hide every path added later by %maven or %jars.
        created.addToClasspath(String.join(File.pathSeparator, settings.classpath()));
        for (String path : addedClasspath) {
            created.addToClasspath(path);
        }
        shell = created;
        jvm = createdJvm;
        lost = false;
        for (String line : STARTUP) {
            SnippetEvent event = created.eval(line).getFirst();
            if (event.status() == Snippet.Status.REJECTED || event.exception() != null) {
                throw new IllegalStateException("the session JVM could not run its start-up line " + line + ": "
                        + created.diagnostics(event.snippet())
                                .map(d -> d.getMessage(null))
                                .collect(Collectors.joining("; ")));
            }
        }
    }

    /**
     * Evaluates a cell of Java and returns the value of its last expression, if it has one.
     *
     * @param cellLabel how reports name this cell, for example {@code "In [4]"}; null for code a magic
     *                  generated, whose frames reports leave out
     */
    public LastValue eval(String cell, String cellLabel) throws CellException {
        if (lost) {
            throw sessionLost(); // it ended between cells, for example from a background thread
        }
        JShell current = shell;
        CellSplitter splitter = new CellSplitter(current.sourceCodeAnalysis());
        interruptRequested = false;
        try {
            return evalPieces(current, splitter, cell, cellLabel);
        } finally {
            outLines.drain(); // the cell's last words, a line's start too, before its reply
            errLines.drain();
        }
    }

    private LastValue evalPieces(JShell current, CellSplitter splitter, String cell, String cellLabel)
            throws CellException {
        LastValue last = null;
        for (CellPiece piece : splitter.split(cell)) {
            SnippetEvent event = run(current, piece.source());
            tracebacks.remember(event.snippet().id(), cellLabel, piece.firstLine());
            if (event.status() == Snippet.Status.REJECTED) {
                throw tracebacks.compileError(
                        cell, piece, current.diagnostics(event.snippet()).toList());
            }
            if (event.exception() != null) {
                throw tracebacks.exception(event.exception());
            }
            warnIfUnresolved(current, event);
            last = displayCall(piece.source()) ? null : valueOf(event);
        }
        ExpressionResults.forgetOld(current);
        return last;
    }

    /** Whether {@code cell} holds code to run, rather than comments and blank lines alone. */
    public boolean hasCode(String cell) {
        if (lost) {
            return true; // running it reports the loss and starts a fresh session
        }
        return !new CellSplitter(shell.sourceCodeAnalysis()).split(cell).isEmpty();
    }

    /** Shows a non-plain value by rendering it in the session, which sends it back as the cell's result. */
    public void publish(LastValue value) throws CellException {
        SnippetEvent event = run(shell, "ai.lepton.kernel.notebook.Notebook.publishResult(" + value.name() + ");");
        if (event.exception() != null) {
            throw tracebacks.exception(event.exception());
        }
    }

    private SnippetEvent run(JShell current, String source) throws CellException {
        List<SnippetEvent> events;
        evaluation.incrementAndGet();
        running = true;
        try {
            events = current.eval(source);
        } catch (IllegalStateException closed) {
            throw sessionLost();
        } finally {
            running = false;
        }
        if (lost) {
            throw sessionLost();
        }
        if (interruptRequested) {
            throw new CellException(
                    "Interrupted",
                    "the cell was stopped",
                    List.of("Interrupted: the cell was stopped. Definitions from earlier cells are kept."));
        }
        return events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(events.getFirst());
    }

    private void warnIfUnresolved(JShell current, SnippetEvent event) {
        if (event.snippet() instanceof DeclarationSnippet declaration
                && (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                        || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
            String missing = current.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
            err.println("Note: " + declaration.name() + " is defined, but can be used only once " + missing
                    + " is defined.");
        }
    }

    /** {@code display(x)} returns its display id for later updates; as a cell's last line it is not worth showing. */
    private static boolean displayCall(String source) {
        return source.startsWith("display(");
    }

    private static LastValue valueOf(SnippetEvent event) {
        Snippet snippet = event.snippet();
        if (snippet instanceof VarSnippet variable
                && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return new LastValue(variable.name(), variable.typeName(), event.value());
        }
        if (snippet instanceof ExpressionSnippet expression && !"void".equals(expression.typeName())) {
            return new LastValue(expression.name(), expression.typeName(), event.value());
        }
        return null;
    }

    /**
     * Stops the running cell (a Jupyter interrupt). JShell stops the user thread at once, even in a
     * loop that never checks for interruption; if the code still runs after a grace period (stuck in
     * native code, say), the session JVM is ended and a fresh one started.
     */
    public void interrupt() {
        JShell current = shell;
        SessionJvm currentJvm = jvm;
        if (!running || current == null) {
            return;
        }
        long stopped = evaluation.get();
        interruptRequested = true;
        try {
            current.stop();
        } catch (RuntimeException ignored) {
            // the watchdog below handles a session that cannot be stopped
        }
        watchdog.schedule(
                () -> {
                    if (running && current == shell && evaluation.get() == stopped) {
                        currentJvm.kill();
                    }
                },
                STOP_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Ends the session JVM and starts one on {@code classpath} instead, with nothing added to it: for a notebook whose
     * pins replace libraries of the classpath it started on, before any of its code has run.
     */
    public synchronized void startAfresh(List<String> classpath) {
        settings = settings.withClasspath(classpath);
        addedClasspath.clear();
        restart();
    }

    /** Adds a jar or folder to the session's classpath; kept across session restarts. */
    public void addToClasspath(String path) {
        addedClasspath.add(path);
        shell.addToClasspath(path);
    }

    private SessionLostException sessionLost() {
        SessionJvm ended = jvm;
        String cause = SessionExit.describe(ended.killed(), ended.exitCode(), STOP_GRACE_MILLIS);
        List<String> report = new ArrayList<>();
        report.add("The Java session ended: " + cause + ".");
        if (!ended.killed()) {
            crashReport(ended.pid()).ifPresent(file -> report.add("The JVM's crash report: " + file));
        }
        restart();
        report.add(
                "A fresh session is running. Variables, methods and classes from earlier cells are gone: run those cells again.");
        if (!addedClasspath.isEmpty()) {
            report.add("Jars and folders added with %maven, %jars or %classpath are on the new session's classpath.");
        }
        return new SessionLostException("The Java session was restarted: " + cause, report);
    }

    private Optional<Path> crashReport(long pid) {
        Path report = settings.crashDir().resolve("hs_err_pid" + pid + ".log");
        return Files.isRegularFile(report) ? Optional.of(report) : Optional.empty();
    }

    private void restart() {
        JShell old = shell;
        try {
            old.close();
        } catch (RuntimeException ignored) {
            // already dead
        }
        start();
    }

    /** Code completion of the snippet around {@code cursor}. */
    public Completions complete(String cell, int cursor) {
        if (lost) {
            return new Completions(List.of(), cursor, cursor); // the next cell reports the loss and restarts
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        for (CellPiece piece : new CellSplitter(analysis).split(cell)) {
            if (piece.contains(cursor)) {
                int[] anchor = new int[1];
                List<String> options =
                        analysis.completionSuggestions(piece.source(), cursor - piece.offset(), anchor).stream()
                                .map(SourceCodeAnalysis.Suggestion::continuation)
                                .distinct()
                                .toList();
                return new Completions(options, piece.offset() + anchor[0], cursor);
            }
        }
        return new Completions(List.of(), cursor, cursor);
    }

    /** Signature and Javadoc of what is under {@code cursor}, or an empty string. */
    public String documentation(String cell, int cursor) {
        if (lost) {
            return "";
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        for (CellPiece piece : new CellSplitter(analysis).split(cell)) {
            if (piece.contains(cursor)) {
                String source = piece.source();
                int at = cursor - piece.offset();
                String found = documentation(analysis, source, at);
                if (found.isEmpty()) {
                    // On a method name rather than inside its parentheses: ask as if the call were opened.
                    int end = at;
                    while (end < source.length() && Character.isJavaIdentifierPart(source.charAt(end))) {
                        end++;
                    }
                    found = documentation(analysis, source.substring(0, end) + "(", end + 1);
                }
                return found;
            }
        }
        return "";
    }

    private static String documentation(SourceCodeAnalysis analysis, String source, int at) {
        return analysis.documentation(source, at, true).stream()
                .map(doc -> doc.javadoc() == null ? doc.signature() : doc.signature() + "\n\n" + doc.javadoc())
                .collect(Collectors.joining("\n\n"));
    }

    /** Jupyter's is_complete status of a cell of Java. */
    public String completeness(String cell) {
        if (lost) {
            return "unknown";
        }
        return new CellSplitter(shell.sourceCodeAnalysis()).completeness(cell);
    }

    /** Completion options and the cell range they replace. */
    public record Completions(List<String> options, int start, int end) {}

    @Override
    public void close() {
        watchdog.shutdownNow();
        JShell current = shell;
        shell = null;
        if (current != null) {
            current.close();
        }
    }
}
