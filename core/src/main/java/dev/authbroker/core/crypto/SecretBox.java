package dev.authbroker.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest with AES-256-GCM (NIST SP 800-38D).
 *
 * <p>Every seal uses a fresh random 96-bit nonce. The sealed form is {@code v1.<keyId>.<base64url(nonce || ciphertext || tag)>}
 * so that old rows stay readable after a new key becomes active. The associated data binds the ciphertext to the
 * key id and to a caller-given context (table, column and row id): a ciphertext copied into another row or column
 * fails authentication instead of decrypting.
 */
public final class SecretBox {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKeySpec> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(Map<String, byte[]> keys, String activeKeyId) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one encryption key is required");
        }
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key id must match " + KEY_ID.pattern());
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' must be 32 bytes, got " + key.length);
            }
            specs.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!specs.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active key '" + activeKeyId + "' is not among the configured keys");
        }
        this.keys = Collections.unmodifiableMap(specs);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Parses {@code id:base64(32 bytes)[,id:…]}; the active key defaults to the last one listed.
     */
    public static SecretBox fromSpec(String spec, String activeKeyId) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no encryption keys configured");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        String last = null;
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("each key must be written id:base64");
            }
            String id = trimmed.substring(0, colon);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key '" + id + "' is not valid base64");
            }
            if (keys.put(id, key) != null) {
                throw new IllegalArgumentException("key id '" + id + "' is listed twice");
            }
            last = id;
        }
        return new SecretBox(keys, activeKeyId == null || activeKeyId.isBlank() ? last : activeKeyId.trim());
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /**
     * A box for one purpose, each of its keys derived from the key of the same id here with HKDF-SHA256 (RFC 5869,
     * {@code info} = the purpose): what it seals never decrypts under this box's keys nor another purpose's, so values
     * anyone can have sealed (sign-in states, sealed on every unauthenticated start) never share a key with stored
     * tokens. The same ids and the same active key: during a rotation, values of every listed key still open.
     */
    public SecretBox derive(String purpose) {
        Objects.requireNonNull(purpose, "purpose");
        Map<String, byte[]> derived = new LinkedHashMap<>();
        keys.forEach((id, key) -> derived.put(id, hkdf(key.getEncoded(), purpose)));
        return new SecretBox(derived, activeKeyId);
    }

    private static byte[] hkdf(byte[] inputKey, String info) {
        try {
            javax.crypto.Mac extract = javax.crypto.Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec("authbroker/secret-box".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] pseudoRandomKey = extract.doFinal(inputKey);
            javax.crypto.Mac expand = javax.crypto.Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            expand.update(info.getBytes(StandardCharsets.UTF_8));
            // one block: T(1) = HMAC(PRK, info || 0x01) is exactly the 32 bytes an AES-256 key needs
            return expand.doFinal(new byte[] {1});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    public String seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(activeKeyId, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + activeKeyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    public String open(String sealed, String context) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new SecretBoxException("stored secret has an unknown format");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new SecretBoxException("stored secret was encrypted with key '" + parts[1] + "', which is not configured");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(parts[2]);
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SecretBoxException("stored secret is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(parts[1], context));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretBoxException("stored secret failed authentication (tampered, or moved from another row)");
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("stored secret is not valid base64url");
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("stored secret could not be decrypted");
        }
    }

    /** True when this sealed value was written with the active key, i.e. a rewrap would leave it as it is. */
    public boolean isSealedWithActiveKey(String sealed) {
        return sealed != null && sealed.startsWith(VERSION + "." + activeKeyId + ".");
    }

    /** Opens with whatever key sealed it and seals again with the active key. */
    public String rewrap(String sealed, String context) {
        return seal(open(sealed, context), context);
    }

    private static byte[] associatedData(String keyId, String context) {
        Objects.requireNonNull(context, "context");
        return ("authbroker/" + VERSION + "/" + keyId + "/" + context).getBytes(StandardCharsets.UTF_8);
    }
}
