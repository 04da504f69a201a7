package ai.lepton.plot;

import ai.lepton.promote.ModelVersion;
import ai.lepton.promote.Promoted;
import ai.lepton.runtime.LeptonModel;
import ai.lepton.runtime.artifact.Manifest;
import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.DateField;
import ai.lepton.runtime.input.Field;
import ai.lepton.runtime.input.ImageField;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.NumberField;
import ai.lepton.runtime.input.TextField;

import java.util.Locale;
import java.util.Map;

/**
 * Registry entries, promotions and loaded artifacts as compact HTML cards: what the model is, where it came
 * from, how it scored, and what rows it accepts. Every value is escaped; colours come from the page.
 */
public final class ModelHtml {

    private ModelHtml() {}

    /** A registered version: reference, source run, who and when, size and checksum, the gate-confirmed test metrics. */
    public static String version(ModelVersion version) {
        return "<div class=\"lepton-model\">" + header(version) + metrics(version.metrics()) + "</div>";
    }

    /** A promotion: the registered version, the alias moved, what the gate reproduced, and the importance of each input. */
    public static String promoted(Promoted promoted) {
        ModelVersion version = promoted.model();
        StringBuilder html = new StringBuilder("<div class=\"lepton-model\">").append(header(version));
        html.append("<p>Gate: a fresh runtime reproduced ")
                .append(promoted.gate().rows())
                .append(" held-out predictions (max difference ")
                .append(String.format(Locale.ROOT, "%.2g", promoted.gate().maxDifference()))
                .append(")")
                .append(
                        promoted.alias() == null
                                ? ""
                                : "; alias <code>" + escape(promoted.alias()) + "</code> now points here")
                .append(
                        promoted.publishedTo() == null
                                ? ""
                                : "; published as <code>ai.lepton.models:" + escape(version.name()) + ":"
                                        + escape(version.version()) + "</code> to " + escape(promoted.publishedTo()))
                .append(".</p>");
        if (promoted.compression() != null) {
            html.append("<p>Compression: ")
                    .append(escape(promoted.compression()))
                    .append(".</p>");
        }
        html.append(metrics(version.metrics()));
        if (!promoted.importance().isEmpty()) {
            html.append("<table><thead><tr><th>input column</th><th>importance</th></tr></thead><tbody>");
            promoted.importance()
                    .forEach((column, value) -> html.append("<tr><td>")
                            .append(escape(column))
                            .append("</td><td>")
                            .append(number(value))
                            .append("</td></tr>"));
            html.append("</tbody></table>");
        }
        return html.append("</div>").toString();
    }

    /** A loaded artifact: what it predicts, from where, its checks, its test metrics and each input it accepts. */
    public static String artifact(LeptonModel model) {
        Manifest manifest = model.manifest();
        InputSchema schema = model.schema();
        StringBuilder html = new StringBuilder("<div class=\"lepton-artifact\"><p><b>")
                .append(escape(model.name()))
                .append("</b> ")
                .append(escape(model.version()))
                .append(" — ")
                .append(
                        schema.classification()
                                ? "classifies <code>" + escape(schema.target()) + "</code> into "
                                        + escape(String.join(", ", schema.labels()))
                                : "predicts <code>" + escape(schema.target()) + "</code>")
                .append("</p><p>From run <code>")
                .append(escape(known(manifest.sourceRun().name())))
                .append("</code> (")
                .append(escape(known(manifest.sourceRun().id())))
                .append("), promoted by ")
                .append(escape(known(manifest.promotedBy())))
                .append(" at ")
                .append(escape(known(manifest.created())))
                .append("; engine ")
                .append(escape(manifest.engine().name()))
                .append(' ')
                .append(escape(manifest.engine().version()))
                .append("; weights ")
                .append(model.precision().label())
                .append(". Checksums verified")
                .append(
                        model.signatureVerified()
                                ? ", signature verified."
                                : "; no signature checked (no verify key configured).")
                .append("</p>");
        html.append(metrics(manifest.metrics()));
        html.append("<table><thead><tr><th>input</th><th>type</th><th>accepts</th></tr></thead><tbody>");
        for (Field field : schema.fields()) {
            html.append("<tr><td>")
                    .append(escape(field.name()))
                    .append("</td><td>")
                    .append(escape(field.type()))
                    .append("</td><td>")
                    .append(escape(accepts(field)))
                    .append("</td></tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    private static String header(ModelVersion version) {
        return "<p><b>" + escape(version.name()) + "</b> " + escape(version.version()) + " — from run <code>"
                + escape(version.runName())
                + "</code> (" + escape(version.runId()) + "), promoted by " + escape(version.promotedBy()) + " at "
                + version.created()
                + "; " + String.format(Locale.ROOT, "%.1f KiB", version.bytes() / 1024.0) + ", SHA-256 <code>"
                + escape(version.sha256()
                        .substring(0, Math.min(16, version.sha256().length()))) + "…</code></p>";
    }

    private static String metrics(Map<String, Double> metrics) {
        if (metrics.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<table><thead><tr>");
        metrics.keySet().stream()
                .sorted()
                .forEach(name -> html.append("<th>").append(escape(name)).append("</th>"));
        html.append("</tr></thead><tbody><tr>");
        metrics.keySet().stream()
                .sorted()
                .forEach(name ->
                        html.append("<td>").append(number(metrics.get(name))).append("</td>"));
        return html.append("</tr></tbody></table>").toString();
    }

    /** What a field takes, in the user's words. */
    static String accepts(Field field) {
        return switch (field) {
            case NumberField number ->
                "a number; seen " + number(number.min()) + " … " + number(number.max())
                        + (Double.isNaN(number.fill())
                                ? "; missing values are refused"
                                : "; missing becomes " + number(number.fill()));
            case CategoryField category ->
                String.join(", ", category.categories())
                        + (category.refuseUnseen() ? "; other values are refused" : "; other values count as unseen");
            case DateField date ->
                (date.withTime() ? "a date-time" : "a date") + " (ISO-8601), used as "
                        + String.join(
                                ", ",
                                date.parts().stream()
                                        .map(part -> part.name().toLowerCase(Locale.ROOT))
                                        .toList());
            case TextField text -> "free text, read by the model's tokenizer; missing is read as empty";
            case ImageField image ->
                "an image: PNG or JPEG bytes (base64 in JSON), resized to " + image.shape()
                        + ", or that many pixels in [0, 1]";
        };
    }

    /** What the manifest recorded, or "?" for what an older artifact did not record. */
    private static String known(Object recorded) {
        return recorded == null ? "?" : recorded.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? ProfileHtml.number(value) : String.valueOf(value);
    }

    private static String escape(String text) {
        return TableHtml.escape(text == null ? "" : text);
    }
}
