package ai.lepton.runtime.input;

/**
 * A JSON object or array sent for a field that takes neither, skipped unread ({@link JsonRows}): kept in its row as
 * what it was, so that the field refuses it with its own message ("must be a number, but got a JSON object").
 */
enum UnreadValue {
    OBJECT("a JSON object"),
    ARRAY("a JSON array");

    private final String description;

    UnreadValue(String description) {
        this.description = description;
    }

    @Override
    public String toString() {
        return description;
    }
}
