package io.scission.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints rows as aligned columns: the text tables of {@code models}, {@code inspect} and {@code plan}. */
public final class Columns {

    private Columns() {
    }

    /**
     * Prints rows, each column padded to its widest cell.
     *
     * @param out where to print
     * @param rows the header row, then the rows
     * @param align one letter per column, {@code L} (text) or {@code R} (numbers)
     */
    public static void print(PrintWriter out, List<String[]> rows, String align) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    sb.append("  ");
                }
                String pad = " ".repeat(width[c] - row[c].length());
                sb.append(align.charAt(c) == 'R' ? pad + row[c] : row[c] + pad);
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
