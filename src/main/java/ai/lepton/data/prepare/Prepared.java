package ai.lepton.data.prepare;

import ai.lepton.data.FeatureMatrix;
import tech.tablesaw.api.Table;

import java.util.List;

/**
 * A table prepared for training: the fitted preparation, the three splits as feature matrices, the table they came
 * from, and which of its rows each split holds (so the raw held-out rows can be found again).
 *
 * @param preparation    the preparation fitted on the training split
 * @param source         the table it was prepared from: its name and content are the data's lineage
 * @param trainRows      row indices of the training split in {@code source}
 * @param validationRows row indices of the validation split in {@code source}
 * @param testRows       row indices of the test split in {@code source}
 * @param notes          what preparing had to do that a person should know (rows dropped, for example)
 */
public record Prepared(
        Preparation preparation,
        Table source,
        FeatureMatrix train,
        FeatureMatrix validation,
        FeatureMatrix test,
        int[] trainRows,
        int[] validationRows,
        int[] testRows,
        List<String> notes) {}
