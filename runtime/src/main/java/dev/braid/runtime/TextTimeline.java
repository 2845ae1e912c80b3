package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Renders a run as a text Gantt chart: one line a step, a bar from its start to its end on a
 * shared time axis, so that steps running in parallel show as overlapping bars, followed by the
 * step's status when it did not succeed, the outcome of each attempt when there were several, and
 * whether an attempt was abandoned or the step shielded from a stop. The part of a bar an attempt
 * spent waiting for a slot of its step's concurrency cap is drawn light ({@code ░}), and the line
 * ends with the total wait.
 *
 * <pre>
 * TicketPipeline: 1093 ms
 *   extract              ████████                                           0 ms + 181 ms
 *   classify                     █████                                    181 ms + 121 ms
 * </pre>
 */
final class TextTimeline {
  private static final int WIDTH = 50;

  private TextTimeline() {}

  static String render(PipelineResult<?> result) {
    long totalNanos = Math.max(1, result.duration().toNanos());
    int nameWidth = result.steps().stream().mapToInt(step -> step.name().length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    out.append(result.pipelineName()).append(": ").append(result.duration().toMillis()).append(" ms");
    result.stoppedAt().ifPresent(step -> out.append(", stopped early at ").append(step));
    for (StepRecord step : result.steps()) {
      out.append('\n').append("  ").append(pad(step.name(), nameWidth)).append("  ");
      Instant started = step.startedAt();
      Instant finished = step.finishedAt();
      if (started == null || finished == null) {
        out.append(" ".repeat(WIDTH))
            .append(step.status() == StepStatus.REUSED ? "  reused"
                : step.status() == StepStatus.SKIPPED ? "  skipped" : "  not started");
        continue;
      }
      long from = Duration.between(result.startedAt(), started).toNanos();
      long to = Duration.between(result.startedAt(), finished).toNanos();
      int first = (int) Math.min(WIDTH - 1, from * WIDTH / totalNanos);
      int last = (int) Math.max(first + 1, Math.min(WIDTH, (to * WIDTH + totalNanos - 1) / totalNanos));
      char[] bar = "█".repeat(last - first).toCharArray();
      for (var attempt : step.attempts()) {
        if (!attempt.waited().isZero()) {
          long waitFrom = Duration.between(result.startedAt(), attempt.startedAt()).toNanos();
          long waitTo = waitFrom + attempt.waited().toNanos();
          int waitFirst = (int) Math.max(first, Math.min(WIDTH - 1, waitFrom * WIDTH / totalNanos));
          int waitLast = (int) Math.min(last, waitTo * WIDTH / totalNanos);
          for (int column = waitFirst; column < waitLast; column++) {
            bar[column - first] = '░';
          }
        }
      }
      out.append(" ".repeat(first)).append(bar).append(" ".repeat(WIDTH - last));
      out.append(String.format("  %5d ms + %5d ms", from / 1_000_000, (to - from) / 1_000_000));
      Duration waited = step.waited();
      if (!waited.isZero()) {
        out.append("  waited ").append(waited.toMillis()).append(" ms for a slot");
      }
      if (step.status() != StepStatus.SUCCEEDED) {
        out.append("  ").append(step.status());
      }
      if (step.attemptCount() > 1) {
        out.append("  (").append(step.attemptCount()).append(" attempts: ")
            .append(step.attempts().stream().map(attempt -> attempt.outcome().toString())
                .collect(Collectors.joining(", ")))
            .append(')');
      }
      if (step.abandoned()) {
        out.append("  abandoned");
      }
      if (step.shielded()) {
        out.append("  shielded");
      }
    }
    return out.toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
