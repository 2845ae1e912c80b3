package dev.braid.springai;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelException;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The model a client's calls are priced as, and the one the Spring AI model sends when a prompt
 * names none. Braid prices a call before making it, by the client's one name, so a prompt whose
 * options ask for a different model would be billed at the wrong price; {@link #check} refuses it.
 *
 * @param priced what {@code ModelClient.model()} returns
 * @param sent the model in the Spring AI model's default options, if any
 */
record ModelName(String priced, @Nullable String sent) {

  /** The model in {@code defaults}, which must name one. */
  static ModelName fromOptions(@Nullable ChatOptions defaults, Class<?> modelClass, String factory) {
    String sent = sent(defaults);
    if (sent == null) {
      throw new IllegalArgumentException(modelClass.getSimpleName() + " has no default model, so"
          + " Braid cannot tell what its calls cost; set one in the model's options, such as"
          + " .model(\"gpt-4o-mini\"), or name it with SpringAiModels." + factory
          + "(model, \"gpt-4o-mini\")");
    }
    return new ModelName(sent, sent);
  }

  /** {@code priced}, given by the application. */
  static ModelName explicit(@Nullable ChatOptions defaults, String priced) {
    if (priced == null || priced.isBlank()) {
      throw new IllegalArgumentException("The model name to price calls as must not be blank, was '"
          + priced + "'; give the name the price table knows, such as \"gpt-4o-mini\"");
    }
    return new ModelName(priced, sent(defaults));
  }

  /**
   * Refuses a prompt whose options name a model other than this one.
   *
   * @throws ModelException not retryable, naming both models and the fix
   */
  void check(Prompt prompt, ModelCall call) {
    String requested = sent(prompt.getOptions());
    if (requested == null || requested.equals(priced) || requested.equals(sent)) {
      return;
    }
    throw new ModelException("Step '" + call.stepName() + "' of pipeline '" + call.pipelineName()
        + "' sent a Prompt for model '" + requested + "' through a client priced as '" + priced
        + "'; make a client for that model with SpringAiModels.chat(model, \"" + requested
        + "\") (or streaming), so that Braid prices its calls right", false, 0, null);
  }

  private static @Nullable String sent(@Nullable ChatOptions options) {
    String model = options == null ? null : options.getModel();
    return model == null || model.isBlank() ? null : model;
  }
}
