package ai.lepton.kernel.session;

import ai.lepton.kernel.magic.MagicException;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JShell's diagnostics and remote exceptions into reports a person reads: the cell line and
 * column of a compile error with a caret under it; for an exception its message, cause chain and
 * the frames of the user's code and the library it called, without JShell's own machinery.
 */
final class Tracebacks {

    private static final int MAX_LIBRARY_FRAMES = 8;
    /** Magic errors say what to fix; their frames would only add noise. */
    private static final String USAGE_ERROR = MagicException.class.getName();
    /** Lepton's own errors explain themselves: show the user's frames, not the library's. */
    private static final String LEPTON_PACKAGE = "ai.lepton.";

    /** Where each evaluated snippet came from, so frames can name cell lines. */
    private final Map<String, SnippetOrigin> origins = new HashMap<>();

    /** Where a snippet came from; a null label marks code a magic generated, which reports never show. */
    record SnippetOrigin(String cellLabel, int firstLine) {}

    void remember(String snippetId, String cellLabel, int firstLine) {
        origins.put(snippetId, new SnippetOrigin(cellLabel, firstLine));
    }

    CellException compileError(String cell, CellPiece piece, List<Diag> diagnostics) {
        List<String> report = new ArrayList<>();
        String summary = null;
        for (Diag diag : diagnostics) {
            if (!diag.isError()) {
                continue;
            }
            int position =
                    (int) Math.max(0, diag.getPosition() == Diag.NOPOS ? diag.getStartPosition() : diag.getPosition());
            int lineInPiece = CellSplitter.lineOf(piece.source(), position);
            int line = piece.firstLine() + lineInPiece;
            int column = CellSplitter.columnOf(piece.source(), position) + (lineInPiece == 0 ? piece.column() : 0);
            String message = diag.getMessage(Locale.ENGLISH);
            String where = "line " + (line + 1) + ", column " + (column + 1);
            if (summary == null) {
                summary = "Compilation error at " + where + ": " + firstLine(message);
            }
            report.add("Compilation error at " + where + " of this cell:");
            String[] cellLines = cell.split("\n", -1);
            if (line < cellLines.length) {
                report.add("    " + cellLines[line]);
                report.add("    " + " ".repeat(Math.min(column, cellLines[line].length())) + "^");
            }
            report.add(message);
            String hint = ExpressionResults.hintFor(message);
            if (hint != null) {
                report.add(hint);
            }
        }
        if (summary == null) {
            summary = "Compilation error";
            report.add("The snippet was rejected by the compiler without a message.");
        }
        return new CellException("CompilationError", summary, report);
    }

    CellException exception(JShellException thrown) {
        List<String> report = new ArrayList<>();
        if (thrown instanceof EvalException remote
                && (USAGE_ERROR.equals(remote.getExceptionClassName())
                        || remote.getExceptionClassName().startsWith(LEPTON_PACKAGE) && !hasVisibleUserFrame(remote))) {
            return new CellException(
                    remote.getExceptionClassName(),
                    remote.getMessage(),
                    remote.getMessage().lines().toList());
        }
        Throwable current = thrown;
        boolean first = true;
        while (current != null) {
            report.add((first ? "" : "Caused by: ") + describe(current));
            boolean leptons = current instanceof EvalException remote
                    && remote.getExceptionClassName().startsWith(LEPTON_PACKAGE);
            appendFrames(report, current.getStackTrace(), leptons);
            first = false;
            current = current.getCause();
        }
        return new CellException(
                nameOf(thrown), thrown instanceof EvalException ? thrown.getMessage() : describe(thrown), report);
    }

    /** What the cell threw, as Jupyter's ename: the exception's class, or that it used something not yet defined. */
    private static String nameOf(JShellException thrown) {
        return switch (thrown) {
            case EvalException remote -> remote.getExceptionClassName();
            case UnresolvedReferenceException _ -> "UnresolvedReference";
            default -> thrown.getClass().getName();
        };
    }

    private String describe(Throwable thrown) {
        if (thrown instanceof EvalException remote) {
            String message = remote.getMessage();
            return remote.getExceptionClassName() + (message == null ? "" : ": " + message);
        }
        if (thrown instanceof UnresolvedReferenceException unresolved) {
            return "Cannot run "
                    + unresolved
                            .getSnippet()
                            .source()
                            .strip()
                            .lines()
                            .findFirst()
                            .orElse("") + ": it uses something not yet defined. Define it, then run this cell again.";
        }
        return thrown.toString();
    }

    private void appendFrames(List<String> report, StackTraceElement[] frames, boolean userFramesOnly) {
        int lastUserFrame = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isUserFrame(frames[i])) {
                lastUserFrame = i;
            }
        }
        // Frames below the last user frame are JShell's machinery; without user frames keep the top few.
        int end = lastUserFrame >= 0 ? lastUserFrame + 1 : Math.min(frames.length, MAX_LIBRARY_FRAMES);
        int libraryRun = 0;
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = frames[i];
            if (isUserFrame(frame)) {
                libraryRun = 0;
                if (!isHidden(frame)) {
                    report.add("    at " + userFrame(frame));
                }
            } else if (userFramesOnly) {
                continue;
            } else if (libraryRun++ < MAX_LIBRARY_FRAMES) {
                report.add("    at " + frame);
            } else if (libraryRun == MAX_LIBRARY_FRAMES + 1) {
                report.add("    ...");
            }
        }
    }

    /** JShell names the file of a snippet's frames "#ID" and blanks its wrapper class. */
    private static boolean isUserFrame(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    private boolean hasVisibleUserFrame(Throwable thrown) {
        return Arrays.stream(thrown.getStackTrace()).anyMatch(frame -> isUserFrame(frame) && !isHidden(frame));
    }

    private boolean isHidden(StackTraceElement frame) {
        SnippetOrigin origin = origins.get(frame.getFileName().substring(1));
        return origin != null && origin.cellLabel() == null;
    }

    private String userFrame(StackTraceElement frame) {
        String file = frame.getFileName();
        String snippetId = file != null && file.startsWith("#") ? file.substring(1) : null;
        SnippetOrigin origin = snippetId == null ? null : origins.get(snippetId);
        String method = frame.getMethodName();
        String what = method.isEmpty() || method.startsWith("do_it$") || method.equals("<clinit>") ? "" : method + ", ";
        if (origin == null) {
            return what + "snippet " + file + " line " + frame.getLineNumber();
        }
        return what + "line " + (origin.firstLine() + frame.getLineNumber()) + " of " + origin.cellLabel();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
