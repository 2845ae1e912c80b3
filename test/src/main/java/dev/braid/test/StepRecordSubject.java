package dev.braid.test;

import static com.google.common.truth.Fact.fact;
import static com.google.common.truth.Fact.simpleFact;

import com.google.common.truth.ComparableSubject;
import com.google.common.truth.FailureMetadata;
import com.google.common.truth.IterableSubject;
import com.google.common.truth.Subject;
import com.google.common.truth.ThrowableSubject;
import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Truth subject for one step's {@link StepRecord}: how it ended, its attempts and the outcome of
 * each, how long they took, its failure and its usage.
 *
 * <pre>{@code
 * assertThat(result).step("draft").hadAttempts(3);
 * assertThat(result).step("draft").hadOutcomes(TIMED_OUT, TIMED_OUT, SUCCEEDED);
 * assertThat(result).step("draft").attempt(1).hasDuration(Duration.ofSeconds(30));
 * }</pre>
 */
public final class StepRecordSubject extends Subject {
  private final @Nullable StepRecord actual;

  private StepRecordSubject(FailureMetadata metadata, @Nullable StepRecord actual) {
    super(metadata, actual);
    this.actual = actual;
  }

  static Subject.Factory<StepRecordSubject, StepRecord> steps() {
    return StepRecordSubject::new;
  }

  public void hasStatus(StepStatus status) {
    check("status()").that(step().status()).isEqualTo(status);
  }

  public void succeeded() {
    hasStatus(StepStatus.SUCCEEDED);
  }

  public void failed() {
    hasStatus(StepStatus.FAILED);
  }

  public void wasSkipped() {
    hasStatus(StepStatus.SKIPPED);
  }

  /** Fails unless the step ran exactly {@code count} attempts. */
  public void hadAttempts(int count) {
    StepRecord step = step();
    if (step.attempts().size() != count) {
      failWithActual(fact("expected attempts", count),
          fact("but had", step.attempts().size()),
          fact("with outcomes", outcomes(step)));
    }
  }

  /** Fails unless the step's attempts ended with {@code outcomes}, in this order. */
  public void hadOutcomes(AttemptOutcome... outcomes) {
    check("attempts().outcome()").that(outcomes(step())).containsExactlyElementsIn(
        Arrays.asList(outcomes)).inOrder();
  }

  /** The outcomes of the step's attempts, in order. */
  public IterableSubject outcomes() {
    return check("attempts().outcome()").that(outcomes(step()));
  }

  /** Attempt {@code number} (from 1); fails if the step did not run it. */
  public AttemptSubject attempt(int number) {
    StepRecord step = step();
    if (number < 1 || number > step.attempts().size()) {
      failWithActual(fact("expected an attempt", number),
          fact("but attempts were", step.attempts().size()));
    }
    return check("attempt(%s)", number).about(AttemptSubject.attempts())
        .that(step.attempts().get(number - 1));
  }

  /** How long the step took, from its first attempt's start to its end, retry pauses included. */
  public ComparableSubject<Duration> duration() {
    return check("duration()").that(step().duration());
  }

  public void hasDuration(Duration expected) {
    duration().isEqualTo(expected);
  }

  /** What the step failed with; fails if it has no failure. */
  public ThrowableSubject failure() {
    StepRecord step = step();
    if (step.failure() == null) {
      failWithActual(simpleFact("expected a failure, but the step has none"));
    }
    return check("failure()").that(step.failure());
  }

  public PipelineResultSubject.UsageSubject usage() {
    return check("usage()").about(PipelineResultSubject.UsageSubject.usages()).that(step().usage());
  }

  private static List<AttemptOutcome> outcomes(StepRecord step) {
    return step.attempts().stream().map(AttemptRecord::outcome).toList();
  }

  private StepRecord step() {
    if (actual == null) {
      failWithActual(simpleFact("expected a step record, but was null"));
    }
    return Objects.requireNonNull(actual);
  }

  /** Truth subject for one {@link AttemptRecord}. */
  public static final class AttemptSubject extends Subject {
    private final @Nullable AttemptRecord actual;

    private AttemptSubject(FailureMetadata metadata, @Nullable AttemptRecord actual) {
      super(metadata, actual);
      this.actual = actual;
    }

    static Subject.Factory<AttemptSubject, AttemptRecord> attempts() {
      return AttemptSubject::new;
    }

    public void hasOutcome(AttemptOutcome outcome) {
      check("outcome()").that(attempt().outcome()).isEqualTo(outcome);
    }

    public ComparableSubject<Duration> duration() {
      return check("duration()").that(attempt().duration());
    }

    public void hasDuration(Duration expected) {
      duration().isEqualTo(expected);
    }

    public ThrowableSubject failure() {
      return check("failure()").that(attempt().failure());
    }

    public PipelineResultSubject.UsageSubject usage() {
      return check("usage()").about(PipelineResultSubject.UsageSubject.usages())
          .that(attempt().usage());
    }

    private AttemptRecord attempt() {
      if (actual == null) {
        failWithActual(simpleFact("expected an attempt, but was null"));
      }
      return Objects.requireNonNull(actual);
    }
  }
}
