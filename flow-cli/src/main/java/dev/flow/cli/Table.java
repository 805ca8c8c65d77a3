package dev.flow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header row, rows, columns padded to their widest cell. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  Table(String... header) {
    this.columns = header.length;
    rows.add(header);
  }

  Table row(Object... cells) {
    String[] row = new String[columns];
    for (int i = 0; i < columns; i++) {
      Object cell = i < cells.length ? cells[i] : null;
      row[i] = cell == null ? "-" : cell.toString();
    }
    rows.add(row);
    return this;
  }

  int size() {
    return rows.size() - 1;
  }

  void print(PrintWriter out) {
    print(out, widths(), 0);
  }

  /** Prints the rows only, in the columns of {@code header} (a table printed before). */
  void printRows(PrintWriter out, Table header) {
    int[] widths = header.widths();
    int[] mine = widths();
    for (int i = 0; i < columns; i++) {
      widths[i] = Math.max(widths[i], mine[i]);
    }
    print(out, widths, 1);
  }

  private int[] widths() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    return widths;
  }

  private void print(PrintWriter out, int[] widths, int from) {
    StringBuilder line = new StringBuilder();
    for (String[] row : rows.subList(from, rows.size())) {
      line.setLength(0);
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }
}
