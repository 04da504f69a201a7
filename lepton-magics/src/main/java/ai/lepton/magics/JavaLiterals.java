package ai.lepton.magics;

/** Java source literals for values passed from the kernel into session code. */
final class JavaLiterals {

    private JavaLiterals() {}

    /** {@code text} as a Java string literal that evaluates back to exactly {@code text}. */
    static String string(String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }
}
