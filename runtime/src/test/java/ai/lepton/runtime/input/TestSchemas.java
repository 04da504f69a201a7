package ai.lepton.runtime.input;

import java.util.List;

/** Schemas for tests of reading rows: a model telling "no" from "yes" by the fields given. */
public final class TestSchemas {

    private TestSchemas() {}

    /** A classification into "no" or "yes" from {@code fields}, in that order. */
    public static InputSchema classifying(Field... fields) {
        return new InputSchema(true, "label", List.of("no", "yes"), List.of(fields));
    }

    /** A number taken as it comes: a missing one is 0, none is clipped or scaled. */
    public static NumberField number(String name) {
        return new NumberField(name, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 1, 0, 1);
    }
}
