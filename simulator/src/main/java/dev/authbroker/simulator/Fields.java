package dev.authbroker.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Graph API {@code fields} parameter, e.g. {@code id,caption,children{id,media_url}}: names in the order asked,
 * each with its own nested selection or none. Field modifiers such as {@code .limit(5)} are not supported and come
 * out as unknown names, which the endpoints refuse like any unknown field.
 */
final class Fields {

    static final Fields NONE = new Fields(Map.of());

    private final Map<String, Fields> selection;

    private Fields(Map<String, Fields> selection) {
        this.selection = Collections.unmodifiableMap(selection);
    }

    /** Parses the parameter; null or blank means no fields. Unbalanced braces or empty names are refused. */
    static Fields parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        int[] at = {0};
        return new Fields(list(raw, at, false));
    }

    Set<String> names() {
        return selection.keySet();
    }

    boolean has(String name) {
        return selection.containsKey(name);
    }

    /** The nested selection of a field, or {@link #NONE} when it was asked without braces. */
    Fields nested(String name) {
        Fields nested = selection.get(name);
        return nested == null ? NONE : nested;
    }

    /**
     * The first name not allowed, or null. Only {@code nestable} fields may carry a nested selection, and names inside
     * one must be allowed too (but not nestable again).
     */
    String firstUnknown(Set<String> allowed, String nestable) {
        for (Map.Entry<String, Fields> field : selection.entrySet()) {
            if (!allowed.contains(field.getKey())) {
                return field.getKey();
            }
            if (field.getValue() != null) {
                if (!field.getKey().equals(nestable)) {
                    return field.getKey() + "{…}";
                }
                String inner = field.getValue().firstUnknown(allowed, null);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** Reads names up to the end (top level) or to the closing brace (nested); {@code at} is the shared position. */
    private static Map<String, Fields> list(String raw, int[] at, boolean nested) {
        Map<String, Fields> out = new LinkedHashMap<>();
        StringBuilder name = new StringBuilder();
        boolean closedGroup = false;
        while (at[0] < raw.length()) {
            char c = raw.charAt(at[0]++);
            switch (c) {
                case ',' -> {
                    add(out, name, closedGroup);
                    closedGroup = false;
                }
                case '{' -> {
                    if (name.toString().isBlank()) {
                        throw new IllegalArgumentException("a nested selection without a field name");
                    }
                    out.put(name.toString().trim(), new Fields(list(raw, at, true)));
                    name.setLength(0);
                    closedGroup = true;
                }
                case '}' -> {
                    if (!nested) {
                        throw new IllegalArgumentException("unbalanced '}' in fields");
                    }
                    add(out, name, closedGroup);
                    return out;
                }
                default -> {
                    if (closedGroup && !Character.isWhitespace(c)) {
                        throw new IllegalArgumentException("',' expected after '}' in fields");
                    }
                    name.append(c);
                }
            }
        }
        if (nested) {
            throw new IllegalArgumentException("unbalanced '{' in fields");
        }
        add(out, name, closedGroup);
        return out;
    }

    private static void add(Map<String, Fields> out, StringBuilder name, boolean closedGroup) {
        String trimmed = name.toString().trim();
        name.setLength(0);
        if (trimmed.isEmpty()) {
            if (closedGroup) {
                return;
            }
            throw new IllegalArgumentException("an empty field name");
        }
        out.putIfAbsent(trimmed, null);
    }
}
