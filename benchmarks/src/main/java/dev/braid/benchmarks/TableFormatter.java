package dev.braid.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** Renders rows as a Markdown table whose columns line up in plain text too. */
final class TableFormatter {
  private TableFormatter() {}

  static String format(List<Row> rows) {
    return format(Row.HEADINGS, rows.stream().map(Row::cells).toList());
  }

  /** Renders {@code rows} under {@code headings}; every row has a cell per heading. */
  static String format(List<String> headings, List<List<String>> rows) {
    List<List<String>> lines = new ArrayList<>();
    lines.add(headings);
    lines.addAll(rows);
    int[] widths = new int[headings.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    append(out, lines.get(0), widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    append(out, rule, widths);
    for (List<String> line : lines.subList(1, lines.size())) {
      append(out, line, widths);
    }
    return out.toString();
  }

  private static void append(StringBuilder out, List<String> cells, int[] widths) {
    out.append('|');
    for (int i = 0; i < widths.length; i++) {
      String cell = cells.get(i);
      out.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
    }
    out.append('\n');
  }
}
