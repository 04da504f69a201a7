package ai.lepton.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This runtime's Maven version, written in at build time: what a published model's pom depends on. */
public final class RuntimeVersion {

    private RuntimeVersion() {}

    public static String get() {
        try (InputStream in = RuntimeVersion.class.getResourceAsStream("runtime.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
