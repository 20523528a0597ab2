package dev.authbroker.web.admin;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request body that must be a JSON object of at most 64 KiB, read strictly: wrong content type → 415, too large
 * → 413, not JSON, nested deeper than 64 levels or not an object → 400, unknown or mistyped fields → 400.
 */
public final class JsonBody {

    static final int MAX_BYTES = 64 * 1024;

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    public static JsonBody read(String contentType, InputStream in, Set<String> allowedFields) {
        if (contentType == null || !isJson(contentType)) {
            throw new BrokerException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json");
        }
        byte[] bytes = readCapped(in);
        JsonValue value;
        try {
            value = JsonTools.parse(bytes);
        } catch (JsonTools.TooDeep e) {
            throw new BrokerException(ErrorCode.INVALID_JSON, "the body is nested deeper than " + JsonTools.MAX_DEPTH + " levels");
        } catch (JsonParsingException e) {
            throw new BrokerException(ErrorCode.INVALID_JSON, "the body is not valid JSON");
        } catch (JsonException | IllegalStateException e) {
            throw new BrokerException(ErrorCode.INVALID_JSON, "the body is not valid JSON");
        }
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BrokerException(ErrorCode.INVALID_JSON, "the body must be a JSON object");
        }
        JsonObject object = value.asJsonObject();
        for (String key : object.keySet()) {
            if (!allowedFields.contains(key)) {
                throw new BrokerException(ErrorCode.INVALID_REQUEST,
                        "unknown field '" + printable(key) + "'; allowed: " + String.join(", ", allowedFields));
            }
        }
        return new JsonBody(object);
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] readCapped(InputStream in) {
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new BrokerException(ErrorCode.PAYLOAD_TOO_LARGE, "the body exceeds 64 KiB");
            }
            return bytes;
        } catch (IOException e) {
            throw new BrokerException(ErrorCode.INVALID_REQUEST, "the body could not be read");
        }
    }

    public boolean has(String field) {
        return object.containsKey(field);
    }

    public String requiredString(String field) {
        return optionalString(field).orElseThrow(() ->
                new BrokerException(ErrorCode.INVALID_REQUEST, "'" + field + "' is required"));
    }

    public Optional<String> optionalString(String field) {
        JsonValue value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw new BrokerException(ErrorCode.INVALID_REQUEST, "'" + field + "' must be a string");
        }
        return Optional.of(((JsonString) value).getString());
    }

    public Optional<List<String>> optionalStringList(String field) {
        JsonValue value = object.get(field);
        if (value == null) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new BrokerException(ErrorCode.INVALID_REQUEST, "'" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw new BrokerException(ErrorCode.INVALID_REQUEST, "'" + field + "' must be an array of strings");
            }
            out.add(((JsonString) item).getString());
        }
        return Optional.of(out);
    }

    private static String printable(String key) {
        String cut = key.length() > 40 ? key.substring(0, 40) + "…" : key;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
