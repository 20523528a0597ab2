package dev.authbroker.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON: a writer for the simulator's answers, and a small reader for the control API's request bodies
 * (and for tests reading answers). Kept in-house so the simulator needs nothing beyond the JDK.
 */
final class Json {

    private Json() {
    }

    static ObjectWriter object() {
        return new ObjectWriter();
    }

    /** A JSON array of already-encoded values. */
    static String array(List<String> encodedValues) {
        return "[" + String.join(",", encodedValues) + "]";
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // '<' and '>' escaped like Meta does, so an answer pasted into HTML cannot close a script tag.
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Writes one object field by field, in the order given. */
    static final class ObjectWriter {

        private final StringBuilder out = new StringBuilder("{");

        ObjectWriter put(String name, String value) {
            return putRaw(name, quote(value));
        }

        ObjectWriter put(String name, long value) {
            return putRaw(name, Long.toString(value));
        }

        ObjectWriter put(String name, boolean value) {
            return putRaw(name, Boolean.toString(value));
        }

        ObjectWriter putRaw(String name, String encodedValue) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quote(name)).append(':').append(encodedValue);
            return this;
        }

        @Override
        public String toString() {
            return out + "}";
        }
    }

    /**
     * Reads a JSON text into Map (objects, in order), List, String, BigDecimal, Boolean and null.
     *
     * @throws IllegalArgumentException when the text is not JSON
     */
    static Object parse(String text) {
        Reader reader = new Reader(text);
        reader.skipSpace();
        Object value = reader.value();
        reader.skipSpace();
        if (!reader.atEnd()) {
            throw reader.error("trailing characters");
        }
        return value;
    }

    /** Reads a JSON object; anything else throws IllegalArgumentException. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** A recursive-descent reader over the text; each method starts on the first character of its production. */
    private static final class Reader {

        private final String s;
        private int i;

        Reader(String s) {
            this.s = s == null ? "" : s;
        }

        Object value() {
            if (atEnd()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> out = new LinkedHashMap<>();
            i++;
            skipSpace();
            if (peek('}')) {
                i++;
                return Collections.unmodifiableMap(out);
            }
            while (true) {
                skipSpace();
                if (!peek('"')) {
                    throw error("expected a field name");
                }
                String name = string();
                skipSpace();
                expect(':');
                skipSpace();
                out.put(name, value());
                skipSpace();
                if (peek(',')) {
                    i++;
                } else {
                    expect('}');
                    return Collections.unmodifiableMap(out);
                }
            }
        }

        private List<Object> array() {
            List<Object> out = new ArrayList<>();
            i++;
            skipSpace();
            if (peek(']')) {
                i++;
                return Collections.unmodifiableList(out);
            }
            while (true) {
                skipSpace();
                out.add(value());
                skipSpace();
                if (peek(',')) {
                    i++;
                } else {
                    expect(']');
                    return Collections.unmodifiableList(out);
                }
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            i++;
            while (true) {
                if (atEnd()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (atEnd()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("short unicode escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad unicode escape");
                        }
                        i += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private BigDecimal number() {
            int start = i;
            while (!atEnd() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character '" + s.charAt(i) + "'");
            }
            try {
                return new BigDecimal(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw error("bad number");
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected literal");
            }
            i += word.length();
            return value;
        }

        void skipSpace() {
            while (!atEnd() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        boolean atEnd() {
            return i >= s.length();
        }

        private boolean peek(char c) {
            return !atEnd() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid JSON at offset " + i + ": " + what);
        }
    }
}
