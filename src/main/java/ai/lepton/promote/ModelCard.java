package ai.lepton.promote;

import ai.lepton.base.MarkdownCell;
import ai.lepton.data.prepare.ImageInput;
import ai.lepton.data.prepare.ModelInput;
import ai.lepton.data.prepare.Preparation;
import ai.lepton.data.prepare.PrepareOptions;
import ai.lepton.evaluate.HeldOutEvaluation;
import ai.lepton.evaluate.RunModel;
import ai.lepton.runtime.input.CategoryField;
import ai.lepton.runtime.input.Field;
import ai.lepton.runtime.input.ImageField;
import ai.lepton.runtime.input.InputSchema;
import ai.lepton.runtime.input.NumberField;
import ai.lepton.runtime.input.TextField;
import ai.lepton.runtime.weights.Precision;
import ai.lepton.track.Lineage;
import ai.lepton.track.RunRecord;

import java.util.List;
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
        ModelInput input = model.input();
        Lineage lineage = run.lineage();
        int heldOutRows = model.rows().size();
        InputSchema schema = input.inputSchema();
        StringBuilder card = new StringBuilder();
        card.append("# ").append(name).append(' ').append(version).append("\n\n");
        card.append("## Purpose\n\n");
        card.append(
                schema.classification()
                        ? "Classifies `" + input.target() + "` into "
                                + schema.labels().size() + " classes (" + String.join(", ", schema.labels()) + ")"
                        : "Predicts the number `" + input.target() + "`");
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
        card.append("- Dataset: ")
                .append(
                        lineage.dataset() != null
                                ? lineage.dataset()
                                : lineage.origin() != null ? lineage.origin() : "(unnamed)");
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
        card.append(preparationLine(input)).append("\n\n");
        card.append("## Inputs\n\n| field | type | seen in training |\n|---|---|---|\n");
        for (Field field : schema.fields()) {
            card.append("| ")
                    .append(MarkdownCell.of(field.name()))
                    .append(" | ")
                    .append(field.type())
                    .append(" | ")
                    .append(MarkdownCell.of(seen(field)))
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
        card.append("## Permutation feature importance\n\n");
        if (importance.isEmpty()) {
            card.append("Does not apply: the model reads one input, the image, and shuffling whole images across rows"
                    + " only shows that the model needs them.\n");
        } else {
            card.append("How much ")
                    .append(HeldOutEvaluation.headline(input))
                    .append(" worsens when one input's values are shuffled across the held-out rows (mean of 3"
                            + " shuffles):\n\n| field | importance |\n|---|---|\n");
            List<String> texts =
                    schema.textFields().stream().map(TextField::name).toList();
            importance.forEach((field, value) -> card.append("| ")
                    .append(MarkdownCell.of(field))
                    .append(texts.contains(field) ? " (text: another row's text read in its place)" : "")
                    .append(" | ")
                    .append(format(value))
                    .append(" |\n"));
        }
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
                    .append(compression.describe(input, model.evaluation()))
                    .append(".\n");
        }
        card.append("\n## Known limits\n\n");
        card.append("- Judged on ")
                .append(heldOutRows)
                .append(" held-out rows")
                .append(heldOutRows < 100 ? ": few, so the metrics are uncertain" : "")
                .append(". Data unlike the training data (values outside the ranges above, new categories, other kinds"
                        + " of images) gives predictions nobody checked.\n");
        card.append(limits(input));
        if (!importance.isEmpty()) {
            card.append("- Importance on correlated inputs is shared between them and can understate each.\n");
        }
        return card.toString();
    }

    private static String preparationLine(ModelInput input) {
        return switch (input) {
            case Preparation preparation ->
                "- Preparation: impute " + lower(preparation.spec().impute()) + ", encode "
                        + lower(preparation.spec().encode()) + ", scale "
                        + lower(preparation.spec().scale())
                        + ", unseen categories " + lower(preparation.spec().unseen())
                        + " (fitted on the training split only; `preparation.json`).";
            case ImageInput image ->
                "- Images: " + image.imageField().shape() + ", pixels in [0, 1]; an"
                        + " encoded image (PNG, JPEG, GIF, BMP) is resized to that size with bilinear interpolation, as"
                        + " training read its images.";
        };
    }

    private static String limits(ModelInput input) {
        return switch (input) {
            case Preparation preparation ->
                (preparation.spec().unseen() == PrepareOptions.Unseen.ERROR
                                ? "- An unseen category is refused with an error.\n"
                                : "- An unseen category is encoded as none of the known ones.\n")
                        + "- Missing values (null) are filled as in training"
                        + (preparation.spec().impute() == PrepareOptions.Impute.DROP
                                ? " — except that this preparation dropped such rows, so the model refuses them"
                                : "")
                        + ".\n";
            case ImageInput image ->
                "- An image of another shape is resized (its aspect ratio is not kept); pixel arrays must have the"
                        + " size above.\n";
        };
    }

    private static String seen(Field field) {
        return switch (field) {
            case NumberField number ->
                Double.isNaN(number.min())
                        ? "(range not recorded)"
                        : format(number.min()) + " to " + format(number.max());
            case CategoryField category -> String.join(", ", category.categories());
            case TextField text -> "free text, read by the tokenizer it was fine-tuned with";
            case ImageField image -> image.shape() + " pixels";
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
