package dev.braid.runtime;

import java.util.Objects;

/**
 * A model's rate limit: at most so many requests and so many tokens per minute, as providers set
 * them. A {@link RateLimiter} enforces it over every run that shares the limiter, and a durable
 * worker over every worker that shares the database.
 *
 * <pre>{@code
 * RateLimit gpt = RateLimit.model("gpt-4o").requestsPerMinute(500).tokensPerMinute(200_000)
 *     .tokensPerCall(2_000);
 * }</pre>
 *
 * <p>A limit is a pair of token buckets, one for requests and one for tokens, each refilled at
 * its rate per minute and holding one second's worth at most (never less than one call), so that
 * calls are spread over the minute rather than spent in a burst at its start. A call takes one
 * request and {@link #tokensPerCall()} tokens before it starts; once the provider reports what it
 * used, the difference is given back or charged, so a call that used more makes the next ones
 * wait longer. Immutable.
 */
public final class RateLimit {
  private static final double MICROS_PER_MINUTE = 60_000_000.0;
  private static final long DEFAULT_TOKENS_PER_CALL = 1_000;

  private final String model;
  private final long requestsPerMinute;
  private final long tokensPerMinute;
  private final long tokensPerCall;

  private RateLimit(String model, long requestsPerMinute, long tokensPerMinute,
      long tokensPerCall) {
    this.model = model;
    this.requestsPerMinute = requestsPerMinute;
    this.tokensPerMinute = tokensPerMinute;
    this.tokensPerCall = tokensPerCall;
  }

  /** A limit on the calls to {@code model}, as {@link ModelClient#model()} names it. */
  public static RateLimit model(String model) {
    if (Objects.requireNonNull(model, "model").isBlank()) {
      throw new IllegalArgumentException("RateLimit.model must name a model, was blank");
    }
    return new RateLimit(model, -1, -1, DEFAULT_TOKENS_PER_CALL);
  }

  /** At most {@code requests} calls a minute; at least 1. */
  public RateLimit requestsPerMinute(long requests) {
    return new RateLimit(model, positive("requestsPerMinute", requests), tokensPerMinute,
        tokensPerCall);
  }

  /** At most {@code tokens} input and output tokens a minute; at least 1. */
  public RateLimit tokensPerMinute(long tokens) {
    return new RateLimit(model, requestsPerMinute, positive("tokensPerMinute", tokens),
        tokensPerCall);
  }

  /**
   * The tokens a call reserves before it starts, corrected once it reports what it used; 1,000
   * unless set. Set it near a typical call's use.
   */
  public RateLimit tokensPerCall(long tokens) {
    return new RateLimit(model, requestsPerMinute, tokensPerMinute,
        positive("tokensPerCall", tokens));
  }

  public String model() {
    return model;
  }

  /** Calls a minute, or -1 for no limit on calls. */
  public long requestsPerMinute() {
    return requestsPerMinute;
  }

  /** Tokens a minute, or -1 for no limit on tokens. */
  public long tokensPerMinute() {
    return tokensPerMinute;
  }

  public long tokensPerCall() {
    return tokensPerCall;
  }

  /**
   * What a bucket pair holds at a time: requests and tokens, which may be negative after a call
   * used more than it reserved. Stores keep one per limit.
   *
   * @param atMicros the wall-clock time it was computed at, in microseconds since the epoch
   */
  public record Level(double requests, double tokens, long atMicros) {}

  /**
   * What {@link #take} decided.
   *
   * @param level the level to store: less one call if it was admitted, else refilled
   * @param waitMicros 0 if the call was admitted, else how long until it could be
   */
  public record Take(Level level, long waitMicros) {
    public boolean admitted() {
      return waitMicros == 0;
    }
  }

  /** Full buckets at {@code nowMicros}: a new limit admits its first second's calls at once. */
  public Level full(long nowMicros) {
    return new Level(requestCapacity(), tokenCapacity(), nowMicros);
  }

  /**
   * Refills {@code level} to {@code nowMicros}, then admits a call that reserves {@code tokens} if
   * both buckets hold enough, or says how long until they would.
   */
  public Take take(Level level, long tokens, long nowMicros) {
    Level now = refill(level, nowMicros);
    double wait = 0;
    if (requestsPerMinute > 0 && now.requests() < 1) {
      wait = (1 - now.requests()) * MICROS_PER_MINUTE / requestsPerMinute;
    }
    double reserve = Math.min(tokens, tokenCapacity());
    if (tokensPerMinute > 0 && now.tokens() < reserve) {
      wait = Math.max(wait, (reserve - now.tokens()) * MICROS_PER_MINUTE / tokensPerMinute);
    }
    if (wait > 0) {
      return new Take(now, Math.max(1, (long) Math.ceil(wait)));
    }
    return new Take(new Level(now.requests() - (requestsPerMinute > 0 ? 1 : 0),
        now.tokens() - (tokensPerMinute > 0 ? tokens : 0), now.atMicros()), 0);
  }

  /** Gives back {@code tokens} a call reserved but did not use, or charges them if negative. */
  public Level adjust(Level level, long tokens, long nowMicros) {
    Level now = refill(level, nowMicros);
    return new Level(now.requests(), Math.min(tokenCapacity(), now.tokens() + tokens),
        now.atMicros());
  }

  private Level refill(Level level, long nowMicros) {
    long elapsed = Math.max(0, nowMicros - level.atMicros());
    double requests = requestsPerMinute > 0
        ? Math.min(requestCapacity(), level.requests() + elapsed * requestsPerMinute
            / MICROS_PER_MINUTE)
        : level.requests();
    double tokens = tokensPerMinute > 0
        ? Math.min(tokenCapacity(), level.tokens() + elapsed * tokensPerMinute
            / MICROS_PER_MINUTE)
        : level.tokens();
    return new Level(requests, tokens, Math.max(nowMicros, level.atMicros()));
  }

  private double requestCapacity() {
    return Math.max(1, requestsPerMinute / 60.0);
  }

  private double tokenCapacity() {
    return Math.max(tokensPerCall, tokensPerMinute / 60.0);
  }

  private static long positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException("RateLimit." + name + " must be at least 1, was "
          + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return "RateLimit[" + model + (requestsPerMinute > 0 ? ", " + requestsPerMinute + " requests"
        + "/min" : "") + (tokensPerMinute > 0 ? ", " + tokensPerMinute + " tokens/min" : "")
        + "]";
  }
}
