package ai.lepton.kernel.session;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

import java.util.ArrayList;
import java.util.List;

/** Splits a cell of Java into JShell snippets, remembering where each starts in the cell. */
final class CellSplitter {

    private final SourceCodeAnalysis analysis;

    CellSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    List<CellPiece> split(String cell) {
        List<CellPiece> pieces = new ArrayList<>();
        String remaining = cell;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break; // only comments are left: nothing to run (JShell evaluates them to no snippet at all)
            }
            boolean complete = info.completeness().isComplete() && info.source() != null;
            // JShell's source keeps leading whitespace, and a leading newline throws off the line
            // numbers of its stack frames: strip it and start the piece after it.
            String source = complete ? info.source() : remaining;
            int lead = source.length() - source.stripLeading().length();
            int start = cell.length() - remaining.length() + lead;
            pieces.add(new CellPiece(source.substring(lead), start, lineOf(cell, start), columnOf(cell, start)));
            if (!complete) {
                break; // an incomplete tail goes to JShell as it is, so its error names the spot
            }
            remaining = info.remaining();
        }
        return pieces;
    }

    /** "complete", "incomplete" or "invalid", as Jupyter's is_complete_reply wants. */
    String completeness(String cell) {
        String remaining = cell;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE:
                    return "incomplete";
                case UNKNOWN:
                    return "invalid";
                default:
                    remaining = info.remaining();
            }
        }
        return "complete";
    }

    static int lineOf(String text, int offset) {
        int line = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int columnOf(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        return offset - lineStart;
    }
}
