package dev.authbroker.web.client;

import dev.authbroker.core.crypto.RandomToken;
import dev.authbroker.core.json.JsonTools;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/**
 * The small HTML pages of the sign-in popup. Each one that knows the picker's origin posts its result there — and
 * only there — with {@code window.opener.postMessage}, then closes. Pages load nothing from elsewhere and carry the
 * headers of PRODUCT.md; the inline script runs under a per-response CSP nonce.
 */
public final class PopupPages {

    private PopupPages() {
    }

    public static Response connected(String origin, String sessionToken, String username) {
        JsonObject message = message("connected").add("session", sessionToken).build();
        return page(200, "Instagram connected",
                "<h1>Instagram connected</h1><p>Signed in as <strong>" + escape(username)
                        + "</strong>. This window closes by itself; if it does not, close it.</p>",
                origin, message, null);
    }

    public static Response denied(String origin) {
        return page(200, "Instagram not connected",
                "<h1>Not connected</h1><p>You cancelled the sign-in. You can close this window.</p>",
                origin, message("denied").build(), null);
    }

    /** An error; {@code origin} is null when the request never proved which picker it came from. */
    public static Response error(int status, String code, String description, String origin) {
        JsonObject message = origin == null ? null : message("error").add("error", code).build();
        return page(status, "Sign-in failed",
                "<h1>Sign-in failed</h1><p>" + escape(description) + "</p><p>Error code: <code id=\"error-code\">"
                        + escape(code) + "</code></p>",
                origin, message, null);
    }

    public static Response withCookie(Response response, NewCookie cookie) {
        return Response.fromResponse(response).cookie(cookie).build();
    }

    private static jakarta.json.JsonObjectBuilder message(String status) {
        return JsonTools.object().add("type", "authbroker").add("provider", "instagram").add("status", status);
    }

    private static Response page(int status, String title, String body, String origin, JsonObject message, NewCookie cookie) {
        String nonce = RandomToken.create("", 16);
        StringBuilder html = new StringBuilder(1024)
                .append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title>")
                .append("<style nonce=\"").append(nonce).append("\">body{font-family:system-ui,sans-serif;max-width:32rem;")
                .append("margin:3rem auto;padding:0 1rem;color:#1c1c1c}code{background:#f2f2f2;padding:.1rem .3rem}</style>")
                .append("</head><body>").append(body);
        if (origin != null && message != null) {
            html.append("<script nonce=\"").append(nonce).append("\">(function(){var m=")
                    .append(scriptJson(message.toString())).append(";var o=").append(scriptJson(JsonTools.value(origin).toString()))
                    .append(";if(window.opener){window.opener.postMessage(m,o);}setTimeout(function(){window.close();},50);})();</script>");
        }
        html.append("</body></html>\n");
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(html.toString())
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-"
                        + nonce + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        if (cookie != null) {
            response.cookie(cookie);
        }
        return response.build();
    }

    /** JSON made safe to sit inside a script element: no "</script>", no HTML comment openers, no line separators. */
    private static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
