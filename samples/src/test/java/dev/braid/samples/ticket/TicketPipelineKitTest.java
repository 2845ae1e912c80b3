package dev.braid.samples.ticket;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.runtime.AttemptOutcome.TIMED_OUT;
import static dev.braid.test.BraidTruth.assertThat;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PipelineResult;
import dev.braid.test.BraidKit;
import dev.braid.test.BraidTest;
import dev.braid.test.ScriptedModel;
import dev.braid.test.ScriptedReply;
import dev.braid.test.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ticket pipeline tested with braid-test: a scripted model instead of the offline one, and a
 * CRM that hangs, on virtual time, so that three 5-second timeouts of the optional lookup and a
 * rate-limited draft take no real time.
 */
@BraidTest
@Timeout(60)
class TicketPipelineKitTest {
  private static final Ticket ROUTER = TicketTriageApp.TICKETS.get(0);
  private static final Ticket REFUND_WITHOUT_ORDER = TicketTriageApp.TICKETS.get(1);

  @Test
  void aHangingCrmDegradesTheReplyAndARateLimitedDraftIsRetried(BraidKit kit) {
    ScriptedModel<Prompt, String> model = script(kit)
        .whenRequest(prompt -> prompt.task().equals("draft"),
            ScriptedReply.retryable(429),
            ScriptedReply.value("Please restart the router.", 80, 20).after(Duration.ofSeconds(3)))
        .build();
    TicketPipelineExecutor executor = new TicketPipelineExecutor(
        new TicketPipeline(new Scripted(model), new HangingDirectory(kit.time()), new KnowledgeBase()),
        kit.config().build());

    PipelineResult<Reply> result = executor.execute(ROUTER);

    assertThat(result).succeeded();
    assertThat(result.output().text()).isEqualTo("Hi there,\nPlease restart the router.");
    assertThat(result).step("lookupCustomer").failed();
    assertThat(result).step("lookupCustomer").hadOutcomes(TIMED_OUT, TIMED_OUT, TIMED_OUT);
    assertThat(result).step("lookupCustomer").attempt(1).hasDuration(Duration.ofSeconds(5));
    assertThat(result).step("draft").hadAttempts(1);
    assertThat(result).step("draft").usage().calls(2);
    assertThat(model.callsOf("draft").get(1).callAttempt()).isEqualTo(2);
  }

  @Test
  void aRefundWithoutAnOrderNumberAsksForIt(BraidKit kit) {
    ScriptedModel<Prompt, String> model = script(kit)
        .whenRequest(prompt -> prompt.task().equals("draft"), ScriptedReply.value("We are sorry."))
        .build();
    TicketPipelineExecutor executor = new TicketPipelineExecutor(
        new TicketPipeline(new Scripted(model), new CustomerDirectory(), new KnowledgeBase()),
        kit.config().build());

    PipelineResult<Reply> result = executor.execute(REFUND_WITHOUT_ORDER);

    assertThat(result).stoppedEarlyAt("check");
    assertThat(result).stoppedEarlyAsking("Ask the customer for their order number: a refund"
        + " request cannot be handled without it.");
  }

  /** Extracts and classifies as the offline model would; the test adds its own drafts. */
  private static ScriptedModel.Builder<Prompt, String> script(BraidKit kit) {
    return kit.<Prompt, String>model("gpt-4o-mini", String.class)
        .whenRequest(prompt -> prompt.task().equals("extract") && prompt.text().contains("#482913"),
            ScriptedReply.value("order=482913; product=router", 24, 7))
        .whenRequest(prompt -> prompt.task().equals("extract"),
            ScriptedReply.value("order=; product=camera", 24, 7))
        .whenRequest(prompt -> prompt.task().equals("classify") && prompt.text().contains("router"),
            ScriptedReply.value("TECHNICAL", 24, 2))
        .whenRequest(prompt -> prompt.task().equals("classify"), ScriptedReply.value("REFUND", 24, 2));
  }

  /** The pipeline's model type over a scripted model. */
  private record Scripted(ScriptedModel<Prompt, String> script) implements LanguageModel {
    @Override
    public String model() {
      return script.model();
    }

    @Override
    public ModelResponse<String> call(Prompt prompt, ModelCall call) throws Exception {
      return script.call(prompt, call);
    }
  }

  /** A CRM that does not answer within a minute, waiting on the test's virtual time. */
  private static final class HangingDirectory extends CustomerDirectory {
    private final VirtualTime time;

    HangingDirectory(VirtualTime time) {
      this.time = time;
    }

    @Override
    public Customer find(String email) throws InterruptedException {
      time.sleep(Duration.ofMinutes(1));
      return super.find(email);
    }
  }
}
