package dev.authbroker.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The authorization dialog ({@code /oauth/authorize}, GET shows it, POST is the person's decision) and the code
 * exchange ({@code POST /oauth/access_token}).
 *
 * @see <a href="https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login">
 *     Business Login for Instagram</a>
 */
final class OAuthEndpoints implements Area {

    static final String AUTHORIZE_PATH = "/oauth/authorize";
    static final String TOKEN_PATH = "/oauth/access_token";
    static final Set<String> KNOWN_SCOPES = Set.of("instagram_business_basic", "instagram_business_content_publish",
            "instagram_business_manage_messages", "instagram_business_manage_comments",
            "instagram_business_manage_insights");

    private final Apps apps;
    private final Users users;
    private final Codes codes;
    private final Tokens tokens;
    private final CallLog log;

    OAuthEndpoints(Apps apps, Users users, Codes codes, Tokens tokens, CallLog log) {
        this.apps = apps;
        this.users = users;
        this.codes = codes;
        this.tokens = tokens;
        this.log = log;
    }

    @Override
    public String endpoint(String method, String path) {
        if (path.equals(AUTHORIZE_PATH)) {
            return method.equals("POST") ? "authorize_submit" : "authorize";
        }
        return path.equals(TOKEN_PATH) ? "token" : null;
    }

    @Override
    public void handle(String endpoint, HttpExchange exchange) throws IOException {
        switch (endpoint) {
            case "authorize" -> dialog(exchange);
            case "authorize_submit" -> decision(exchange);
            case "token" -> token(exchange);
            default -> throw new IllegalArgumentException(endpoint);
        }
    }

    private void dialog(HttpExchange exchange) throws IOException {
        Map<String, String> q = Http.query(exchange);
        log.recordClient("authorize", q.get("client_id"), q.get("redirect_uri"));
        String refusal = !exchange.getRequestMethod().equals("GET") ? "Unsupported method"
                : apps.refusal(q.get("client_id"), q.get("redirect_uri"));
        if (refusal == null && !"code".equals(q.get("response_type"))) {
            refusal = "Invalid response_type: it must be code";
        }
        if (refusal == null) {
            refusal = scopeRefusal(q.get("scope"));
        }
        if (refusal != null) {
            Http.html(exchange, 400, ConsentPage.error(refusal));
            return;
        }
        Http.html(exchange, 200, ConsentPage.render(q.get("client_id"), q.get("redirect_uri"), q.get("scope"),
                q.getOrDefault("state", ""), users.all()));
    }

    private void decision(HttpExchange exchange) throws IOException {
        Map<String, String> f = Http.form(exchange);
        // The form comes back through the browser, so it is checked again rather than trusted.
        String refusal = apps.refusal(f.get("client_id"), f.get("redirect_uri"));
        if (refusal == null) {
            refusal = scopeRefusal(f.get("scope"));
        }
        String decision = f.get("decision");
        if (refusal == null && !"allow".equals(decision) && !"cancel".equals(decision)) {
            refusal = "Unknown decision";
        }
        if (refusal == null && "allow".equals(decision) && users.find(f.get("user_id")) == null) {
            refusal = "Unknown user";
        }
        if (refusal != null) {
            Http.html(exchange, 400, ConsentPage.error(refusal));
            return;
        }
        Map<String, String> answer = new LinkedHashMap<>();
        if ("allow".equals(decision)) {
            answer.put("code", codes.issue(f.get("client_id"), f.get("redirect_uri"), f.get("user_id"),
                    scopes(f.get("scope"))));
        } else {
            answer.put("error", "access_denied");
            answer.put("error_reason", "user_denied");
            answer.put("error_description", "The user denied your request.");
        }
        String state = f.get("state");
        if (state != null && !state.isEmpty()) {
            answer.put("state", state);
        }
        // Instagram appends "#_" to the redirect; browsers keep the fragment away from the server.
        Http.redirect(exchange, Forms.appendQuery(f.get("redirect_uri"), answer) + "#_");
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            oauthError(exchange, "Unsupported method: the token endpoint takes POST");
            return;
        }
        Map<String, String> f = Http.form(exchange);
        log.recordClient("token", f.get("client_id"), f.get("redirect_uri"));
        // Spent before anything else is checked: a code presented with a wrong secret is gone all the same.
        Codes.Presentation presented = codes.present(f.get("code"));
        String problem = tokenProblem(f, presented);
        if (problem != null) {
            oauthError(exchange, problem);
            return;
        }
        Apps.App app = apps.find(f.get("client_id"));
        Codes.Code code = presented.code();
        String token = tokens.issueShortLived(app.clientId(), code.userId());
        List<String> permissions = code.scopes().stream().map(Json::quote).toList();
        String answer = Json.object()
                .put("access_token", token)
                // the app-scoped id, as Meta's code exchange answers it; /me's user_id is the professional account id
                .put("user_id", AppScopedIds.of(app.clientId(), code.userId()))
                .putRaw("permissions", Json.array(permissions))
                .toString();
        Http.json(exchange, 200, app.wrapsTokenAnswer() ? "{\"data\":[" + answer + "]}" : answer);
    }

    private String tokenProblem(Map<String, String> f, Codes.Presentation presented) {
        Apps.App app = apps.find(f.get("client_id"));
        if (app == null) {
            return "Invalid platform app";
        }
        if (!app.secret().equals(f.get("client_secret"))) {
            return "Error validating client secret.";
        }
        if (!"authorization_code".equals(f.get("grant_type"))) {
            return "Invalid grant_type: it must be authorization_code";
        }
        if (presented == null) {
            return "Invalid authorization code";
        }
        Codes.Code code = presented.code();
        if (!presented.firstUse()) {
            return "This authorization code has been used";
        }
        if (codes.expired(code)) {
            return "This authorization code has expired";
        }
        if (!code.clientId().equals(app.clientId())) {
            return "Invalid authorization code";
        }
        if (!code.redirectUri().equals(f.get("redirect_uri"))) {
            return "Error validating verification code. Please make sure your redirect_uri is identical to the one you"
                    + " used in the OAuth dialog request";
        }
        return null;
    }

    /** The token endpoint's own error shape, not the Graph one. */
    private static void oauthError(HttpExchange exchange, String message) throws IOException {
        Http.json(exchange, 400, Json.object()
                .put("error_type", "OAuthException")
                .put("code", 400)
                .put("error_message", message)
                .toString());
    }

    /** Scopes are comma-separated; instagram_business_basic is required and unknown ones are refused. */
    private static String scopeRefusal(String scope) {
        List<String> scopes = scopes(scope);
        if (!scopes.contains("instagram_business_basic")) {
            return "Invalid Scopes: instagram_business_basic is required";
        }
        List<String> unknown = scopes.stream().filter(s -> !KNOWN_SCOPES.contains(s)).toList();
        return unknown.isEmpty() ? null : "Invalid Scopes: " + String.join(", ", unknown);
    }

    private static List<String> scopes(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return Arrays.stream(scope.split("[,\\s]+")).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
