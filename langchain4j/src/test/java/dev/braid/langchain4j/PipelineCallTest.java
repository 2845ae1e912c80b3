package dev.braid.langchain4j;

import dev.braid.runtime.ModelClient;
import dev.braid.testing.model.PipelineCallContract;
import dev.braid.testing.openai.FakeOpenAi;

/** LangChain4j's OpenAI models called from a pipeline's step, as every adapter's must behave. */
class PipelineCallTest extends PipelineCallContract {
  @Override
  protected ModelClient<String, String> chat(FakeOpenAi server) {
    return LangChain4jModels.text(LangChain4jModels.chat(OpenAiModels.chat(server)));
  }

  @Override
  protected ModelClient<String, String> streaming(FakeOpenAi server) {
    return LangChain4jModels.text(LangChain4jModels.streaming(OpenAiModels.streaming(server)));
  }
}
