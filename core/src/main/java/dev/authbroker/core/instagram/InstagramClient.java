package dev.authbroker.core.instagram;

import dev.authbroker.core.app.ClientCredentials;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.core.oauth.ProviderException;
import dev.authbroker.core.oauth.ProviderUnavailableException;
import dev.authbroker.core.oauth.Redaction;
import dev.authbroker.core.oauth.TokenGrant;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Instagram API with Instagram Login (Business/Creator accounts), the successor of the Basic Display API retired on
 * 2024-12-04: authorize URL, code exchange, long-lived exchange and refresh, profile and media.
 *
 * <p>Every call has a read timeout and a cap on the answer's size. Nothing here retries: the code exchange must never
 * be repeated once it may have reached Instagram (a code is single-use), and callers that may retry decide so.
 * Credentials travel in form bodies or headers where Instagram allows it; URLs that must carry them are redacted
 * before they are logged.
 */
public final class InstagramClient {

    private static final Logger LOG = Logger.getLogger(InstagramClient.class.getName());
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;
    public static final String MEDIA_FIELDS = "id,caption,media_type,media_url,thumbnail_url,permalink,timestamp,"
            + "children{id,media_type,media_url,thumbnail_url}";

    /** Where Instagram is; configurable so tests and the local run can use the simulator. */
    public record Endpoints(String authorizeUrl, String tokenUrl, String graphUrl) {
        public Endpoints {
            Objects.requireNonNull(authorizeUrl, "authorizeUrl");
            Objects.requireNonNull(tokenUrl, "tokenUrl");
            Objects.requireNonNull(graphUrl, "graphUrl");
            graphUrl = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
        }
    }

    private final Endpoints endpoints;
    private final HttpClient http;
    private final Duration readTimeout;
    private final List<String> scopes;

    public InstagramClient(Endpoints endpoints, HttpClient http, Duration readTimeout, List<String> scopes) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.http = Objects.requireNonNull(http, "http");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.scopes = List.copyOf(scopes);
    }

    /** The consent page URL (step 1 of the authorization code flow). */
    public String authorizationUrl(String clientId, String redirectUri, String state) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("response_type", "code");
        query.put("scope", String.join(",", scopes));
        query.put("state", state);
        String separator = endpoints.authorizeUrl().contains("?") ? "&" : "?";
        return endpoints.authorizeUrl() + separator + encode(query);
    }

    /**
     * Code → short-lived token. Sent exactly once: whatever happens, the code is spent. Instagram answers either the
     * token object or the same wrapped in {@code {"data":[…]}}.
     */
    public TokenGrant exchangeCode(ClientCredentials app, String redirectUri, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", app.clientId());
        form.put("client_secret", app.clientSecret());
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", redirectUri);
        form.put("code", code);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoints.tokenUrl()))
                .timeout(readTimeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        JsonObject answer = call(request, "code exchange");
        JsonValue data = answer.get("data");
        if (data != null && data.getValueType() == JsonValue.ValueType.ARRAY && !data.asJsonArray().isEmpty()
                && data.asJsonArray().get(0).getValueType() == JsonValue.ValueType.OBJECT) {
            answer = data.asJsonArray().getJsonObject(0);
        }
        String token = string(answer, "access_token");
        String userId = idString(answer, "user_id");
        if (token == null || userId == null) {
            throw new ProviderException(ErrorCode.PROVIDER_ERROR, "Instagram's token answer lacked access_token or user_id");
        }
        return new TokenGrant(token, userId, null);
    }

    /** Short-lived → long-lived token (60 days). */
    public TokenGrant exchangeForLongLived(ClientCredentials app, String shortLivedToken, Instant now) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("grant_type", "ig_exchange_token");
        query.put("client_secret", app.clientSecret());
        query.put("access_token", shortLivedToken);
        return longLived(get(endpoints.graphUrl() + "/access_token?" + encode(query), null), "long-lived exchange", now);
    }

    /** Refreshes a long-lived token that is at least 24 hours old and not expired. */
    public TokenGrant refresh(String longLivedToken, Instant now) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("grant_type", "ig_refresh_token");
        query.put("access_token", longLivedToken);
        return longLived(get(endpoints.graphUrl() + "/refresh_access_token?" + encode(query), null), "token refresh", now);
    }

    private TokenGrant longLived(HttpRequest request, String what, Instant now) {
        JsonObject answer = call(request, what);
        String token = string(answer, "access_token");
        JsonValue expires = answer.get("expires_in");
        if (token == null || !(expires instanceof JsonNumber)) {
            throw new ProviderException(ErrorCode.PROVIDER_ERROR, "Instagram's " + what + " answer lacked access_token or expires_in");
        }
        return new TokenGrant(token, null, now.plusSeconds(((JsonNumber) expires).longValue()));
    }

    /** Both ids of the account behind the token, and its user name. */
    public Profile profile(String accessToken) {
        JsonObject answer = call(get(endpoints.graphUrl() + "/me?fields=id,user_id,username", accessToken), "profile");
        String appScopedId = idString(answer, "id");
        String accountId = idString(answer, "user_id");
        String username = string(answer, "username");
        if (appScopedId == null || accountId == null || username == null) {
            throw new ProviderException(ErrorCode.PROVIDER_ERROR, "Instagram's profile answer lacked id, user_id or username");
        }
        return new Profile(appScopedId, accountId, username);
    }

    public MediaPage media(String accessToken, String after, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fields", MEDIA_FIELDS);
        query.put("limit", Integer.toString(limit));
        if (after != null) {
            query.put("after", after);
        }
        JsonObject answer = call(get(endpoints.graphUrl() + "/me/media?" + encode(query), accessToken), "media list");
        JsonValue data = answer.get("data");
        if (data == null || data.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new ProviderException(ErrorCode.PROVIDER_ERROR, "Instagram's media answer lacked data");
        }
        List<Media> items = new ArrayList<>();
        for (JsonValue item : data.asJsonArray()) {
            items.add(media(item));
        }
        String next = null;
        JsonValue paging = answer.get("paging");
        if (paging instanceof JsonObject p && p.get("next") != null && p.get("cursors") instanceof JsonObject cursors) {
            next = string(cursors, "after");
        }
        return new MediaPage(items, next);
    }

    public Media mediaItem(String accessToken, String mediaId) {
        String fields = "id,caption,media_type,media_url,thumbnail_url,permalink,timestamp,children{id,media_type,media_url,thumbnail_url}";
        String url = endpoints.graphUrl() + "/" + URLEncoder.encode(mediaId, StandardCharsets.UTF_8)
                + "?fields=" + URLEncoder.encode(fields, StandardCharsets.UTF_8);
        return media(call(get(url, accessToken), "media item"));
    }

    private static Media media(JsonValue value) {
        if (!(value instanceof JsonObject o) || string(o, "id") == null) {
            throw new ProviderException(ErrorCode.PROVIDER_ERROR, "Instagram answered a media item without id");
        }
        List<Media> children = new ArrayList<>();
        if (o.get("children") instanceof JsonObject c && c.get("data") instanceof JsonArray list) {
            for (JsonValue child : list) {
                children.add(media(child));
            }
        }
        return new Media(string(o, "id"), string(o, "media_type"), string(o, "caption"), string(o, "media_url"),
                string(o, "thumbnail_url"), string(o, "permalink"), string(o, "timestamp"), children);
    }

    private HttpRequest get(String url, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout)
                .header("Accept", "application/json").GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b.build();
    }

    private JsonObject call(HttpRequest request, String what) {
        long started = System.nanoTime();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            throw new ProviderUnavailableException("Instagram did not answer the " + what + " in time", null);
        } catch (IOException e) {
            throw new ProviderUnavailableException("Instagram could not be reached for the " + what, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailableException("interrupted while calling Instagram", null);
        }
        int status = response.statusCode();
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine(request.method() + " " + Redaction.url(request.uri().toString()) + " -> " + status + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        if (body.length > MAX_ANSWER_BYTES) {
            throw new ProviderException(ErrorCode.PROVIDER_ERROR, "Instagram's " + what + " answer was too large");
        }
        JsonObject json = parse(body);
        if (status == 429 || status >= 500) {
            throw new ProviderUnavailableException("Instagram is unavailable (HTTP " + status + ") for the " + what,
                    retryAfter(response));
        }
        if (status >= 400) {
            throw refusal(json, status, what);
        }
        if (status != 200 || json == null) {
            throw new ProviderException(ErrorCode.PROVIDER_ERROR, "Instagram answered the " + what + " with something that is not JSON");
        }
        return json;
    }

    private static ProviderException refusal(JsonObject json, int status, String what) {
        if (json != null && json.get("error") instanceof JsonObject error) {
            JsonValue code = error.get("code");
            if (code instanceof JsonNumber n && n.intValue() == 190) {
                return new ProviderException(ErrorCode.RECONNECT_REQUIRED, "the Instagram token is no longer valid; connect again");
            }
            // Graph error 100 with subcode 33: the object does not exist or is not this user's.
            if (code instanceof JsonNumber n && n.intValue() == 100
                    && error.get("error_subcode") instanceof JsonNumber sub && sub.intValue() == 33) {
                return new ProviderException(ErrorCode.NOT_FOUND, "no such media");
            }
        }
        return new ProviderException(ErrorCode.PROVIDER_ERROR, "Instagram refused the " + what + " (HTTP " + status + ")");
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 && seconds <= 3600 ? Duration.ofSeconds(seconds) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static JsonObject parse(byte[] body) {
        try {
            JsonValue value = JsonTools.parse(body);
            return value instanceof JsonObject o ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String string(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonString s && !s.getString().isEmpty() ? s.getString() : null;
    }

    /** Instagram sends user ids as numbers in some answers and as strings in others. */
    private static String idString(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v instanceof JsonNumber n) {
            return n.bigIntegerValueExact().toString();
        }
        return string(o, key);
    }

    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
