/**
 * Adapts Spring AI's chat models to Braid's {@link dev.braid.runtime.ModelClient}, so that a step
 * calls them through {@link dev.braid.runtime.StepContext#call}: usage is priced and budgeted,
 * retryable failures are retried by Braid, and streamed tokens reach the run's listener. {@link
 * dev.braid.springai.SpringAiModels} is the only public class. Depends on Braid's public runtime
 * API and on {@code spring-ai-model}; reads the failures of the OpenAI Java SDK (which {@code
 * spring-ai-openai} brings) and of Spring's {@code RestClient} and {@code WebClient} only when the
 * application has them.
 */
@NullMarked
package dev.braid.springai;

import org.jspecify.annotations.NullMarked;
