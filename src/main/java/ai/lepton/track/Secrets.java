package ai.lepton.track;

import ai.lepton.base.Settings;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of the store, where the whole team reads them: a variable whose name says it holds a credential is
 * recorded as redacted, and in every other value the credential parts are cut out — a URL's password ({@code
 * user:pass@} after any scheme, {@code jdbc:postgresql://} included), credentials given as {@code key=value}, {@code
 * key: value}, JSON or {@code --flag value}, authorization values, private keys, and tokens of the shapes that
 * services issue. The store's own URL ({@code LEPTON_STORE}) keeps only its scheme, host and database.
 *
 * <p>A name is a credential's when one of its words (split at {@code _ . -}) is one ({@code DB_PASSWORD}, {@code
 * auth_token}, {@code X-Amz-Signature}) or its last word ends with one ({@code sslpassword}, {@code AccountKey}), so
 * {@code tokenizer}, {@code max_tokens} and {@code author} stay as they are.
 */
final class Secrets {

    static final String REDACTED = "[redacted]";

    /** Words that make a name a credential's. */
    private static final Set<String> SECRET_WORDS = Set.of(
            "password",
            "passwd",
            "pass",
            "pwd",
            "secret",
            "token",
            "key",
            "apikey",
            "credential",
            "credentials",
            "auth",
            "authorization",
            "cookie",
            "session",
            "private",
            "signature",
            "sig");

    /** Endings of a name's last word that make it a credential's ({@code sslpassword}, {@code accountkey}). */
    private static final List<String> SECRET_ENDINGS =
            List.of("password", "passwd", "secret", "token", "apikey", "accesskey", "accountkey", "signature");

    /** A URL's user information up to the last '@' before its host: the password may hold '@', '/' or '#' unencoded. */
    private static final Pattern URL_PASSWORD =
            Pattern.compile("(//[^/?#@\\s:]*:)\\S*?(?=@[^@/?#\\s]*(?:[/?#:\\s]|$))");

    /** {@code key=value} in query strings, connection strings, option lists; group 2 is the key. */
    private static final Pattern KEY_EQUALS = Pattern.compile("((?:^|[?&;,\\s])([\\w.-]+)=)([^&;,\\s]+)");

    /** {@code key: value} and JSON's {@code "key": "value"}; group 2 is the key. */
    private static final Pattern KEY_COLON = Pattern.compile("(\"?([\\w.-]+)\"?\\s*:\\s*\"?)([^\"\\s,}]+)");

    /** {@code --flag value} and {@code --flag=value}; group 2 is the flag. */
    private static final Pattern FLAG = Pattern.compile("(--([\\w-]+)[= ])(\\S+)");

    /** Whole values replaced wherever they appear. */
    private static final List<Pattern> SECRET_VALUES = List.of(
            // a PEM private key, header to footer
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"),
            // tokens by their issuers' prefixes: Hugging Face, GitHub, GitLab, Slack, npm, Stripe, OpenAI-style
            Pattern.compile("\\b(?:hf_|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|npm_|[sr]k_(?:live|test)_|sk-)"
                    + "[A-Za-z0-9_-]{16,}"),
            // AWS access keys and Google API keys
            Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}"),
            // JSON Web Tokens: three base64url parts, the first a JSON header
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            // an HTTP authorization value: a scheme, then a credential that has a digit (so prose stays prose)
            Pattern.compile("(?i)(?<=\\b(?:bearer|basic)\\s)(?=[A-Za-z0-9._~+/=-]*\\d)[A-Za-z0-9._~+/=-]{12,}"));

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
        if (namesSecret(name)) {
            return REDACTED;
        }
        if (name.equals(Settings.STORE.variable())) {
            return storeUrl(value);
        }
        return redactParts(value);
    }

    /** {@code value} with every credential part replaced by {@link #REDACTED}. */
    static String redactParts(String value) {
        String safe = replace(URL_PASSWORD, value, match -> match.group(1) + REDACTED);
        for (Pattern secret : SECRET_VALUES) { // first: "Authorization: Bearer X" is a key, then a scheme, then X
            safe = secret.matcher(safe).replaceAll(REDACTED);
        }
        for (Pattern keyed : List.of(KEY_EQUALS, KEY_COLON, FLAG)) {
            safe = replace(
                    keyed, safe, match -> namesSecret(match.group(2)) ? match.group(1) + REDACTED : match.group());
        }
        return safe;
    }

    /** A store URL as messages and records may show it: no query string, no password. */
    static String storeUrl(String url) {
        return redactParts(URL_QUERY.matcher(url).replaceFirst("?" + REDACTED));
    }

    /** Whether {@code name} (a variable, a parameter, a flag) names a credential. */
    static boolean namesSecret(String name) {
        String[] words = name.toLowerCase(Locale.ROOT).split("[_.-]+");
        for (String word : words) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        String last = words.length == 0 ? "" : words[words.length - 1];
        return SECRET_ENDINGS.stream().anyMatch(last::endsWith);
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> replacement) {
        return pattern.matcher(text).replaceAll(match -> Matcher.quoteReplacement(replacement.apply(match)));
    }
}
