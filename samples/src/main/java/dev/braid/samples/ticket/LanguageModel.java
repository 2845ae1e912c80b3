package dev.braid.samples.ticket;

import dev.braid.runtime.ModelClient;

/**
 * The model the ticket pipeline calls, always through {@code StepContext.call} so that Braid
 * prices, budgets, retries and streams every call. {@link OfflineLanguageModel} answers without a
 * network; an application plugs in its own client here, for example one from {@code
 * braid-langchain4j}.
 */
public interface LanguageModel extends ModelClient<Prompt, String> {}
