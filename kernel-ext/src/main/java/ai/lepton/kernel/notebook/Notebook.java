package ai.lepton.kernel.notebook;

import ai.lepton.kernel.bridge.BridgeClient;
import ai.lepton.kernel.bridge.BridgeMessage.Kind;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

import java.util.UUID;

/**
 * IJava's notebook API, statically imported into every session: {@code display(obj)},
 * {@code display(obj, mimes...)}, {@code render(...)}, {@code updateDisplay(id, obj)}.
 * Runs in the session JVM, where the user's objects live; rendering happens here and only the
 * MIME bundle crosses to the kernel.
 */
public final class Notebook {

    private static final Renderer RENDERER = Renderers.standard();
    private static final MimeBundles BUNDLES = new MimeBundles(RENDERER);

    private Notebook() {}

    /**
     * The session's renderer: what {@code display} and cell results render with. Notebooks register their own types'
     * renderings on it (through IJava's and JJava's entry points too: {@code getKernelInstance().getRenderer()}).
     */
    public static Renderer renderer() {
        return RENDERER;
    }

    /** Renders {@code value} with its preferred MIME types. */
    public static DisplayData render(Object value) {
        return BUNDLES.render(value);
    }

    /** Renders {@code value} as the given MIME types (for example {@code "image/svg+xml"}). */
    public static DisplayData render(Object value, String... mimeTypes) {
        return BUNDLES.render(value, mimeTypes);
    }

    /** Shows {@code value} as a new output of the running cell and returns its display id. */
    public static String display(Object value) {
        return publishDisplay(render(value));
    }

    /** Shows {@code value} rendered as the given MIME types; returns the display id. */
    public static String display(Object value, String... mimeTypes) {
        return publishDisplay(render(value, mimeTypes));
    }

    /** Replaces what the display {@code id} shows by {@code value}. */
    public static void updateDisplay(String id, Object value) {
        publish(Kind.UPDATE, id, render(value));
    }

    /** Replaces what the display {@code id} shows by {@code value} rendered as the given types. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        publish(Kind.UPDATE, id, render(value, mimeTypes));
    }

    /** Whether this code runs in a Lepton kernel session, where displays reach the notebook. */
    public static boolean attached() {
        return BridgeClient.get() != null;
    }

    /** Called by the kernel for the value of a cell's last expression. Not for user code. */
    public static void publishResult(Object value) {
        if (value != null) {
            publish(Kind.RESULT, null, render(value));
        }
    }

    private static String publishDisplay(DisplayData bundle) {
        String id = bundle.hasDisplayId()
                ? bundle.getDisplayId()
                : UUID.randomUUID().toString();
        publish(Kind.DISPLAY, id, bundle);
        return id;
    }

    private static void publish(Kind kind, String displayId, DisplayData bundle) {
        BridgeClient bridge = BridgeClient.get();
        if (bridge == null) {
            throw new IllegalStateException("display(...) works inside a Lepton kernel session only");
        }
        bridge.send(BUNDLES.toMessage(kind, displayId, bundle));
    }
}
