package dev.braid.test;

import static com.google.common.truth.Fact.fact;
import static com.google.common.truth.Fact.simpleFact;

import com.google.common.truth.ComparableSubject;
import com.google.common.truth.FailureMetadata;
import com.google.common.truth.IterableSubject;
import com.google.common.truth.Subject;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.Usage;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Truth subject for a {@link PipelineResult}: its output, whether it stopped early and what it
 * asked, its usage and cost, how long it took, and a way into each step ({@link #step}).
 */
public final class PipelineResultSubject extends Subject {
  private final @Nullable PipelineResult<?> actual;

  private PipelineResultSubject(FailureMetadata metadata, @Nullable PipelineResult<?> actual) {
    super(metadata, actual);
    this.actual = actual;
  }

  static Subject.Factory<PipelineResultSubject, PipelineResult<?>> results() {
    return PipelineResultSubject::new;
  }

  /** Fails unless the run ran to its end and produced an output. */
  public void succeeded() {
    PipelineResult<?> result = result();
    if (result.stoppedEarly()) {
      failWithActual(simpleFact("expected the run to succeed, but it stopped early at "
          + result.stoppedAt().orElse("?")));
    } else if (!result.hasOutput()) {
      failWithActual(simpleFact("expected the run to produce an output, but it has none"));
    }
  }

  /** The run's output. */
  public Subject output() {
    PipelineResult<?> result = result();
    if (!result.hasOutput()) {
      failWithActual(simpleFact("expected an output, but the run has none"
          + (result.stoppedEarly() ? " (it stopped early)" : "")));
    }
    return check("output()").that(result.output());
  }

  /** Fails unless the run's output equals {@code expected}. */
  public void hasOutput(@Nullable Object expected) {
    output().isEqualTo(expected);
  }

  /** Fails unless a step stopped the run early. */
  public void stoppedEarly() {
    if (!result().stoppedEarly()) {
      failWithActual(simpleFact("expected the run to stop early, but it did not"));
    }
  }

  /** Fails unless the run did not stop early. */
  public void didNotStopEarly() {
    PipelineResult<?> result = result();
    if (result.stoppedEarly()) {
      failWithActual(fact("expected not to stop early, but it stopped at",
          result.stoppedAt().orElse("?")));
    }
  }

  /** Fails unless step {@code step} stopped the run early. */
  public void stoppedEarlyAt(String step) {
    stoppedEarly();
    check("stoppedAt()").that(result().stoppedAt().orElse(null)).isEqualTo(step);
  }

  /** Fails unless the run stopped early asking {@code question} (the state's context). */
  public void stoppedEarlyAsking(String question) {
    stoppedEarly();
    ConversationState<?> state = result().conversationState().orElse(null);
    check("conversationState().context()").that(state == null ? null : state.context())
        .isEqualTo(question);
  }

  /** What the run's model calls used. */
  public UsageSubject usage() {
    return check("usage()").about(UsageSubject.usages()).that(result().usage());
  }

  /** Fails unless the run's calls cost exactly {@code microcents}. */
  public void costMicrocents(long microcents) {
    usage().costMicrocents(microcents);
  }

  /** How long the run took, on the time it ran on. */
  public ComparableSubject<Duration> duration() {
    return check("duration()").that(result().duration());
  }

  /** The names of the steps, in plan order. */
  public IterableSubject stepNames() {
    return check("steps()").that(result().steps().stream().map(StepRecord::name).toList());
  }

  /** The record of step {@code name}; fails if the pipeline has no such step. */
  public StepRecordSubject step(String name) {
    Objects.requireNonNull(name, "name");
    PipelineResult<?> result = result();
    StepRecord record = result.steps().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElse(null);
    if (record == null) {
      failWithActual(fact("expected a step named", name),
          fact("but the steps are", result.steps().stream().map(StepRecord::name).toList()));
    }
    return check("step(%s)", name).about(StepRecordSubject.steps()).that(record);
  }

  private PipelineResult<?> result() {
    if (actual == null) {
      failWithActual(simpleFact("expected a result, but was null"));
    }
    return Objects.requireNonNull(actual);
  }

  /** Truth subject for a {@link Usage}. */
  public static final class UsageSubject extends Subject {
    private final @Nullable Usage actual;

    private UsageSubject(FailureMetadata metadata, @Nullable Usage actual) {
      super(metadata, actual);
      this.actual = actual;
    }

    static Subject.Factory<UsageSubject, Usage> usages() {
      return UsageSubject::new;
    }

    public void calls(long calls) {
      check("calls()").that(usage().calls()).isEqualTo(calls);
    }

    public void inputTokens(long tokens) {
      check("inputTokens()").that(usage().inputTokens()).isEqualTo(tokens);
    }

    public void outputTokens(long tokens) {
      check("outputTokens()").that(usage().outputTokens()).isEqualTo(tokens);
    }

    public void totalTokens(long tokens) {
      check("totalTokens()").that(usage().totalTokens()).isEqualTo(tokens);
    }

    public void costMicrocents(long microcents) {
      check("costMicrocents()").that(usage().costMicrocents()).isEqualTo(microcents);
    }

    private Usage usage() {
      if (actual == null) {
        failWithActual(simpleFact("expected a usage, but was null"));
      }
      return Objects.requireNonNull(actual);
    }
  }
}
