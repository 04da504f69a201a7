package ai.lepton.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * jjava's shell and control loops poll their socket and then sleep a fixed 50 ms, which adds up to
 * 50 ms to every request. jjava offers no setting for it on the connection, so the pause is set on the
 * channels before they start. A later jjava without these fields keeps its own pause.
 */
final class ChannelLatency {

    private static final Logger LOG = Logger.getLogger(ChannelLatency.class.getName());

    private ChannelLatency() {}

    static void shorten(JupyterConnection connection, Duration pause) {
        try {
            for (String channel : new String[] {"shell", "control"}) {
                Field channelField = JupyterConnection.class.getDeclaredField(channel);
                channelField.setAccessible(true);
                Field sleep = ShellChannel.class.getDeclaredField("sleep");
                sleep.setAccessible(true);
                sleep.setLong(channelField.get(connection), pause.toMillis());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warning("kept jjava's 50 ms channel pause: " + e);
        }
    }
}
