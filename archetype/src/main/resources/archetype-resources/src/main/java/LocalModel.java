package ${package};

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;

/**
 * A stand-in for a model served on your own machine, so that the project runs with no network and
 * no API key. Replace it with a real client, for example a LangChain4j chat model through
 * braid-langchain4j. Every call is priced: {@link App#prices()} declares this model free.
 */
public final class LocalModel implements ModelClient<String, String> {
  static final String NAME = "local-model";

  @Override
  public String model() {
    return NAME;
  }

  @Override
  public ModelResponse<String> call(String prompt, ModelCall call) {
    String answer = "A short text. " + prompt.substring(prompt.indexOf('\'')) + ".";
    return ModelResponse.of(answer, prompt.length() / 4, answer.length() / 4);
  }
}
