package dev.braid.samples.ticket;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepStatus;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

class SupportRouterTest {
  private static final Ticket PASSWORD = new Ticket("T-1003", "lee@example.com",
      "Locked out", "I forgot my password and cannot log in to my account.");
  private static final Ticket EMAIL_CHANGE = new Ticket("T-1004", "kim@example.com",
      "New email address", "How do I change the email on my account?");

  private final OfflineLanguageModel model = new OfflineLanguageModel(0);
  private final SupportRouterExecutor router = new SupportRouterExecutor(new SupportRouter(model),
      new TicketPipelineExecutor(new TicketPipeline(model, new CustomerDirectory(), new KnowledgeBase())),
      new QuickAnswerPipelineExecutor(new QuickAnswerPipeline(model, new KnowledgeBase())));

  @Test
  void sendsAnAccountQuestionToTheQuickAnswerWithAResetLinkWhenItIsAboutThePassword() {
    PipelineResult<Reply> result = router.execute(PASSWORD);

    assertThat(result.output().text()).endsWith(
        "Reset it here: https://help.example.com/reset?account=lee@example.com");
    assertThat(result.output().citedArticles()).contains("KB-301");
    PipelineResult<?> quick = result.step("run").childRuns().getFirst();
    assertThat(quick.pipelineName()).isEqualTo("QuickAnswerPipeline");
    assertThat(quick.step("resetLink").status()).isEqualTo(StepStatus.SUCCEEDED);
    // The route's classify call, then the quick answer's one call.
    assertThat(result.usage().calls()).isEqualTo(2);
    assertThat(result.step("run").usage()).isEqualTo(quick.usage());
  }

  @Test
  void skipsTheResetLinkForAnyOtherAccountQuestion() {
    PipelineResult<Reply> result = router.execute(EMAIL_CHANGE);

    PipelineResult<?> quick = result.step("run").childRuns().getFirst();
    assertThat(quick.step("resetLink").status()).isEqualTo(StepStatus.SKIPPED);
    assertThat(result.output().text()).doesNotContain("Reset it here");
  }

  @Test
  void sendsEverythingElseThroughTheFullTriage() {
    PipelineResult<Reply> result = router.execute(TicketTriageApp.TICKETS.get(0));

    assertThat(result.step("run").childRuns().getFirst().pipelineName()).isEqualTo("TicketPipeline");
    assertThat(result.output().text()).startsWith("Hi Maria,");
  }

  @Test
  void micronautInjectsTheRouterWithItsRoutes() {
    try (ApplicationContext context = ApplicationContext.run()) {
      SupportRouterExecutor injected = context.getBean(SupportRouterExecutor.class);

      assertThat(injected.execute(PASSWORD).output().citedArticles()).contains("KB-301");
    }
  }
}
