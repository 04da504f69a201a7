package ai.lepton.kernel.reply;

import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;

import java.util.Map;

/** The comm_info_reply, with its {@code status}. */
public final class CommInfo extends CommInfoReply {

    @SuppressWarnings("unused") // written into the reply's JSON
    private final String status = "ok";

    public CommInfo(Map<String, CommInfoReply.CommInfo> comms) {
        super(comms);
    }
}
