package dev.authbroker.core.oauth;

import java.util.regex.Pattern;

/** Removes credentials from URLs and form bodies before anything is logged. */
public final class Redaction {

    private static final Pattern SECRET_PARAMS = Pattern.compile(
            "(?i)((?:^|[?&#])(?:access_token|client_secret|code|refresh_token|state|signed_request)=)[^&#\\s]*");

    private Redaction() {
    }

    public static String url(String url) {
        return url == null ? null : SECRET_PARAMS.matcher(url).replaceAll("$1***");
    }
}
