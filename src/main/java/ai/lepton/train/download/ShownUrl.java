package ai.lepton.train.download;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A URL as messages, views and logs show it: without its user information ({@code user:token@}) and its query, the two
 * parts that may hold a secret, and without its fragment.
 */
public final class ShownUrl {

    /** The user information of a URL's authority (after its scheme or schemes, {@code jar:https:}), up to its last '@'. */
    private static final Pattern USER_INFORMATION = Pattern.compile("^((?:[A-Za-z][A-Za-z0-9+.-]*:)+)//[^/?#]*@");

    private ShownUrl() {}

    /** {@code url} without its user information, query and fragment; any text, one Java cannot parse included. */
    public static String of(String url) {
        return USER_INFORMATION.matcher(withoutQuery(url)).replaceFirst("$1//");
    }

    public static String of(URI url) {
        return of(url.toString());
    }

    /**
     * A URL the user is told to use (where a redirect leads): without its user information, and saying so where its
     * query was left out.
     */
    public static String target(URI url) {
        return of(url) + (url.getRawQuery() != null ? " (its query left out, as it may hold a token)" : "");
    }

    /** Whether {@code url} holds user information, such as {@code https://user:token@host/model.zip}. */
    public static boolean hasUserInformation(String url) {
        return USER_INFORMATION.matcher(withoutQuery(url)).find();
    }

    /** {@code url} up to its query or fragment, whichever comes first. */
    private static String withoutQuery(String url) {
        for (int i = 0; i < url.length(); i++) {
            if (url.charAt(i) == '?' || url.charAt(i) == '#') {
                return url.substring(0, i);
            }
        }
        return url;
    }
}
