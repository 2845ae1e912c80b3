/**
 * Adapts LangChain4j's chat models to Braid's {@link dev.braid.runtime.ModelClient}, so that a step
 * calls them through {@link dev.braid.runtime.StepContext#call}: usage is priced and budgeted,
 * retryable failures are retried by Braid, and streamed tokens reach the run's listener. {@link
 * dev.braid.langchain4j.LangChain4jModels} is the only public class. Depends on Braid's public
 * runtime API and on {@code langchain4j-core}; reads {@code langchain4j-open-ai}'s token usage only
 * when the application has it.
 */
@NullMarked
package dev.braid.langchain4j;

import org.jspecify.annotations.NullMarked;
