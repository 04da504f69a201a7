package ai.lepton.kernel.reply;

import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;

import java.util.List;

/**
 * The error of a failed cell, which Jupyter receives twice: as the cell's error output and in its execute_reply (what
 * {@code jupyter nbconvert --execute} and papermill print). Both are made from this one value; jjava would fill the
 * reply with the kernel's own stack.
 *
 * @param name      {@code ename}: the type of the cell's error, such as {@code java.lang.ArithmeticException}
 * @param value     {@code evalue}: its message, empty when it has none
 * @param traceback the lines the notebook shows
 */
public record CellError(String name, String value, List<String> traceback) {

    public CellError {
        value = value == null ? "" : value;
        traceback = List.copyOf(traceback);
    }

    /** The error message on iopub: the cell's output. */
    public PublishError published() {
        return new PublishError(name, value, traceback);
    }

    /** The execute_reply of the cell that ran as execution {@code executionCount}. */
    public ErrorReply reply(int executionCount) {
        ErrorReply reply = new ErrorReply(name, value, traceback);
        reply.setExecutionCount(executionCount);
        return reply;
    }
}
