package ai.lepton.kernel.session;

import java.util.Set;

/**
 * The value of a cell's last expression.
 *
 * @param name the JShell name that holds it ({@code $3}, or the variable's name)
 * @param type its static type
 * @param text JShell's text form of it
 */
public record LastValue(String name, String type, String text) {

    private static final Set<String> PLAIN_TYPES = Set.of(
            "boolean",
            "byte",
            "char",
            "short",
            "int",
            "long",
            "float",
            "double",
            "Boolean",
            "Byte",
            "Character",
            "Short",
            "Integer",
            "Long",
            "Float",
            "Double",
            "java.lang.Boolean",
            "java.lang.Byte",
            "java.lang.Character",
            "java.lang.Short",
            "java.lang.Integer",
            "java.lang.Long",
            "java.lang.Float",
            "java.lang.Double");

    /** Primitives and their boxes are shown as JShell's text; everything else is rendered in the session. */
    public boolean isPlain() {
        return PLAIN_TYPES.contains(type);
    }
}
