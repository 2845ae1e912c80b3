package dev.braid.springai;

import dev.braid.runtime.ModelClient;
import dev.braid.testing.model.PipelineCallContract;
import dev.braid.testing.openai.FakeOpenAi;

/** Spring AI's OpenAI model called from a pipeline's step, as every adapter's must behave. */
class PipelineCallTest extends PipelineCallContract {
  @Override
  protected ModelClient<String, String> chat(FakeOpenAi server) {
    return SpringAiModels.text(SpringAiModels.chat(OpenAiModels.openAi(server)));
  }

  @Override
  protected ModelClient<String, String> streaming(FakeOpenAi server) {
    return SpringAiModels.text(SpringAiModels.streaming(OpenAiModels.openAi(server)));
  }

  /**
   * The OpenAI SDK gives an abandoned stream's connection up only by the model's own timeout, so
   * the stalled model gets a short one: the run must end before it, and the connection by it, with
   * time to spare on a busy machine.
   */
  @Override
  protected StalledStream stalledStream(FakeOpenAi server) {
    return new StalledStream(
        SpringAiModels.text(SpringAiModels.streaming(
            OpenAiModels.openAi(server, OpenAiModels.SHORT_TIMEOUT))),
        OpenAiModels.SHORT_TIMEOUT,
        OpenAiModels.SHORT_TIMEOUT.plusSeconds(15));
  }
}
