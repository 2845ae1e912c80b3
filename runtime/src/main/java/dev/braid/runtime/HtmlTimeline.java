package dev.braid.runtime;

import dev.braid.runtime.codegen.JsonValues;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders a run as one self-contained HTML page, with no script and nothing fetched: a header with
 * the outcome, duration and cost; then a row a step, its attempts as bars on a shared time axis
 * coloured by outcome (retry pauses show as gaps), the part of an attempt spent waiting for a slot
 * of its step's concurrency cap hatched at the bar's start, its status, and what its model calls
 * used and cost. A run that stopped early shows its question, and under it the details of its
 * state. A line marks where the run stopped early or failed.
 *
 * <p>Positions are percentages of the run's duration, so the page reflows to any width. A bar is
 * never narrower than six pixels and never runs past the lane's end, and it is drawn
 * above the stop line, so that a step that took no time, such as one that stopped the run at once,
 * is still seen. Each bar carries {@code data-step}, {@code data-attempt} and {@code data-outcome} attributes, for tools
 * and tests that read the page.
 */
final class HtmlTimeline {
  private static final int MIN_BAR_PX = 6;
  private static final String STYLE = """
      body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1f2328;background:#fff}
      h1{font-size:20px;margin:0 0 4px}
      .summary{margin:0 0 16px;color:#57606a}
      .outcome-ok{color:#1a7f37}.outcome-stop{color:#9a6700}.outcome-fail{color:#cf222e}
      table{border-collapse:collapse;width:100%}
      th,td{padding:4px 8px;text-align:left;border-bottom:1px solid #d0d7de;white-space:nowrap}
      th{font-weight:600;color:#57606a}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
      td.track{width:60%;min-width:320px;position:relative;padding:0}
      .lane{position:relative;height:22px;margin:2px 0}
      .bar{position:absolute;top:3px;height:16px;border-radius:3px;min-width:{min-bar}px;z-index:1;\
      box-shadow:0 0 0 1px #fff}
      .SUCCEEDED{background:#2da44e}.FAILED{background:#cf222e}.TIMED_OUT{background:#bc4c00}
      .CANCELLED{background:#8c959f}.STOPPED_EARLY{background:#bf8700}
      .wait{position:absolute;top:0;bottom:0;left:0;border-radius:3px 0 0 3px;pointer-events:none;\
      background:repeating-linear-gradient(135deg,#fff 0 3px,rgba(255,255,255,.45) 3px 6px)}
      .stop{position:absolute;top:0;bottom:0;width:0;border-left:2px dashed #cf222e}
      .axis{display:flex;justify-content:space-between;color:#57606a;font-size:12px}
      .details{margin:-8px 0 16px;display:grid;grid-template-columns:max-content auto;gap:2px 12px}
      .details dt{font-weight:600;color:#57606a}.details dd{margin:0}
      .legend span{display:inline-block;margin-right:12px}
      .legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
      """.replace("{min-bar}", String.valueOf(MIN_BAR_PX));

  private HtmlTimeline() {}

  static String render(PipelineResult<?> result) {
    long total = Math.max(1, result.duration().toNanos());
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>").append(escape(result.pipelineName())).append(" run</title>")
        .append("<style>").append(STYLE).append("</style></head><body>\n");
    html.append("<h1>").append(escape(result.pipelineName())).append("</h1>\n");
    summary(html, result);
    details(html, result);
    html.append("<table><thead><tr><th>step</th><th>status</th><th class=\"track\">")
        .append("<div class=\"axis\">");
    for (int tick = 0; tick <= 4; tick++) {
      html.append("<span>").append(millis(result.duration().multipliedBy(tick).dividedBy(4)))
          .append("</span>");
    }
    html.append("</div></th><th class=\"num\">attempts</th><th class=\"num\">calls</th>")
        .append("<th class=\"num\">tokens</th><th class=\"num\">cost</th>")
        .append("<th class=\"num\">latency</th><th>models</th></tr></thead><tbody>\n");
    Instant stopAt = stopTime(result);
    for (StepRecord step : result.steps()) {
      row(html, result, step, total, stopAt);
    }
    Usage usage = result.usage();
    html.append("<tr><th>total</th><td></td><td></td><td></td><td class=\"num\">")
        .append(usage.calls()).append("</td><td class=\"num\">").append(usage.totalTokens())
        .append("</td><td class=\"num\">").append(Microcents.format(usage.costMicrocents()))
        .append(modelCells(usage)).append("</tr>\n</tbody></table>\n");
    legend(html);
    return html.append("</body></html>\n").toString();
  }

  private static void summary(StringBuilder html, PipelineResult<?> result) {
    html.append("<p class=\"summary\">");
    if (result.stoppedEarly()) {
      html.append("<b class=\"outcome-stop\">Stopped early</b> at <code>")
          .append(escape(result.stoppedAt().orElseThrow())).append("</code>: ")
          .append(escape(result.conversationState().orElseThrow().context()));
    } else if (result.hasOutput()) {
      html.append("<b class=\"outcome-ok\">Completed</b>");
    } else {
      html.append("<b class=\"outcome-fail\">Did not complete</b>");
      result.steps().stream().filter(step -> step.failure() != null).findFirst()
          .ifPresent(step -> html.append(": <code>").append(escape(step.name()))
              .append("</code> failed with ").append(escape(String.valueOf(step.failure()))));
    }
    Usage usage = result.usage();
    html.append(" · ").append(millis(result.duration())).append(" · started ")
        .append(result.startedAt().truncatedTo(ChronoUnit.MILLIS)).append(" · ").append(usage.calls())
        .append(" model calls, ").append(usage.totalTokens()).append(" tokens, ")
        .append(Microcents.format(usage.costMicrocents())).append("</p>\n");
  }

  /** The details of the state that stopped the run, a key and its JSON value a line. */
  private static void details(StringBuilder html, PipelineResult<?> result) {
    Map<String, Object> details = result.conversationState()
        .<Map<String, Object>>map(ConversationState::details).orElse(Map.of());
    if (details.isEmpty()) {
      return;
    }
    html.append("<dl class=\"details\">");
    details.forEach((key, value) -> html.append("<dt data-detail=\"").append(escape(key))
        .append("\">").append(escape(key)).append("</dt><dd><code>")
        .append(escape(JsonValues.toJson(value))).append("</code></dd>"));
    html.append("</dl>\n");
  }

  private static void row(StringBuilder html, PipelineResult<?> result, StepRecord step, long total,
      @Nullable Instant stopAt) {
    html.append("<tr data-step=\"").append(escape(step.name())).append("\" data-status=\"")
        .append(step.status()).append("\"><td><code>").append(escape(step.name()))
        .append("</code></td><td>").append(status(step)).append("</td><td class=\"track\">")
        .append("<div class=\"lane\">");
    for (AttemptRecord attempt : step.attempts()) {
      double left = percent(result.startedAt(), attempt.startedAt(), total);
      double width = Math.max(0, percent(result.startedAt(), attempt.finishedAt(), total) - left);
      html.append("<div class=\"bar ").append(attempt.outcome()).append("\" data-step=\"")
          .append(escape(step.name())).append("\" data-attempt=\"").append(attempt.number())
          .append("\" data-outcome=\"").append(attempt.outcome())
          .append(String.format(Locale.ROOT,
              "\" style=\"left:min(%.3f%%, 100%% - %dpx);width:%.3f%%\"", left, MIN_BAR_PX, width))
          .append(" title=\"attempt ").append(attempt.number()).append(": ")
          .append(attempt.outcome().toString().toLowerCase(Locale.ROOT)).append(", ")
          .append(millis(attempt.duration()))
          .append(attempt.waited().isZero() ? ""
              : ", of which waiting for a slot " + millis(attempt.waited()))
          .append(attempt.failure() == null ? "" : ", " + escape(String.valueOf(attempt.failure())))
          .append("\">");
      if (!attempt.waited().isZero()) {
        long duration = Math.max(1, attempt.duration().toNanos());
        html.append(String.format(Locale.ROOT,
            "<div class=\"wait\" data-waited-ms=\"%d\" style=\"width:%.3f%%\"></div>",
            attempt.waited().toMillis(),
            Math.min(100, attempt.waited().toNanos() * 100.0 / duration)));
      }
      html.append("</div>");
    }
    if (stopAt != null) {
      html.append(String.format(Locale.ROOT, "<div class=\"stop\" style=\"left:%.3f%%\"></div>",
          percent(result.startedAt(), stopAt, total)));
    }
    Usage usage = step.usage();
    html.append("</div></td><td class=\"num\">").append(step.attemptCount())
        .append("</td><td class=\"num\">").append(usage.calls()).append("</td><td class=\"num\">")
        .append(usage.totalTokens()).append("</td><td class=\"num\">")
        .append(Microcents.format(usage.costMicrocents())).append(modelCells(usage))
        .append("</tr>\n");
  }

  /** Closes the cost cell and adds the latency and models cells; empty ones for no calls. */
  private static String modelCells(Usage usage) {
    return usage.isNone()
        ? "</td><td></td><td></td>"
        : "</td><td class=\"num\">" + millis(usage.latency()) + "</td><td class=\"models\">"
            + escape(UsageTable.models(usage)) + "</td>";
  }

  private static String status(StepRecord step) {
    String text = step.status().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    if (step.abandoned()) {
      text += ", abandoned";
    }
    if (step.shielded()) {
      text += ", shielded";
    }
    return escape(text);
  }

  /** When the step that stopped the run early, or failed it, ended; null if the run completed. */
  private static @Nullable Instant stopTime(PipelineResult<?> result) {
    if (result.hasOutput()) {
      return null;
    }
    String stoppedAt = result.stoppedAt().orElse(null);
    for (StepRecord step : result.steps()) {
      if ((step.name().equals(stoppedAt) || stoppedAt == null && step.failure() != null)
          && step.finishedAt() != null) {
        return step.finishedAt();
      }
    }
    return null;
  }

  private static void legend(StringBuilder html) {
    html.append("<p class=\"legend\">");
    for (String outcome : new String[] {"SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "STOPPED_EARLY"}) {
      html.append("<span><i class=\"").append(outcome).append("\"></i>")
          .append(outcome.toLowerCase(Locale.ROOT).replace('_', ' ')).append("</span>");
    }
    html.append("<span><i class=\"SUCCEEDED\" style=\"position:relative\"><i class=\"wait\"")
        .append(" style=\"width:100%\"></i></i>waiting for a slot</span>");
    html.append("</p>\n");
  }

  private static double percent(Instant start, Instant at, long total) {
    return Math.min(100, Math.max(0, Duration.between(start, at).toNanos() * 100.0 / total));
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
