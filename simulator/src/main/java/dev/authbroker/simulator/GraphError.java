package dev.authbroker.simulator;

/**
 * Graph API error bodies: {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}. Code 190 means the
 * token is no good (subcode 463 expired, 460 invalidated, 467 unknown); code 100 means a bad parameter or an object
 * that does not exist.
 *
 * @see <a href="https://developers.facebook.com/docs/graph-api/guides/error-handling/">Graph API error handling</a>
 */
final class GraphError {

    static final int INVALID_TOKEN = 190;
    static final int INVALID_PARAMETER = 100;
    static final int CLIENT_SECRET = 101;

    private GraphError() {
    }

    static String body(int code, Integer subcode, String message) {
        Json.ObjectWriter error = Json.object()
                .put("message", message)
                .put("type", "OAuthException")
                .put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        error.put("fbtrace_id", RandomValues.urlSafe("A", 12));
        return Json.object().putRaw("error", error.toString()).toString();
    }

    /** The error the Graph API sends with a bare failure status (rate limit, outage). */
    static String forStatus(int status) {
        if (status == 429) {
            return body(4, null, "Application request limit reached");
        }
        if (status >= 500) {
            return body(2, null, "An unexpected error has occurred. Please retry your request later.");
        }
        return body(1, null, "An unknown error occurred");
    }
}
