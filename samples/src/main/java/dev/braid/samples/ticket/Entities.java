package dev.braid.samples.ticket;

import org.jspecify.annotations.Nullable;

/** What the model pulled out of a ticket; the order number is often missing. */
public record Entities(String customerEmail, @Nullable String orderNumber, String product) {}
