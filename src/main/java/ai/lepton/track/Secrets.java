package ai.lepton.track;

import ai.lepton.base.Settings;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of the store, where the whole team reads them: a variable whose name looks like a credential is
 * recorded as redacted, and in every other value the credential parts are cut out — a URL's password ({@code
 * user:pass@} after any scheme, {@code jdbc:postgresql://} included), {@code password=}-style parameters, and tokens of
 * the shapes that services issue. The store's own URL ({@code LEPTON_STORE}) keeps only its scheme, host and database.
 */
final class Secrets {

    static final String REDACTED = "[redacted]";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|passw(or)?d|pwd|key|credential|auth|cookie|session|private|signature).*");

    /** What stands for a secret inside a value; each match is replaced by its group 1 (the part kept) and REDACTED. */
    private static final List<Pattern> SECRET_PARTS = List.of(
            // a URL's user-information password: RFC 3986 allows no '/', '?', '#' or '@' in it
            Pattern.compile("(//[^/?#@\\s:]*:)[^/?#@\\s]+(?=@)"),
            // key=value pairs in query strings, connection strings and option lists
            Pattern.compile("(?i)((?:^|[?&;,\\s])[\\w.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key"
                    + "|private[_-]?key|credentials?|signature|auth)[\\w.-]*=)[^&;,\\s]+"),
            // HTTP authorization values
            Pattern.compile("(?i)(\\b(?:bearer|basic|token)\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            // tokens by their issuers' prefixes: Hugging Face, GitHub, GitLab, Slack, OpenAI-style, AWS access keys
            Pattern.compile("()\\b(?:hf_|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|sk-)[A-Za-z0-9_-]{16,}"),
            Pattern.compile("()\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            // JSON Web Tokens: three base64url parts, the first a JSON header
            Pattern.compile("()\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"));

    /** A JDBC URL's query string (user, password, SSL key passwords…) and user information. */
    private static final Pattern URL_QUERY = Pattern.compile("[?;].*$");

    private Secrets() {}

    /** The variables, sorted, each with its secrets redacted. */
    static Map<String, String> redact(Map<String, String> variables) {
        Map<String, String> safe = new TreeMap<>();
        variables.forEach((name, value) -> safe.put(name, redact(name, value)));
        return safe;
    }

    /** What may be recorded of variable {@code name}'s {@code value}. */
    static String redact(String name, String value) {
        if (value == null) {
            return null;
        }
        if (SECRET_NAME.matcher(name).matches()) {
            return REDACTED;
        }
        if (name.equals(Settings.STORE.variable())) {
            return storeUrl(value);
        }
        return redactParts(value);
    }

    /** {@code value} with every credential part replaced by {@link #REDACTED}. */
    static String redactParts(String value) {
        String safe = value;
        for (Pattern part : SECRET_PARTS) {
            safe = part.matcher(safe).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + REDACTED));
        }
        return safe;
    }

    /** A store URL as messages and records may show it: no query string, no password. */
    static String storeUrl(String url) {
        String withoutQuery = URL_QUERY.matcher(url).replaceFirst(match -> "?" + REDACTED);
        return redactParts(withoutQuery);
    }
}
