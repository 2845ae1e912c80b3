package dev.braid.samples.kotlin.ticket

import dev.braid.runtime.ModelClient

/**
 * The model the ticket pipeline calls, always through `StepContext.call` so that Braid prices,
 * budgets, retries and streams every call. [OfflineLanguageModel] answers without a network; an
 * application plugs in its own client here, for example one from `braid-langchain4j`.
 */
interface LanguageModel : ModelClient<Prompt, String>
