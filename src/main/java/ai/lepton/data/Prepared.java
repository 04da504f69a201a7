package ai.lepton.data;

import java.util.List;

/**
 * A table prepared for training: the fitted preparation, the three splits as feature matrices, and
 * which rows of the original table each split holds (so the raw held-out rows can be found again).
 *
 * @param trainRows      row indices of the training split in the original table
 * @param validationRows row indices of the validation split in the original table
 * @param testRows       row indices of the test split in the original table
 * @param notes          what preparing had to do that a person should know (rows dropped, for example)
 */
public record Prepared(
        Preparation preparation,
        FeatureMatrix train,
        FeatureMatrix validation,
        FeatureMatrix test,
        int[] trainRows,
        int[] validationRows,
        int[] testRows,
        List<String> notes) {}
