package dev.braid.samples.ticket;

/**
 * The one door through which the ticket pipeline calls a model. {@link OfflineLanguageModel} answers
 * without a network; an application plugs in its own client here.
 */
public interface LanguageModel {

  /** Answers {@code prompt} for the named task, such as {@code "classify"}. */
  ModelReply complete(String task, String prompt) throws InterruptedException;
}
