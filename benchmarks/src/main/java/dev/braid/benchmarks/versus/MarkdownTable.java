package dev.braid.benchmarks.versus;

import java.util.ArrayList;
import java.util.List;

/** Renders rows of cells as a Markdown table with padded columns. */
final class MarkdownTable {
  private final List<String> headings;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... headings) {
    this.headings = List.of(headings);
  }

  MarkdownTable row(String... cells) {
    if (cells.length != headings.size()) {
      throw new IllegalArgumentException("A row of " + cells.length + " cells in a table of "
          + headings.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  @Override
  public String toString() {
    int[] widths = new int[headings.size()];
    for (List<String> row : withHeadings()) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    append(out, headings, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    append(out, rule, widths);
    for (List<String> row : rows) {
      append(out, row, widths);
    }
    return out.toString();
  }

  private List<List<String>> withHeadings() {
    List<List<String>> all = new ArrayList<>(rows);
    all.add(headings);
    return all;
  }

  private static void append(StringBuilder out, List<String> cells, int[] widths) {
    out.append('|');
    for (int i = 0; i < cells.size(); i++) {
      out.append(' ').append(cells.get(i))
          .append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
    }
    out.append('\n');
  }
}
