package ai.lepton.kernel.reply;

import org.dflib.jjava.jupyter.channels.ReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.reply.CommInfoReply;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/** jjava's comm manager, answering comm_info_request with a reply that has its {@code status}. */
public final class StatusCommManager extends CommManager {

    @Override
    public void handleCommInfoRequest(ReplyEnvironment env, Message<CommInfoRequest> message) {
        env.setBusyDeferIdle();
        String target = message.getContent().getTargetName();
        Map<String, CommInfoReply.CommInfo> comms = new LinkedHashMap<>();
        for (Comm comm : this) {
            if (target == null || target.equals(comm.getTargetName())) {
                comms.put(comm.getID(), new CommInfoReply.CommInfo(comm.getTargetName()));
            }
        }
        env.reply(new CommInfo(comms));
    }
}
