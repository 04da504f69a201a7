package ai.lepton.kernel.bridge;

import java.util.Map;

/**
 * One message from the session JVM to the kernel.
 *
 * @param kind      what the kernel should do with the bundle
 * @param displayId the display to create or update; null for a cell result
 * @param data      MIME type to content (base64 for binary types, as Jupyter expects)
 * @param metadata  per-MIME metadata (for example image sizes)
 */
public record BridgeMessage(Kind kind, String displayId, Map<String, Object> data, Map<String, Object> metadata) {

    /** What a message asks the kernel to publish. */
    public enum Kind {
        /** a new display_data output */
        DISPLAY,
        /** an update_display_data for an earlier display */
        UPDATE,
        /** the value of the cell's last expression: becomes the execute_result */
        RESULT
    }
}
