package dev.authbroker.core.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.util.Map;

/**
 * JSON-P through one provider looked up once. Every {@code jakarta.json.Json.createXxx} call looks the provider up
 * through the service loader, which in an application server scans the class loaders' resources: measured at 31 % of
 * the broker's CPU time in a sign-in callback, more than all of its database work.
 */
public final class JsonTools {

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

    private JsonTools() {
    }

    /** The deepest nesting of arrays and objects any parse accepts. */
    public static final int MAX_DEPTH = 64;

    /**
     * The JSON value in {@code bytes}; throws {@link jakarta.json.JsonException} (a RuntimeException) when malformed,
     * and {@link TooDeep} when nested deeper than {@link #MAX_DEPTH} — checked before the parser runs, because the
     * parsers of the servers we run on answer deep nesting with a plain RuntimeException or a StackOverflowError.
     */
    public static JsonValue parse(byte[] bytes) {
        if (nestingExceeds(bytes, MAX_DEPTH)) {
            throw new TooDeep();
        }
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue();
        }
    }

    /** Whether arrays and objects in {@code bytes} nest deeper than {@code limit}; brackets inside strings do not count. */
    static boolean nestingExceeds(byte[] bytes, int limit) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : bytes) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > limit) {
                    return true;
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return false;
    }

    /** JSON nested deeper than {@link #MAX_DEPTH}. */
    public static final class TooDeep extends JsonException {
        private static final long serialVersionUID = 1L;

        TooDeep() {
            super("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonString value(String value) {
        return PROVIDER.createValue(value);
    }
}
