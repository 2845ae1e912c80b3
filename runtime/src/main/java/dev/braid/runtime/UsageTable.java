package dev.braid.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders what a run's model calls used as a text table: one row a step that made calls, then the
 * run's total. Columns: calls, input tokens (of which cached), output tokens, total tokens, cost,
 * the time spent in model calls (added up, so a total can exceed the run's wall time) and the
 * models called, each with its number of calls when there were several models.
 *
 * <pre>
 * step        calls  input  cached  output  total        cost  latency  models
 * extract         1     31       0       6     37  $0.0000084   412 ms  gpt-4o-mini
 * total           1     31       0       6     37  $0.0000084   412 ms  gpt-4o-mini
 * </pre>
 */
final class UsageTable {
  private static final String[] HEADER =
      {"step", "calls", "input", "cached", "output", "total", "cost", "latency", "models"};

  private UsageTable() {}

  static String render(PipelineResult<?> result) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (StepRecord step : result.steps()) {
      if (!step.usage().isNone()) {
        rows.add(row(step.name(), step.usage()));
      }
    }
    rows.add(row("total", result.usage()));
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int column = 0; column < row.length; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(row[0]).append(" ".repeat(widths[0] - row[0].length()));
      for (int column = 1; column < row.length - 1; column++) {
        out.append("  ").append(" ".repeat(widths[column] - row[column].length())).append(row[column]);
      }
      out.append("  ").append(row[row.length - 1]);
    }
    return out.toString();
  }

  private static String[] row(String name, Usage usage) {
    return new String[] {name, Long.toString(usage.calls()), Long.toString(usage.inputTokens()),
        Long.toString(usage.cachedInputTokens()), Long.toString(usage.outputTokens()),
        Long.toString(usage.totalTokens()), Microcents.format(usage.costMicrocents()),
        usage.latency().toMillis() + " ms", models(usage)};
  }

  /** {@code gpt-4o-mini}, or {@code claude-3-5-haiku x1, gpt-4o-mini x2} for several models. */
  static String models(Usage usage) {
    if (usage.byModel().size() == 1) {
      return usage.byModel().firstKey();
    }
    return usage.byModel().entrySet().stream()
        .map(entry -> entry.getKey() + " x" + entry.getValue().calls())
        .collect(Collectors.joining(", "));
  }
}
