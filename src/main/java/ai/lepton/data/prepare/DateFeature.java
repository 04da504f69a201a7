package ai.lepton.data.prepare;

import java.util.List;

/**
 * A fitted date column: one numeric feature per part (year, month, ...), each imputed, clipped
 * and scaled like any numeric column, with statistics from the training split.
 */
public record DateFeature(String column, List<DatePart> parts, List<NumericFeature> features) {

    public DateFeature {
        parts = List.copyOf(parts);
        features = List.copyOf(features);
    }

    List<String> names() {
        return features.stream().map(NumericFeature::column).toList();
    }
}
