package dev.braid.samples.ticket;

import java.util.List;

/** The reply a support agent reviews and sends. */
public record Reply(String text, Intent intent, List<String> citedArticles) {}
