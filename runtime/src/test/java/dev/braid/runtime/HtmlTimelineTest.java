package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML timeline as a browser renders it: headless Chromium lays the page out, a probe script
 * the test appends measures every bar, and the test checks positions and colours against the run's
 * times and outcomes. Without Chromium the test is skipped, unless {@code BRAID_REQUIRE_CHROMIUM}
 * is set (as CI sets it), in which case it fails.
 */
@Timeout(120)
class HtmlTimelineTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final String PROBE = """
      <script>
      const lane = document.querySelector('.lane').getBoundingClientRect();
      const lines = ['lane|' + lane.left + '|' + lane.width];
      for (const bar of document.querySelectorAll('.bar')) {
        const box = bar.getBoundingClientRect();
        const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        lines.push([bar.dataset.step + '#' + bar.dataset.attempt, box.left, box.width,
            getComputedStyle(bar).backgroundColor, seen === bar ? 'visible' : 'hidden'].join('|'));
        const wait = bar.querySelector('.wait');
        if (wait) {
          const part = wait.getBoundingClientRect();
          lines.push(['wait ' + bar.dataset.step + '#' + bar.dataset.attempt, part.left,
              part.width].join('|'));
        }
      }
      const stop = document.querySelector('.stop');
      if (stop) lines.push('stop|' + stop.getBoundingClientRect().left + '|0|');
      const probe = document.createElement('pre');
      probe.id = 'probe';
      probe.textContent = lines.join('\\n');
      document.body.appendChild(probe);
      </script>
      """;

  @TempDir Path directory;

  /** extract 0–100 ms; classify fails 100–150, pauses, succeeds 200–300; draft stops early 300–400. */
  private static PipelineResult<String> run() {
    return PipelineResult.<String>builder("TicketPipeline")
        .steps(List.of(
            new StepRecord("extract", StepStatus.SUCCEEDED,
                List.of(attempt(1, AttemptOutcome.SUCCEEDED, 0, 100, Usage.ofCall("gpt-4o-mini", 24, 0, 7, 780, Duration.ofMillis(90)))),
                null),
            new StepRecord("classify", StepStatus.SUCCEEDED, List.of(
                attempt(1, AttemptOutcome.FAILED, 100, 150, Usage.NONE),
                attempt(2, AttemptOutcome.SUCCEEDED, 200, 300, Usage.ofCall("llama<3>", 24, 0, 2, 480, Duration.ofMillis(80)))), null),
            new StepRecord("draft <reply>", StepStatus.STOPPED_EARLY,
                List.of(attempt(1, AttemptOutcome.STOPPED_EARLY, 300, 400, Usage.NONE)), null)))
        .times(T0, T0.plusMillis(400))
        .stoppedEarly("draft <reply>", ConversationState.incomplete("draft", "Ask for the order number"))
        .build();
  }

  private static AttemptRecord attempt(
      int number, AttemptOutcome outcome, long from, long to, Usage usage) {
    return new AttemptRecord(number, outcome, T0.plusMillis(from), T0.plusMillis(to),
        outcome == AttemptOutcome.FAILED ? new IllegalStateException("model down") : null, usage);
  }

  @Test
  void theReportStandsAloneAndEscapesWhatItQuotes() {
    String html = run().htmlTimeline();

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).doesNotContain("<script");
    assertThat(html).doesNotContainMatch("(src|href)=\"https?:");
    assertThat(html).contains("<code>draft &lt;reply&gt;</code>");
    assertThat(html).contains("Stopped early</b> at <code>draft &lt;reply&gt;</code>: Ask for the order number");
    assertThat(html).contains("2 model calls, 57 tokens, $0.0000126");
  }

  @Test
  void theUsageColumnsShowEachStepsLatencyAndModelsAndTheirTotal() {
    String html = run().htmlTimeline();

    assertThat(html).contains("<th class=\"num\">latency</th><th>models</th>");
    assertThat(html).contains("<td class=\"num\">$0.0000078</td><td class=\"num\">90 ms</td>"
        + "<td class=\"models\">gpt-4o-mini</td></tr>");
    assertThat(html).contains("<td class=\"num\">170 ms</td>"
        + "<td class=\"models\">gpt-4o-mini x1, llama&lt;3&gt; x1</td></tr>");
    assertThat(html).doesNotContain("llama<3>");
  }

  /** extract 0–100 ms; check stops the run early the moment it starts, at 100 ms. */
  private static PipelineResult<String> stoppedAtOnce() {
    return PipelineResult.<String>builder("TicketPipeline")
        .steps(List.of(
            new StepRecord("extract", StepStatus.SUCCEEDED,
                List.of(attempt(1, AttemptOutcome.SUCCEEDED, 0, 100, Usage.NONE)), null),
            new StepRecord("check", StepStatus.STOPPED_EARLY,
                List.of(attempt(1, AttemptOutcome.STOPPED_EARLY, 100, 100, Usage.NONE)), null)))
        .times(T0, T0.plusMillis(100))
        .stoppedEarly("check", ConversationState.incomplete("check", "Ask for the order number"))
        .build();
  }

  @Test
  void aBrowserDrawsEachAttemptWhereAndAsItHappened() throws Exception {
    Map<String, String[]> boxes = measure(run());

    double laneLeft = Double.parseDouble(boxes.get("lane")[1]);
    double lane = Double.parseDouble(boxes.get("lane")[2]);
    assertThat(lane).isGreaterThan(300.0);
    assertBox(boxes.get("extract#1"), laneLeft, lane, 0.00, 0.25, "rgb(45, 164, 78)");
    assertBox(boxes.get("classify#1"), laneLeft, lane, 0.25, 0.125, "rgb(207, 34, 46)");
    assertBox(boxes.get("classify#2"), laneLeft, lane, 0.50, 0.25, "rgb(45, 164, 78)");
    assertBox(boxes.get("draft <reply>#1"), laneLeft, lane, 0.75, 0.25, "rgb(191, 135, 0)");
    assertThat(Double.parseDouble(boxes.get("stop")[1])).isWithin(2.0).of(laneLeft + lane);
  }

  @Test
  void aStepThatTookNoTimeIsDrawnInsideTheLaneAndAboveTheStopLine() throws Exception {
    Map<String, String[]> boxes = measure(stoppedAtOnce());

    double laneRight = Double.parseDouble(boxes.get("lane")[1])
        + Double.parseDouble(boxes.get("lane")[2]);
    String[] check = boxes.get("check#1");
    double left = Double.parseDouble(check[1]);
    double width = Double.parseDouble(check[2]);
    assertWithMessage("width of check").that(width).isAtLeast(5.0);
    assertWithMessage("right end of check").that(left + width).isWithin(1.0).of(laneRight);
    assertWithMessage("colour of check").that(check[3]).isEqualTo("rgb(191, 135, 0)");
    assertWithMessage("what a click on check hits").that(check[4]).isEqualTo("visible");
    assertThat(Double.parseDouble(boxes.get("stop")[1])).isWithin(2.0).of(laneRight);
    assertThat(boxes.get("extract#1")[4]).isEqualTo("visible");
  }

  /** draft waits 0–100 ms for a slot of its cap, then runs 100–400 ms. */
  private static PipelineResult<String> waitedForASlot() {
    return PipelineResult.<String>builder("TicketPipeline")
        .steps(List.of(new StepRecord("draft", StepStatus.SUCCEEDED, List.of(new AttemptRecord(1,
            AttemptOutcome.SUCCEEDED, T0, T0.plusMillis(400), null, Usage.NONE,
            Duration.ofMillis(100))), null)))
        .times(T0, T0.plusMillis(400))
        .output("drafted")
        .build();
  }

  @Test
  void theWaitForASlotIsDrawnAtTheStartOfItsAttemptsBar() throws Exception {
    PipelineResult<String> result = waitedForASlot();
    assertThat(result.htmlTimeline()).contains("title=\"attempt 1: succeeded, 400 ms, of which"
        + " waiting for a slot 100 ms\"><div class=\"wait\" data-waited-ms=\"100\"");

    Map<String, String[]> boxes = measure(result);

    double laneLeft = Double.parseDouble(boxes.get("lane")[1]);
    double lane = Double.parseDouble(boxes.get("lane")[2]);
    assertBox(boxes.get("draft#1"), laneLeft, lane, 0.0, 1.0, "rgb(45, 164, 78)");
    String[] wait = boxes.get("wait draft#1");
    assertThat(wait).isNotNull();
    assertWithMessage("left of the wait").that(Double.parseDouble(wait[1])).isWithin(2.0).of(laneLeft);
    assertWithMessage("width of the wait").that(Double.parseDouble(wait[2]))
        .isWithin(2.0).of(0.25 * lane);
    assertThat(boxes.get("draft#1")[4]).isEqualTo("visible");
  }

  private static void assertBox(
      String[] box, double laneLeft, double lane, double from, double width, String colour) {
    assertThat(box).isNotNull();
    assertWithMessage("left of %s", box[0]).that(Double.parseDouble(box[1]))
        .isWithin(2.0).of(laneLeft + from * lane);
    assertWithMessage("width of %s", box[0]).that(Double.parseDouble(box[2]))
        .isWithin(2.0).of(width * lane);
    assertWithMessage("colour of %s", box[0]).that(box[3]).isEqualTo(colour);
  }

  /**
   * Renders {@code result}'s page in headless Chromium and reads back the probe's measurements by
   * name; skips the test without Chromium, unless CI requires it.
   */
  private Map<String, String[]> measure(PipelineResult<?> result)
      throws IOException, InterruptedException {
    if (System.getenv("BRAID_REQUIRE_CHROMIUM") != null) {
      assertWithMessage("%s is required (BRAID_REQUIRE_CHROMIUM is set)", CHROMIUM)
          .that(Files.isExecutable(CHROMIUM)).isTrue();
    }
    assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed");
    Path page = directory.resolve("run.html");
    Files.writeString(page, result.htmlTimeline().replace("</body>", PROBE + "</body>"));
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic",
        "--user-data-dir=" + directory.resolve("profile"), "--window-size=1280,800",
        "--dump-dom", page.toUri().toString()));
    Process chromium = new ProcessBuilder(command)
        .redirectError(directory.resolve("chromium.log").toFile())
        .start();
    String dom;
    try {
      dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertWithMessage("Chromium did not exit").that(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      chromium.destroyForcibly();
    }
    int start = dom.indexOf("<pre id=\"probe\">");
    assertWithMessage("the probe's output in the dumped DOM:\n%s", dom).that(start).isAtLeast(0);
    String probe = dom.substring(start + "<pre id=\"probe\">".length(), dom.indexOf("</pre>", start))
        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    Map<String, String[]> boxes = new HashMap<>();
    for (String line : probe.split("\n")) {
      String[] fields = line.split("\\|", -1);
      boxes.put(fields[0], fields);
    }
    return boxes;
  }
}
