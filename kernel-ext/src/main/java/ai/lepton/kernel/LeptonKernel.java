package ai.lepton.kernel;

import ai.lepton.base.LeptonException;
import ai.lepton.base.Settings;
import ai.lepton.base.Suggestions;
import ai.lepton.kernel.bridge.BridgeMessage;
import ai.lepton.kernel.bridge.BridgeServer;
import ai.lepton.kernel.deps.DependencyResolver;
import ai.lepton.kernel.deps.LibraryFamily;
import ai.lepton.kernel.deps.SessionLibraries;
import ai.lepton.kernel.history.FileHistory;
import ai.lepton.kernel.history.HistoryTuples;
import ai.lepton.kernel.magic.CellParser;
import ai.lepton.kernel.magic.CellSegment;
import ai.lepton.kernel.magic.MagicArgs;
import ai.lepton.kernel.magic.MagicCompleter;
import ai.lepton.kernel.magic.MagicException;
import ai.lepton.kernel.magic.MagicKernel;
import ai.lepton.kernel.reply.CellError;
import ai.lepton.kernel.reply.InterruptDone;
import ai.lepton.kernel.reply.KernelInfo;
import ai.lepton.kernel.reply.ShutdownDone;
import ai.lepton.kernel.session.CellException;
import ai.lepton.kernel.session.JavaSession;
import ai.lepton.kernel.session.LastValue;
import ai.lepton.kernel.session.SessionSettings;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lepton kernel: Jupyter requests in, a {@link JavaSession} doing the work. Cells are split into
 * magics, which run here, and Java, which runs in the session JVM; results and displays come back
 * over the {@link BridgeServer}.
 */
public final class LeptonKernel extends BaseKernel implements MagicKernel {

    private static final Logger LOG = Logger.getLogger(LeptonKernel.class.getName());
    /** The word being typed at the end of a line of a magic's body. */
    private static final Pattern BODY_WORD = Pattern.compile("[\\w.:\\-]*$");

    private final KernelEnvironment environment;
    private final KernelIO cellIo;
    private final FileHistory history;
    private final BridgeServer bridge;
    private final JavaSession session;
    private final SessionLibraries libraries;
    private final DependencyResolver dependencies;
    private CompletableFuture<Void> sessionReady;
    private volatile DisplayData pendingResult;
    private final Map<String, MagicCompleter> magicCompleters = new ConcurrentHashMap<>();

    LeptonKernel(
            KernelEnvironment environment,
            FileHistory history,
            KernelIO io,
            CommManager comms,
            Renderer renderer,
            MagicParser magicParser,
            MagicsRegistry magics,
            boolean extensionsEnabled,
            StringStyler errorStyler) {
        super(
                "Lepton",
                environment.version(),
                new LanguageInfo(
                        "java",
                        Runtime.version().toString(),
                        "text/x-java-source",
                        ".jshell",
                        "java",
                        "java",
                        "script"),
                List.of(),
                history,
                io,
                comms,
                renderer,
                magicParser,
                magics,
                extensionsEnabled,
                errorStyler);
        this.environment = environment;
        this.cellIo = io;
        this.history = history;
        this.bridge = new BridgeServer(this::publish);
        // the session reads this kernel's cells from the history file to record which source produced a run
        List<String> vmOptions = new ArrayList<>(environment.sessionVmOptions());
        vmOptions.add("-D" + Settings.HISTORY.property() + "=" + environment.historyFile());
        vmOptions.add("-D" + Settings.HISTORY_SESSION.property() + "=" + history.session());
        SessionSettings settings = new SessionSettings(
                environment.sessionClasspath(), vmOptions, environment.crashDirectory(), bridge.address());
        this.session = new JavaSession(settings, io.out, io.err, io.in);
        this.libraries = new SessionLibraries(environment.sessionClasspath(), environment.sessionCore());
        this.dependencies = new DependencyResolver(libraries);
    }

    @Override
    public String getBanner() {
        return "Lepton " + environment.version() + " — Java " + Runtime.version() + " research workbench";
    }

    @Override
    public void onStartup() {
        super.onStartup();
        // The session JVM starts while Jupyter finishes connecting; the first cell waits for it.
        sessionReady = CompletableFuture.runAsync(session::start);
    }

    @Override
    public void onShutdown(boolean restart) {
        session.close();
        bridge.close();
        dependencies.close();
        super.onShutdown(restart);
    }

    /**
     * jjava's handling of an execute_request, but for the reply of a failed cell: jjava fills it with the kernel's own
     * stack, which {@code nbconvert --execute} prints; here it carries the error the notebook shows.
     */
    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        replaceOutputStreams(env);
        cellIo.attach(env, request.isStdinEnabled());
        env.defer(() -> cellIo.detach(env));
        try {
            DisplayData result = eval(request.getCode());
            if (result != null) {
                env.publish(new PublishExecuteResult(count, result));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (Exception e) {
            CellError error = cellError(e);
            env.publish(error.published());
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error.reply(count));
        }
    }

    private CellError cellError(Exception error) {
        String name = error instanceof CellException cell
                ? cell.errorName()
                : error.getClass().getSimpleName();
        return new CellError(name, error.getLocalizedMessage(), formatError(error));
    }

    @Override
    public DisplayData eval(String code) {
        int cell = executionCount.get() - 1;
        history.record(cell, code);
        return evalCell(code);
    }

    /** Runs a cell's magics and Java in order; the last segment's value is the cell's result. */
    @Override
    public DisplayData evalCell(String code) {
        DisplayData result = null;
        for (CellSegment segment : CellParser.parse(code)) {
            result = switch (segment) {
                case CellSegment.Java java -> evalJava(java.code());
                case CellSegment.LineMagic magic -> runLineMagic(magic);
                case CellSegment.CellMagic magic -> runCellMagic(magic);
            };
        }
        return result;
    }

    /** Evaluates a cell's Java in the session and returns the rendered value of its last expression, if any. */
    public DisplayData evalJava(String code) throws CellException {
        return evalInSession(code, "In [" + (executionCount.get() - 1) + "]");
    }

    /**
     * Evaluates Java that a magic generated (a call into the session's side of an extension). Errors
     * from it never show its own frames: the user did not write that code.
     */
    public DisplayData evalMagicCall(String code) throws CellException {
        return evalInSession(code, null);
    }

    private DisplayData evalInSession(String code, String cellLabel) {
        awaitSession();
        if (session.hasCode(code)) {
            startAfreshIfPinned();
        }
        LastValue value = session.eval(code, cellLabel);
        if (value == null) {
            return null;
        }
        if (value.isPlain()) {
            return new DisplayData(value.text());
        }
        pendingResult = null;
        session.publish(value);
        return pendingResult;
    }

    private DisplayData runLineMagic(CellSegment.LineMagic magic) {
        Set<String> known = magicsRegistry.getLineMagicNames();
        if (!known.contains(magic.name())) {
            throw new MagicException("Unknown line magic %" + magic.name() + " on line " + (magic.line() + 1) + "."
                    + Suggestions.didYouMean("%", magic.name(), known) + " Line magics here: "
                    + String.join(
                            ", ",
                            new TreeSet<>(known).stream().map(n -> "%" + n).toList()) + ".");
        }
        return runMagic("%" + magic.name(), () -> magicsRegistry.evalLineMagic(this, magic.name(), magic.args()));
    }

    private DisplayData runCellMagic(CellSegment.CellMagic magic) {
        Set<String> known = magicsRegistry.getCellMagicNames();
        if (!known.contains(magic.name())) {
            throw new MagicException("Unknown cell magic %%" + magic.name() + "."
                    + Suggestions.didYouMean("%%", magic.name(), known) + " Cell magics here: "
                    + String.join(
                            ", ",
                            new TreeSet<>(known).stream().map(n -> "%%" + n).toList()) + ".");
        }
        return runMagic(
                "%%" + magic.name(),
                () -> magicsRegistry.evalCellMagic(this, magic.name(), magic.args(), magic.body()));
    }

    private DisplayData runMagic(String name, Callable<Object> magic) {
        Object value;
        try {
            value = magic.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MagicException(name + " failed: " + e.getMessage(), e);
        }
        return asDisplay(value);
    }

    private DisplayData asDisplay(Object value) {
        if (value == null || value instanceof DisplayData) {
            return (DisplayData) value;
        }
        return renderer.render(value);
    }

    private void awaitSession() throws CellException {
        try {
            sessionReady.join();
        } catch (CompletionException e) {
            String reason = e.getCause() == null ? e.toString() : e.getCause().toString();
            sessionReady = CompletableFuture.runAsync(session::start);
            throw new CellException(
                    "SessionNotStarted",
                    "The Java session could not start",
                    List.of(
                            "The Java session could not start: " + reason,
                            "Lepton tries again on the next cell. If this repeats, check LEPTON_SESSION_JAVA_OPTIONS and the kernel's log."));
        }
    }

    /**
     * At the notebook's first Java code (comments alone run nothing): when the jars it added before replace libraries
     * Lepton ships, the session starts afresh on the classpath with them (nothing of the notebook's has run yet).
     */
    private void startAfreshIfPinned() {
        libraries.firstJava().ifPresent(classpath -> {
            try {
                session.startAfresh(classpath);
            } catch (RuntimeException e) {
                sessionReady = CompletableFuture.runAsync(session::start);
                throw new CellException(
                        "SessionNotStarted",
                        "The Java session could not start with the pinned jars",
                        List.of(
                                "The Java session could not start with the jars pinned by %maven, %%loadFromPOM, %jars or"
                                        + " %classpath: " + e.getMessage(),
                                "Lepton tries again on the next cell; check the pinned versions."));
            }
        });
    }

    /** Waits for the session; false when it failed to start (the next executed cell reports why and retries). */
    private boolean sessionStarted() {
        try {
            sessionReady.join();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    /** Publishes what the session JVM sent over the bridge. */
    private void publish(BridgeMessage message) {
        switch (message.kind()) {
            case RESULT -> pendingResult = toDisplayData(message);
            case DISPLAY, UPDATE -> {
                if (!io.display.isAttached()) {
                    LOG.warning("a display arrived while no cell was running; dropped");
                    return;
                }
                DisplayData data = toDisplayData(message);
                if (message.kind() == BridgeMessage.Kind.DISPLAY) {
                    data.setDisplayId(message.displayId());
                    io.display.display(data);
                } else {
                    io.display.updateDisplay(message.displayId(), data);
                }
            }
        }
    }

    private static DisplayData toDisplayData(BridgeMessage message) {
        DisplayData data = new DisplayData();
        message.data().forEach(data::putData);
        if (message.metadata() != null) {
            message.metadata().forEach(data::putMetaData);
        }
        return data;
    }

    /**
     * Adds jars or folders to the session's classpath and installs kernel extensions found in them. Before the
     * notebook's first Java code, those that replace libraries Lepton ships wait for the session that code starts.
     */
    @Override
    public void addToClasspath(List<Path> paths) {
        libraries.add(paths).ifPresent(io.out::println);
        boolean now = !libraries.awaitsFreshSession();
        if (now) {
            awaitSession();
        }
        List<URL> urls = new ArrayList<>();
        for (Path path : paths) {
            if (now) {
                session.addToClasspath(path.toAbsolutePath().toString());
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new MagicException("Not a usable path: " + path, e);
            }
        }
        installExtensions(new URLClassLoader(urls.toArray(URL[]::new), getClassLoader()));
    }

    @Override
    public DependencyResolver dependencies() {
        return dependencies;
    }

    /** The folder relative paths in magics start from: the notebook's folder, where Jupyter starts the kernel. */
    @Override
    public Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }

    @Override
    public Object evalRaw(String code) {
        return evalCell(code);
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        List<HistoryEntry> entries = switch (message.getContent()) {
            case HistoryRequest.Tail tail -> history.lookupTail(tail.getMaxReturnLength(), Set.of());
            case HistoryRequest.Range range ->
                history.lookupRange(range.getSessionIndex(), range.getStart(), range.getStop(), Set.of());
            case HistoryRequest.Search search ->
                history.search(
                        search.getPattern(),
                        search.getMaxReturnLength(),
                        search.filterUnique() ? Set.of(HistoryManager.ResultFlag.UNIQUE) : Set.of());
            default -> List.of();
        };
        env.reply(new HistoryTuples(entries, message.getContent().includeOutput()));
    }

    // jjava's replies to kernel_info, interrupt and shutdown requests, with the status the messaging spec requires

    @Override
    protected void handleInterruptRequest(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        env.setBusyDeferIdle();
        env.defer().reply(new InterruptDone());
        interrupt();
    }

    @Override
    protected void handleShutdownRequest(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        boolean restart = message.getContent().isRestart();
        env.setBusyDeferIdle();
        env.defer().reply(new ShutdownDone(restart));
        onShutdown(restart);
        env.resolveDeferrals();
        env.markForShutdown();
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfo(getName(), getVersion(), getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    @Override
    public void interrupt() {
        session.interrupt();
    }

    @Override
    public List<String> formatError(Throwable error) {
        if (error instanceof CellException cell) {
            return cell.report();
        }
        if (error instanceof LeptonException mistake) { // a magic used wrongly, a dependency that does not resolve
            return mistake.getMessage().lines().toList();
        }
        // Not a mistake in the user's input but a fault in Lepton: keep the frames for the bug report.
        List<String> lines = new ArrayList<>();
        lines.add("Lepton internal error (please report it): " + error);
        for (StackTraceElement frame : error.getStackTrace()) {
            lines.add("    at " + frame);
        }
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            lines.add("Caused by: " + cause);
        }
        return lines;
    }

    /**
     * Lets an extension keep a family of the libraries it ships at their version, whatever notebooks pin (Lepton's DJL).
     */
    public void keepFamily(LibraryFamily family) {
        libraries.keep(family);
    }

    /** Lets an extension complete the arguments of its magic {@code magic} (both {@code %magic} and {@code %%magic}). */
    public void registerMagicCompleter(String magic, MagicCompleter completer) {
        magicCompleters.put(magic, completer);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        String line = code.substring(lineStart, at).stripLeading();
        if (line.startsWith("%")) {
            boolean cellMagic = line.startsWith("%%");
            String typed = line.substring(cellMagic ? 2 : 1);
            if (typed.contains(" ")) {
                return completeMagicArguments(cellMagic, typed, at);
            }
            Set<String> names = cellMagic ? magicsRegistry.getCellMagicNames() : magicsRegistry.getLineMagicNames();
            List<String> matches = new TreeSet<>(names)
                    .stream().filter(name -> name.startsWith(typed)).toList();
            return new ReplacementOptions(matches, at - typed.length(), at);
        }
        String cell = code.stripLeading();
        if (cell.startsWith("%%") && lineStart > code.indexOf("%%")) {
            return completeCellBody(cell, code.substring(lineStart, at), at); // the body is the magic's, not Java
        }
        if (!sessionStarted()) {
            return null;
        }
        JavaSession.Completions completions = session.complete(MagicLines.blank(code), at);
        return new ReplacementOptions(completions.options(), completions.start(), completions.end());
    }

    private ReplacementOptions completeCellBody(String cell, String line, int at) {
        int newline = cell.indexOf('\n');
        List<String> header = MagicArgs.split(cell.substring(2, newline < 0 ? cell.length() : newline));
        MagicCompleter completer = header.isEmpty() ? null : magicCompleters.get(header.getFirst());
        if (completer == null) {
            return null;
        }
        Matcher word = BODY_WORD.matcher(line);
        String partial = word.find() ? word.group() : "";
        List<String> options = completer.completeBody(header.subList(1, header.size()), line, partial);
        return new ReplacementOptions(options, at - partial.length(), at);
    }

    private ReplacementOptions completeMagicArguments(boolean cellMagic, String typed, int at) {
        List<String> words = List.of(typed.split("\\s+", -1));
        MagicCompleter completer = magicCompleters.get(words.getFirst());
        if (completer == null) {
            return null;
        }
        String partial = words.getLast();
        List<String> options = completer.complete(cellMagic, words.subList(1, words.size() - 1), partial);
        return new ReplacementOptions(options, at - partial.length(), at);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        if (!sessionStarted()) {
            return null;
        }
        String documentation = session.documentation(MagicLines.blank(code), at);
        return documentation.isBlank() ? null : new DisplayData(documentation);
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%%")) {
            return IS_COMPLETE_YES;
        }
        String java = MagicLines.blank(code);
        if (java.isBlank()) {
            return IS_COMPLETE_YES;
        }
        if (!sessionStarted()) {
            return IS_COMPLETE_YES; // let the cell run: executing it reports why the session is down
        }
        String status = session.completeness(java);
        return "incomplete".equals(status) ? "    " : status;
    }
}
