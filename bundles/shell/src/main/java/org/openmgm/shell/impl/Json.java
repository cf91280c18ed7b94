package org.openmgm.shell.impl;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A small JSON writer for the command models: maps (in their iteration order), collections,
 * strings, numbers, booleans and {@code null}; anything else is written as its string. Indented by
 * two spaces so that {@code curl} output is readable.
 */
public final class Json {

    private Json() {
    }

    /**
     * Writes a value.
     *
     * @param value a map, collection, string, number, boolean or {@code null}
     * @return the JSON text, without a final newline
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out, 0);
        return out.toString();
    }

    private static void write(Object v, StringBuilder out, int indent) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Map<?, ?> m) {
            writeMap(m, out, indent);
        } else if (v instanceof Collection<?> c) {
            writeList(c, out, indent);
        } else if (v instanceof Number || v instanceof Boolean) {
            if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
                out.append("null");
            } else {
                out.append(v);
            }
        } else {
            string(v.toString(), out);
        }
    }

    private static void writeMap(Map<?, ?> m, StringBuilder out, int indent) {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            pad(out, indent + 1);
            string(String.valueOf(e.getKey()), out);
            out.append(": ");
            write(e.getValue(), out, indent + 1);
            out.append(it.hasNext() ? ",\n" : "\n");
        }
        pad(out, indent);
        out.append('}');
    }

    private static void writeList(Collection<?> c, StringBuilder out, int indent) {
        if (c.isEmpty()) {
            out.append("[]");
            return;
        }
        boolean scalars = c.stream().noneMatch(x -> x instanceof Map || x instanceof Collection);
        if (scalars) {
            out.append('[');
            Iterator<?> it = c.iterator();
            while (it.hasNext()) {
                write(it.next(), out, indent);
                if (it.hasNext()) {
                    out.append(", ");
                }
            }
            out.append(']');
            return;
        }
        out.append("[\n");
        Iterator<?> it = c.iterator();
        while (it.hasNext()) {
            pad(out, indent + 1);
            write(it.next(), out, indent + 1);
            out.append(it.hasNext() ? ",\n" : "\n");
        }
        pad(out, indent);
        out.append(']');
    }

    private static void pad(StringBuilder out, int indent) {
        out.append("  ".repeat(indent));
    }

    /**
     * Appends a JSON string literal.
     *
     * @param s the text
     * @param out where to write
     */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));   // also safe inside HTML
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
