package dev.braid.samples.ticket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import org.junit.jupiter.api.Test;

class TicketPipelineTest {
  private static final Ticket ROUTER = TicketTriageApp.TICKETS.get(0);
  private static final Ticket REFUND_WITHOUT_ORDER = TicketTriageApp.TICKETS.get(1);

  private final TicketPipelineExecutor executor = new TicketPipelineExecutor(
      new TicketPipeline(new OfflineLanguageModel(), new CustomerDirectory(), new KnowledgeBase()));

  @Test
  void answersATicketThatHasEverythingItNeeds() {
    PipelineResult<Reply> result = executor.execute(ROUTER);

    assertThat(result.stoppedEarly()).isFalse();
    assertThat(result.output().intent()).isEqualTo(Intent.TECHNICAL);
    assertThat(result.output().text()).startsWith("Hi Maria,");
    assertThat(result.output().citedArticles()).containsExactly("KB-201", "KB-202").inOrder();
    assertThat(result.steps().stream().map(StepRecord::status).distinct().toList())
        .containsExactly(StepStatus.SUCCEEDED);
  }

  @Test
  void asksForTheOrderNumberWhenARefundComesWithoutOne() {
    PipelineResult<Reply> result = executor.execute(REFUND_WITHOUT_ORDER);

    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.stoppedAt()).hasValue("check");
    assertThat(result.conversationState().orElseThrow().context())
        .isEqualTo("Ask the customer for their order number: a refund request cannot be handled without it.");
    assertThat(result.step("check").status()).isEqualTo(StepStatus.STOPPED_EARLY);
    IllegalStateException noOutput = assertThrows(IllegalStateException.class, result::output);
    assertThat(noOutput).hasMessageThat().contains("stopped early at step 'check'");
  }

  @Test
  void looksUpTheCustomerAndSearchesTheKnowledgeBaseInParallel() {
    PipelineResult<Reply> result = executor.execute(ROUTER);

    StepRecord lookup = result.step("lookupCustomer");
    StepRecord search = result.step("searchKnowledgeBase");
    assertThat(lookup.startedAt()).isLessThan(search.finishedAt());
    assertThat(search.startedAt()).isLessThan(lookup.finishedAt());
    assertThat(lookup.startedAt()).isAtLeast(result.step("classify").finishedAt());
    assertThat(result.step("draft").startedAt()).isAtLeast(search.finishedAt());
    assertThat(result.step("draft").startedAt()).isAtLeast(lookup.finishedAt());
  }
}
