package ai.lepton.kernel.history;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

import java.util.Arrays;
import java.util.List;

/**
 * A history_reply whose entries are the {@code [session, line, input]} lists the protocol asks for, or
 * {@code [session, line, [input, output]]} when the output was asked for (jjava 1.0-a6 sends them as objects, which
 * frontends cannot read), with the {@code status} every reply carries. Outputs are not kept: they are null.
 */
public final class HistoryTuples implements ContentType<HistoryTuples>, ReplyType<HistoryRequest> {

    private final String status = "ok";
    private final List<List<Object>> history;

    public HistoryTuples(List<HistoryEntry> entries, boolean withOutput) {
        this.history = entries.stream()
                .map(entry -> List.of(
                        entry.getSession(),
                        entry.getCellNumber(),
                        withOutput ? Arrays.asList(entry.getInput(), entry.getOutput()) : entry.getInput()))
                .toList();
    }

    @Override
    @SuppressWarnings("unchecked") // the same wire type as jjava's reply; only its name is used when sending
    public MessageType<HistoryTuples> getType() {
        return (MessageType<HistoryTuples>) (MessageType<?>) HistoryReply.MESSAGE_TYPE;
    }

    @Override
    public MessageType<HistoryRequest> getRequestType() {
        return HistoryReply.REQUEST_MESSAGE_TYPE;
    }
}
