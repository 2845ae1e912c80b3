package dev.braid.console.standalone;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.ConversationState;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Summarizes a text, then asks for a decision until one is given: an answer that gives it leaves
 * the summary, which never reads the decision, valid. Counts how often each step ran.
 */
@Pipeline(durable = true)
public class ReviewPipeline {
  final AtomicInteger summaries = new AtomicInteger();
  final AtomicInteger decisions = new AtomicInteger();

  @Step
  String summarize(@Input String text) {
    summaries.incrementAndGet();
    return "summary of " + text;
  }

  @Step(dependsOn = "summarize")
  ConversationState<String> decide(String summarize, @Input String decision) {
    decisions.incrementAndGet();
    if (decision.isBlank()) {
      return ConversationState.incomplete(summarize, "Approve or reject?");
    }
    return ConversationState.complete(decision + ": " + summarize);
  }
}
