package ai.lepton.kernel.notebook;

import ai.lepton.kernel.bridge.BridgeMessage;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;

import java.lang.reflect.Type;
import java.util.Map;

/** Renders objects into Jupyter MIME bundles and packs bundles into bridge messages. */
final class MimeBundles {

    private static final Gson GSON = new Gson();
    private static final Type MAP = new TypeToken<Map<String, Object>>() {}.getType();

    private final Renderer renderer;

    MimeBundles(Renderer renderer) {
        this.renderer = renderer;
    }

    DisplayData render(Object value) {
        return value instanceof DisplayData data ? data : renderer.render(value);
    }

    DisplayData render(Object value, String... mimeTypes) {
        if (value instanceof DisplayData data) {
            return data;
        }
        if (value instanceof CharSequence text) {
            // display("<b>hi</b>", "text/html"): the text already is content of the asked-for types
            DisplayData data = new DisplayData(text.toString());
            for (String mimeType : mimeTypes) {
                data.putData(mimeType, text.toString());
            }
            return data;
        }
        return renderer.renderAs(value, mimeTypes);
    }

    BridgeMessage toMessage(BridgeMessage.Kind kind, String displayId, DisplayData bundle) {
        // DisplayData keeps its maps private; its JSON form is the one stable view of them.
        JsonObject json = GSON.toJsonTree(bundle).getAsJsonObject();
        Map<String, Object> data = GSON.fromJson(json.get("data"), MAP);
        Map<String, Object> metadata = json.has("metadata") ? GSON.fromJson(json.get("metadata"), MAP) : Map.of();
        return new BridgeMessage(kind, displayId, data, metadata);
    }
}
