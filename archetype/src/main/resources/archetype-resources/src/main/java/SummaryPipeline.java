package ${package};

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.StepContext;
import java.util.Arrays;
import java.util.List;

/**
 * Summarizes a document: its title and its keywords are worked out in parallel, then a model writes
 * the summary from both. Braid's annotation processor checks this graph while javac runs and
 * generates {@code SummaryPipelineExecutor}, which runs it.
 */
@Pipeline(timeout = "30s", deadline = "2m")
public class SummaryPipeline {
  private final ModelClient<String, String> model;

  public SummaryPipeline(ModelClient<String, String> model) {
    this.model = model;
  }

  @Step
  String title(@Input String document) {
    return document.strip().lines().findFirst().orElse("").strip();
  }

  @Step
  List<String> keywords(@Input String document) {
    return Arrays.stream(document.toLowerCase().split("\\W+"))
        .filter(word -> word.length() > 6)
        .distinct()
        .limit(3)
        .toList();
  }

  @Step(dependsOn = {"title", "keywords"}, retries = 2)
  Summary summarize(String title, List<String> keywords, StepContext context)
      throws InterruptedException {
    String prompt = "Summarize '" + title + "' in one sentence about " + String.join(", ", keywords);
    return new Summary(title, keywords, context.call(model, prompt).value());
  }
}
