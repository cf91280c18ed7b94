package org.openmgm.shell.impl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aligned text columns, as network engineers read them ({@code show ip mroute}): a header, then
 * rows; columns declared numeric are right-aligned. A row may leave cells empty, which is how an
 * entry continues on the next line (its second outgoing interface, say).
 */
public final class Table {

    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    private Table(String[] headers) {
        this.headers = headers;
        this.right = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            if (headers[i].startsWith(">")) {
                right[i] = true;
                headers[i] = headers[i].substring(1);
            }
        }
    }

    /**
     * Starts a table.
     *
     * @param headers the column titles; a title starting with {@code >} makes a right-aligned
     *     (numeric) column
     * @return the table
     */
    public static Table of(String... headers) {
        return new Table(headers.clone());
    }

    /**
     * Adds a row; missing cells are empty, {@code null} prints as empty.
     *
     * @param cells the cells, left to right
     * @return this table
     */
    public Table row(Object... cells) {
        String[] r = new String[headers.length];
        Arrays.fill(r, "");
        for (int i = 0; i < Math.min(cells.length, r.length); i++) {
            r[i] = cells[i] == null ? "" : cells[i].toString();
        }
        rows.add(r);
        return this;
    }

    /**
     * Tells whether no row was added.
     *
     * @return {@code true} without rows
     */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Renders the header and the rows, two spaces between columns, no trailing blanks.
     *
     * @return the text, one line per row, ending with a newline
     */
    public String render() {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(headers, width, out);
        for (String[] r : rows) {
            line(r, width, out);
        }
        return out.toString();
    }

    private void line(String[] cells, int[] width, StringBuilder out) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                l.append("  ");
            }
            String c = cells[i];
            int pad = width[i] - c.length();
            if (right[i]) {
                l.append(" ".repeat(pad)).append(c);
            } else {
                l.append(c).append(" ".repeat(pad));
            }
        }
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(l, 0, end).append('\n');
    }
}
