package ai.lepton.kernel.reply;

import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

import java.util.List;

/** The kernel_info_reply with the {@code status} field jjava's leaves out (the messaging spec requires it on every reply). */
public final class KernelInfo extends KernelInfoReply {

    /** The messaging protocol version the kernel speaks, as jjava's own reply says it. */
    private static final String PROTOCOL = "5.3";

    @SuppressWarnings("unused") // written into the reply's JSON
    private final String status = "ok";

    public KernelInfo(String name, String version, LanguageInfo language, String banner, List<HelpLink> links) {
        super(PROTOCOL, name, version, language, banner, links);
    }
}
