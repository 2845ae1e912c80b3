package dev.braid.langchain4j;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import org.jspecify.annotations.Nullable;

/**
 * The model a client's calls are priced as, and the one the LangChain4j model sends when a request
 * names none. Braid prices a call before making it, by the client's one name, so a request that
 * asks for a different model would be billed at the wrong price; {@link #check} refuses it.
 *
 * @param priced what {@code ModelClient.model()} returns
 * @param sent the model name in the LangChain4j model's default request parameters, if any
 */
record ModelName(String priced, @Nullable String sent) {

  /** The name in {@code defaults}, which must have one. */
  static ModelName fromDefaults(@Nullable ChatRequestParameters defaults, Class<?> modelClass,
      String factory) {
    String sent = sent(defaults);
    if (sent == null) {
      throw new IllegalArgumentException(modelClass.getSimpleName() + " has no default model name,"
          + " so Braid cannot tell what its calls cost; set one on the model's builder, such as"
          + " .modelName(\"gpt-4o-mini\"), or name it with LangChain4jModels." + factory
          + "(model, \"gpt-4o-mini\")");
    }
    return new ModelName(sent, sent);
  }

  /** {@code priced}, given by the application. */
  static ModelName explicit(@Nullable ChatRequestParameters defaults, String priced) {
    if (priced == null || priced.isBlank()) {
      throw new IllegalArgumentException("The model name to price calls as must not be blank, was '"
          + priced + "'; give the name the price table knows, such as \"gpt-4o-mini\"");
    }
    return new ModelName(priced, sent(defaults));
  }

  /**
   * Refuses a request that names a model other than this one.
   *
   * @throws ModelException not retryable, naming both models and the fix
   */
  void check(ChatRequest request, ModelCall call) {
    String requested = request.modelName();
    if (requested == null || requested.equals(priced) || requested.equals(sent)) {
      return;
    }
    throw new ModelException("Step '" + call.stepName() + "' of pipeline '" + call.pipelineName()
        + "' sent a ChatRequest for model '" + requested + "' through a client priced as '"
        + priced + "'; make a client for that model with LangChain4jModels.chat(model, \""
        + requested + "\") (or streaming), so that Braid prices its calls right", false, 0, null);
  }

  private static @Nullable String sent(@Nullable ChatRequestParameters defaults) {
    String name = defaults == null ? null : defaults.modelName();
    return name == null || name.isBlank() ? null : name;
  }
}
