package ai.lepton.kernel.reply;

import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.ReplyType;
import org.dflib.jjava.jupyter.messages.reply.ShutdownReply;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

/** The shutdown_reply, with its {@code status} (jjava's cannot be extended: its constructor is private). */
public final class ShutdownDone implements ContentType<ShutdownDone>, ReplyType<ShutdownRequest> {

    @SuppressWarnings("unused") // written into the reply's JSON
    private final String status = "ok";

    @SuppressWarnings("unused")
    private final boolean restart;

    public ShutdownDone(boolean restart) {
        this.restart = restart;
    }

    @Override
    @SuppressWarnings("unchecked") // the same wire type as jjava's reply; only its name is used when sending
    public MessageType<ShutdownDone> getType() {
        return (MessageType<ShutdownDone>) (MessageType<?>) ShutdownReply.MESSAGE_TYPE;
    }

    @Override
    public MessageType<ShutdownRequest> getRequestType() {
        return ShutdownReply.REQUEST_MESSAGE_TYPE;
    }
}
