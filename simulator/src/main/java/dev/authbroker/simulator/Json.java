package dev.authbroker.simulator;

import java.util.Iterator;
import java.util.Map;

/** Just enough JSON writing for the simulator's answers (it never needs to read JSON but for its control API). */
final class Json {

    private Json() {
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
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

    /** An object from alternating keys and already-encoded values. */
    static String object(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        Iterator<Map.Entry<String, String>> it = fields.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, String> e = it.next();
            out.append(quote(e.getKey())).append(':').append(e.getValue());
            if (it.hasNext()) {
                out.append(',');
            }
        }
        return out.append('}').toString();
    }

    /** Reads the string value of a top-level field of a flat JSON object (control API only; no nesting). */
    static String field(String json, String name) {
        int at = json.indexOf(quote(name));
        if (at < 0) {
            return null;
        }
        int colon = json.indexOf(':', at);
        int i = colon + 1;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        if (i >= json.length()) {
            return null;
        }
        if (json.charAt(i) == '"') {
            int end = json.indexOf('"', i + 1);
            return json.substring(i + 1, end);
        }
        int end = i;
        while (end < json.length() && ",}] \n".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(i, end);
    }
}
