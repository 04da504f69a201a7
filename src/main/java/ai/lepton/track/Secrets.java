package ai.lepton.track;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Keeps secrets out of the store: variables whose names look like credentials are recorded as redacted. */
final class Secrets {

    static final String REDACTED = "[redacted]";
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|passw(or)?d|pwd|key|credential|auth|cookie|session|private|signature).*");
    /** Values that carry credentials whatever their variable is called: URLs with a user:password part. */
    private static final Pattern CREDENTIAL_URL = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@.*");

    private Secrets() {}

    static boolean looksSecret(String name, String value) {
        return SECRET_NAME.matcher(name).matches()
                || CREDENTIAL_URL.matcher(value).matches();
    }

    /** The variables, sorted, with secret-looking ones redacted. */
    static Map<String, String> redact(Map<String, String> variables) {
        Map<String, String> safe = new TreeMap<>();
        variables.forEach((name, value) -> safe.put(name, looksSecret(name, value) ? REDACTED : value));
        return safe;
    }
}
