package ai.lepton.promote;

import java.util.Objects;

/** A {@code MAJOR.MINOR.PATCH} version (optionally {@code -label}), ordered as semantic versioning orders them. */
record SemanticVersion(int major, int minor, int patch, String label) implements Comparable<SemanticVersion> {

    private static final String PATTERN = "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(-[0-9A-Za-z.-]+)?";

    static boolean isValid(String text) {
        return text.matches(PATTERN);
    }

    static SemanticVersion parse(String text) {
        if (!isValid(text)) {
            throw new PromotionException(
                    "'" + text + "' is not a semantic version MAJOR.MINOR.PATCH such as 1.2.0 (optionally with a label,"
                            + " 1.2.0-rc1).");
        }
        int dash = text.indexOf('-');
        String[] numbers = (dash < 0 ? text : text.substring(0, dash)).split("\\.");
        return new SemanticVersion(
                Integer.parseInt(numbers[0]),
                Integer.parseInt(numbers[1]),
                Integer.parseInt(numbers[2]),
                dash < 0 ? null : text.substring(dash + 1));
    }

    /** The next minor version: a retrained model that takes the same input. */
    SemanticVersion nextMinor() {
        return new SemanticVersion(major, minor + 1, 0, null);
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int order = major != other.major
                ? Integer.compare(major, other.major)
                : minor != other.minor ? Integer.compare(minor, other.minor) : Integer.compare(patch, other.patch);
        if (order != 0 || Objects.equals(label, other.label)) {
            return order;
        }
        return label == null ? 1 : other.label == null ? -1 : label.compareTo(other.label); // a pre-release comes first
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (label == null ? "" : "-" + label);
    }
}
