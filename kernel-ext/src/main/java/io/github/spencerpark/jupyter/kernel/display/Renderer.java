package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMETypeParseException;

import java.util.Arrays;

/**
 * IJava's renderer over the session's (jjava, IJava's successor, has the same design under other package names): a
 * registration made here renders the notebook's type wherever the session renders values.
 */
public final class Renderer {

    private final org.dflib.jjava.jupyter.kernel.display.Renderer renderer;

    public Renderer(org.dflib.jjava.jupyter.kernel.display.Renderer renderer) {
        this.renderer = renderer;
    }

    /** Starts registering how values of {@code type} render. */
    public <T> RenderRegistration<T> createRegistration(Class<T> type) {
        return new RenderRegistration<>(renderer.createRegistration(type));
    }

    static org.dflib.jjava.jupyter.kernel.display.mime.MIMEType jjava(MIMEType type) {
        try {
            return org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse(type.toString());
        } catch (MIMETypeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static org.dflib.jjava.jupyter.kernel.display.mime.MIMEType[] jjava(MIMEType... types) {
        return Arrays.stream(types)
                .map(Renderer::jjava)
                .toArray(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType[]::new);
    }

    /** The MIME types a type supports and prefers, and its render function. */
    public static final class RenderRegistration<T> {

        private final org.dflib.jjava.jupyter.kernel.display.Renderer.RenderRegistration<T> registration;

        RenderRegistration(org.dflib.jjava.jupyter.kernel.display.Renderer.RenderRegistration<T> registration) {
            this.registration = registration;
        }

        public RenderRegistration<T> supporting(MIMEType... types) {
            registration.supporting(jjava(types));
            return this;
        }

        public RenderRegistration<T> preferring(MIMEType... types) {
            registration.preferring(jjava(types));
            return this;
        }

        public RenderRegistration<T> supporting(String... types) {
            registration.supporting(types);
            return this;
        }

        public RenderRegistration<T> preferring(String... types) {
            registration.preferring(types);
            return this;
        }

        public RenderRegistration<T> onType(Class<? extends T> type) {
            registration.onType(type);
            return this;
        }

        public void register(RenderFunction<T> function) {
            registration.register((value, context) -> function.render(value, new RenderContext(context)));
        }
    }
}
