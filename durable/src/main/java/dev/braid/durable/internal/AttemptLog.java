package dev.braid.durable.internal;

import dev.braid.durable.StoredAttempt;
import dev.braid.durable.StoredModelCall;
import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.RunListener.CallScope;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.time.TimeSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Gathers, for one claim of a durable run, each attempt's model calls as they end, and turns an
 * attempt that ended into the row that stores it. Thread-safe: the steps of a run, and the calls
 * of one step, end on several threads at once.
 */
final class AttemptLog {
  /** A call's error text is cut here: its attempt keeps the stack trace of what it threw. */
  static final int LONGEST_CALL_ERROR = 2 * 1024;

  private final int claim;
  private final String worker;
  private final TimeSource time;
  private final Map<Key, Queue<StoredModelCall>> calls = new ConcurrentHashMap<>();

  private record Key(String step, int attempt) {}

  AttemptLog(int claim, String worker, TimeSource time) {
    this.claim = claim;
    this.worker = worker;
    this.time = time;
  }

  /** Hears one model call of {@code attempt}, from when it is sent until it ends. */
  CallScope callStarted(StepEvent attempt, String model) {
    Instant sent = time.instant();
    return (usage, failure) -> calls
        .computeIfAbsent(new Key(attempt.stepName(), attempt.attempt()),
            key -> new ConcurrentLinkedQueue<>())
        .add(new StoredModelCall(model, sent, usage.latency(), usage.inputTokens(),
            usage.cachedInputTokens(), usage.outputTokens(), usage.costMicrocents(),
            failure == null ? null : cut(failure.toString())));
  }

  /** The row of {@code record}, with the calls heard for it, which are forgotten here. */
  StoredAttempt ended(StepEvent attempt, AttemptRecord record) {
    Queue<StoredModelCall> heard = calls.remove(new Key(attempt.stepName(), attempt.attempt()));
    Throwable failure = record.failure();
    return new StoredAttempt(attempt.stepName(), claim, worker, record.number(),
        record.outcome(), record.startedAt(), record.finishedAt(), record.waited(),
        failure == null ? null : failure.toString(),
        failure == null ? null : ErrorTrace.of(failure, RunTimeline.LONGEST_TRACE),
        record.usage(), heard == null ? List.of() : List.copyOf(heard));
  }

  private static String cut(String text) {
    return text.length() <= LONGEST_CALL_ERROR ? text
        : text.substring(0, LONGEST_CALL_ERROR) + "… (cut)";
  }
}
