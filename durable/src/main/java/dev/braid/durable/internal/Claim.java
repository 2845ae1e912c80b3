package dev.braid.durable.internal;

/**
 * A run a worker has just claimed. {@code attempt} is the run's claim count after this claim: with
 * the owner it fences every later write, so a worker that lost the lease changes nothing.
 */
public record Claim(String id, String pipeline, String inputsJson, int attempt,
    boolean cancelRequested) {}
