package dev.authbroker.core.instagram;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's {@code signed_request}, as posted to the Deauthorize and Data Deletion callbacks:
 * {@code base64url(HMAC-SHA256(payloadSegment, appSecret)) "." base64url(JSON payload)}.
 *
 * <p>Parsed strictly: exactly two non-empty parts, base64url with or without padding, a 32-byte signature computed
 * over the payload segment exactly as received, compared in constant time before the payload is even decoded; the
 * payload a JSON object whose {@code algorithm} is {@code HMAC-SHA256} and whose {@code user_id} is a string of
 * digits. See Meta's "Data Deletion Request Callback" and "Deauthorize Callback" documentation.
 */
public record SignedRequest(String userId, long issuedAt) {

    public static final int MAX_LENGTH = 8 * 1024;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+={0,2}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,64}");

    public static SignedRequest verify(String signedRequest, String appSecret) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("appSecret");
        }
        if (signedRequest == null || signedRequest.isEmpty()) {
            throw invalid("signed_request is missing");
        }
        if (signedRequest.length() > MAX_LENGTH) {
            throw invalid("signed_request is too long");
        }
        String[] parts = signedRequest.split("\\.", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw invalid("signed_request must have exactly two parts");
        }
        byte[] signature = decode(parts[0], "signature");
        if (signature.length != 32) {
            throw invalid("signed_request signature must be 32 bytes");
        }
        byte[] expected = hmac(parts[1], appSecret);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw invalid("signed_request signature does not verify with this app's secret");
        }
        JsonObject payload = payload(decode(parts[1], "payload"));
        JsonValue algorithm = payload.get("algorithm");
        if (!(algorithm instanceof JsonString a) || !a.getString().toUpperCase(Locale.ROOT).equals("HMAC-SHA256")) {
            throw invalid("signed_request algorithm must be HMAC-SHA256");
        }
        JsonValue user = payload.get("user_id");
        if (!(user instanceof JsonString u) || !DIGITS.matcher(u.getString()).matches()) {
            throw invalid("signed_request has no user_id");
        }
        JsonValue issued = payload.get("issued_at");
        long issuedAt = issued instanceof jakarta.json.JsonNumber n ? n.longValue() : 0L;
        return new SignedRequest(u.getString(), issuedAt);
    }

    private static byte[] decode(String segment, String what) {
        if (!BASE64URL.matcher(segment).matches()) {
            throw invalid("signed_request " + what + " is not base64url");
        }
        String unpadded = segment.endsWith("==") ? segment.substring(0, segment.length() - 2)
                : segment.endsWith("=") ? segment.substring(0, segment.length() - 1) : segment;
        try {
            return Base64.getUrlDecoder().decode(unpadded);
        } catch (IllegalArgumentException e) {
            throw invalid("signed_request " + what + " is not base64url");
        }
    }

    private static JsonObject payload(byte[] json) {
        try {
            JsonValue value = JsonTools.parse(json);
            if (value instanceof JsonObject o) {
                return o;
            }
        } catch (RuntimeException e) {
            throw invalid("signed_request payload is not JSON");
        }
        throw invalid("signed_request payload must be a JSON object");
    }

    static byte[] hmac(String payloadSegment, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payloadSegment.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    private static BrokerException invalid(String message) {
        return new BrokerException(ErrorCode.INVALID_SIGNED_REQUEST, message);
    }
}
