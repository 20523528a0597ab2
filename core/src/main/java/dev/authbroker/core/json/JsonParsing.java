package dev.authbroker.core.json;

import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.util.Map;

/**
 * Parses JSON with one reader factory looked up once. {@code Json.createReader} looks the JSON-P provider up through
 * the service loader on every call, which costs more than the parsing on the broker's hot paths.
 */
public final class JsonParsing {

    private static final JsonReaderFactory READERS = JsonProvider.provider().createReaderFactory(Map.of());

    private JsonParsing() {
    }

    /** The JSON value in {@code bytes}; throws {@link jakarta.json.JsonException} (a RuntimeException) when malformed. */
    public static JsonValue parse(byte[] bytes) {
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue();
        }
    }
}
