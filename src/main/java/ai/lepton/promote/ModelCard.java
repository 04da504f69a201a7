package ai.lepton.promote;

import ai.lepton.data.Preparation;
import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.Field;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.NumberField;
import ai.lepton.runtime.input.TextField;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.track.Lineage;
import ai.lepton.track.RunRecord;

import java.util.Locale;
import java.util.Map;

/**
 * The artifact's {@code MODEL_CARD.md}: what the model predicts, from what data, how well on held-out rows,
 * which inputs matter, and the limits a user of it should know. Generated from the run and the promotion.
 */
final class ModelCard {

    private ModelCard() {}

    static String markdown(Candidate candidate) {
        RunModel model = candidate.model();
        String name = candidate.name();
        String version = candidate.version();
        Map<String, Double> testMetrics = candidate.testMetrics();
        Map<String, Double> importance = candidate.importance();
        RunRecord run = model.run();
        Preparation preparation = model.preparation();
        Lineage lineage = run.lineage();
        int heldOutRows = model.rows().size();
        InputSchema schema = preparation.inputSchema();
        StringBuilder card = new StringBuilder();
        card.append("# ").append(name).append(' ').append(version).append("\n\n");
        card.append("## Purpose\n\n");
        card.append(
                schema.classification()
                        ? "Classifies `" + preparation.target() + "` into "
                                + schema.labels().size() + " classes (" + String.join(", ", schema.labels()) + ")"
                        : "Predicts the number `" + preparation.target() + "`");
        card.append(" from ")
                .append(schema.fields().size())
                .append(" input fields. Promoted from run `")
                .append(run.id())
                .append("` (")
                .append(run.name())
                .append(", trained ")
                .append(run.startedAt())
                .append(").\n\n");
        card.append("## Data\n\n");
        card.append("- Dataset: ").append(lineage.dataset() == null ? "(unnamed)" : lineage.dataset());
        if (lineage.datasetFingerprint() != null) {
            card.append(", fingerprint `").append(lineage.datasetFingerprint()).append('`');
        }
        card.append("\n- Training rows: ")
                .append(lineage.trainRows())
                .append(", validation rows: ")
                .append(lineage.validationRows())
                .append(", held-out test rows: ")
                .append(heldOutRows)
                .append('\n');
        card.append("- Preparation: impute ")
                .append(lower(preparation.spec().impute()))
                .append(", encode ")
                .append(lower(preparation.spec().encode()))
                .append(", scale ")
                .append(lower(preparation.spec().scale()))
                .append(", unseen categories ")
                .append(lower(preparation.spec().unseen()))
                .append(" (fitted on the training split only; `preparation.json`).\n\n");
        card.append("## Inputs\n\n| field | type | seen in training |\n|---|---|---|\n");
        for (Field field : schema.fields()) {
            card.append("| ")
                    .append(field.name())
                    .append(" | ")
                    .append(field.type())
                    .append(" | ")
                    .append(seen(field))
                    .append(" |\n");
        }
        card.append("\n## Metrics on the held-out test split\n\n| metric | value |\n|---|---|\n");
        testMetrics.forEach((metric, value) -> card.append("| ")
                .append(metric)
                .append(" | ")
                .append(format(value))
                .append(" |\n"));
        card.append(
                "\nThe packaged artifact was loaded in a fresh JVM with the runtime and reproduced these numbers and every prediction"
                        + " before it was registered.\n\n");
        card.append("## Permutation feature importance\n\nHow much ")
                .append(HeldOutEvaluation.headline(preparation))
                .append(
                        " worsens when one input's values are shuffled across the held-out rows (mean of 3 shuffles):\n\n| field | importance |\n|---|---|\n");
        importance.forEach((field, value) -> card.append("| ")
                .append(field)
                .append(
                        preparation.textColumns().contains(field)
                                ? " (text: another row's text read in its place)"
                                : "")
                .append(" | ")
                .append(format(value))
                .append(" |\n"));
        Compression compression = candidate.compression();
        card.append("\n## Precision\n\n");
        if (compression == null) {
            card.append("The weights are stored as trained (fp32).\n");
        } else {
            card.append("The weights are stored as ")
                    .append(compression.precision().label())
                    .append(
                            compression.precision() == Precision.INT8
                                    ? " (each matrix as int8 with one scale per row; vectors fp32)"
                                    : "")
                    .append(": ")
                    .append(compression.weights().length)
                    .append(" bytes against ")
                    .append(compression.fullBytes())
                    .append(" at fp32. On the held-out rows, ")
                    .append(compression.describe(preparation, model.evaluation()))
                    .append(".\n");
        }
        card.append("\n## Known limits\n\n");
        card.append("- Judged on ")
                .append(heldOutRows)
                .append(" held-out rows")
                .append(heldOutRows < 100 ? ": few, so the metrics are uncertain" : "")
                .append(
                        ". Data unlike the training data (values outside the ranges above, new categories) gives predictions nobody checked.\n");
        card.append(
                preparation.spec().unseen() == ai.lepton.data.PrepareOptions.Unseen.ERROR
                        ? "- An unseen category is refused with an error.\n"
                        : "- An unseen category is encoded as none of the known ones.\n");
        card.append("- Missing values (null) are filled as in training")
                .append(
                        preparation.spec().impute() == ai.lepton.data.PrepareOptions.Impute.DROP
                                ? " — except that this preparation dropped such rows, so the model refuses them"
                                : "")
                .append(".\n");
        card.append("- Importance on correlated inputs is shared between them and can understate each.\n");
        return card.toString();
    }

    private static String seen(Field field) {
        return switch (field) {
            case NumberField number ->
                Double.isNaN(number.min())
                        ? "(range not recorded)"
                        : format(number.min()) + " to " + format(number.max());
            case CategoryField category -> String.join(", ", category.categories());
            case TextField text -> "free text, read by the tokenizer it was fine-tuned with";
            default -> "dates";
        };
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }
}
