package ai.lepton.kernel.reply;

import org.dflib.jjava.jupyter.messages.reply.InterruptReply;

/** The interrupt_reply, with its {@code status}. */
public final class InterruptDone extends InterruptReply {

    @SuppressWarnings("unused") // written into the reply's JSON
    private final String status = "ok";
}
