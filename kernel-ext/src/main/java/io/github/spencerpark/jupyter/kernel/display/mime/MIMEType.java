package io.github.spencerpark.jupyter.kernel.display.mime;

/** IJava's MIME type, as IJava notebooks name the types they render: {@code MIMEType.TEXT_HTML}, {@code parse}. */
public final class MIMEType {

    public static final MIMEType TEXT_PLAIN = new MIMEType("text/plain");
    public static final MIMEType TEXT_HTML = new MIMEType("text/html");
    public static final MIMEType TEXT_MARKDOWN = new MIMEType("text/markdown");
    public static final MIMEType TEXT_LATEX = new MIMEType("text/latex");
    public static final MIMEType TEXT_CSS = new MIMEType("text/css");
    public static final MIMEType APPLICATION_JSON = new MIMEType("application/json");
    public static final MIMEType APPLICATION_JAVASCRIPT = new MIMEType("application/javascript");
    public static final MIMEType IMAGE_PNG = new MIMEType("image/png");
    public static final MIMEType IMAGE_JPEG = new MIMEType("image/jpeg");
    public static final MIMEType IMAGE_GIF = new MIMEType("image/gif");
    public static final MIMEType IMAGE_SVG = new MIMEType("image/svg+xml");

    private final String name;

    private MIMEType(String name) {
        this.name = name;
    }

    /** The type named {@code name}, such as "text/html"; refused when it is not type/subtype. */
    public static MIMEType parse(String name) {
        if (name == null || !name.matches("[\\w.+-]+/[\\w.+*-]+")) {
            throw new IllegalArgumentException("'" + name + "' is not a MIME type such as text/html.");
        }
        return new MIMEType(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MIMEType type && type.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
