package dev.braid.samples.ticket;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.CostBudgetExceededException;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunDeadlineExceededException;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.RunStream;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.StreamChunk;
import dev.braid.runtime.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketPipelineTest {
  private static final Ticket ROUTER = TicketTriageApp.TICKETS.get(0);
  private static final Ticket REFUND_WITHOUT_ORDER = TicketTriageApp.TICKETS.get(1);

  private final TicketPipelineExecutor executor = new TicketPipelineExecutor(
      new TicketPipeline(new OfflineLanguageModel(), new CustomerDirectory(), new KnowledgeBase()));
  private final TicketPipelineExecutor fast = new TicketPipelineExecutor(
      new TicketPipeline(new OfflineLanguageModel(0), new CustomerDirectory(), new KnowledgeBase()));

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
  void queuesARunThatAWorkerRunsFromTheDefinition() {
    List<Object> queued = new ArrayList<>();
    String id = executor.submit((pipeline, inputs) -> {
      queued.add(pipeline);
      queued.addAll(Arrays.asList(inputs));
      return "run-1";
    }, ROUTER);
    PipelineDefinition<Reply> definition = executor.definition();

    assertThat(id).isEqualTo("run-1");
    assertThat(queued).containsExactly(definition, ROUTER).inOrder();
    assertThat(definition.inputTypes()).containsExactly(Ticket.class);
    assertThat(definition.stepType("searchKnowledgeBase").getTypeName())
        .isEqualTo("java.util.List<dev.braid.samples.ticket.Article>");
    assertThat(definition.stepType("check")).isEqualTo(Reply.class);
    assertThat(definition.execute(RunOptions.defaults(), ROUTER).output().intent())
        .isEqualTo(Intent.TECHNICAL);
  }

  @Test
  void asksForTheOrderNumberWhenARefundComesWithoutOne() {
    PipelineResult<Reply> result = executor.execute(REFUND_WITHOUT_ORDER);

    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.stoppedAt()).hasValue("check");
    assertThat(result.conversationState().orElseThrow().context())
        .isEqualTo("Ask the customer for their order number: a refund request cannot be handled without it.");
    assertThat(result.conversationState().orElseThrow().details())
        .containsExactly("missing", List.of("orderNumber"), "intent", "REFUND");
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

  @Test
  void repliesWithoutTheCustomersNameWhenTheCrmIsDown() {
    CustomerDirectory crmDown = new CustomerDirectory() {
      @Override
      public Customer find(String email) {
        throw new IllegalStateException("CRM unavailable");
      }
    };
    TicketPipelineExecutor withoutCrm = new TicketPipelineExecutor(
        new TicketPipeline(new OfflineLanguageModel(0), crmDown, new KnowledgeBase()));

    PipelineResult<Reply> result = withoutCrm.execute(ROUTER);

    assertThat(result.output().text()).startsWith("Hi there,");
    assertThat(result.step("lookupCustomer").status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.step("lookupCustomer").attemptCount()).isEqualTo(3);
    assertThat(result.step("lookupCustomer").failure()).hasMessageThat().isEqualTo("CRM unavailable");
  }

  @Test
  void reportsWhatEachModelCallingStepUsedAndCost() {
    PipelineResult<Reply> result = fast.execute(ROUTER);

    ModelPrice price = PriceTable.defaults().price("gpt-4o-mini");
    for (String step : List.of("extract", "classify", "draft")) {
      Usage usage = result.step(step).usage();
      assertThat(usage.calls()).isEqualTo(1);
      assertThat(usage.costMicrocents())
          .isEqualTo(price.cost(usage.inputTokens(), 0, usage.outputTokens()));
    }
    assertThat(result.step("searchKnowledgeBase").usage()).isEqualTo(Usage.NONE);
    assertThat(result.usage().calls()).isEqualTo(3);
    assertThat(result.usage().costMicrocents()).isGreaterThan(0L);
    assertThat(result.usageTable()).contains("\ntotal ");
  }

  @Test
  void streamsTheDraftAsItIsWrittenThenReturnsTheSameReply() {
    StringBuilder streamed = new StringBuilder();
    PipelineResult<Reply> result;
    try (RunStream<Reply> run = fast.stream(ROUTER)) {
      for (StreamChunk chunk : run) {
        assertThat(chunk.step()).isEqualTo("draft");
        streamed.append(chunk.text());
      }
      result = run.result();
    }

    assertThat(streamed.toString()).isEqualTo(result.output().text());
  }

  @Test
  void stopsBeforeSpendingMoreThanACallersBudget() {
    CostBudgetExceededException overBudget = assertThrows(CostBudgetExceededException.class,
        () -> fast.execute(ROUTER, RunOptions.builder().costBudget(1).build()));

    assertThat(overBudget).hasMessageThat().isEqualTo("Step 'classify' of pipeline"
        + " 'TicketPipeline' reached the run's cost budget of $0.00000001 ($0.0000078 spent);"
        + " raise the budget or make the step do less");
    assertThat(overBudget.usage().calls()).isEqualTo(1);
    PipelineResult<?> partial = overBudget.partialResult().orElseThrow();
    assertThat(partial.step("extract").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(partial.step("draft").status()).isEqualTo(StepStatus.NOT_STARTED);
  }

  @Test
  void aCallersDeadlineStopsTheRunAndKeepsWhatFinished() {
    RunDeadlineExceededException late = assertThrows(RunDeadlineExceededException.class,
        () -> executor.execute(ROUTER, RunOptions.builder().deadline(Duration.ofMillis(250)).build()));

    assertThat(late.deadline()).isEqualTo(Duration.ofMillis(250));
    assertThat(late).hasMessageThat().startsWith(
        "Run of pipeline 'TicketPipeline' exceeded its deadline of 250ms while running '");
    PipelineResult<?> partial = late.partialResult().orElseThrow();
    assertThat(partial.step("draft").status()).isEqualTo(StepStatus.NOT_STARTED);
  }
}
