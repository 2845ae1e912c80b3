package dev.braid.runtime.internal;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.StepConfig;
import dev.braid.runtime.StepContext;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepOutputs;
import dev.braid.runtime.codegen.StepPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Caps on how many attempts of a step may run at once, shared by every run that goes through one
 * instance: an engine holds one for its steps' {@code maxConcurrent}, so all runs of an executor
 * share it, and a durable worker holds one for its {@code stepConcurrency}, shared by all its runs.
 * Steps are capped by name.
 *
 * <p>Each capped step has a fair semaphore, so attempts are admitted in the order they asked. An
 * attempt asks for its slot inside its own timed window, before the step's code is called: the
 * attempt's timeout, the run's deadline and a cancel interrupt the wait like any other blocking
 * call, and an attempt the run stops before it is admitted never takes a slot. An admitted attempt
 * holds its slot while the step's code runs and gives it back however that code ends; an attempt
 * the run abandoned because it ignored its interrupt keeps its slot until its code returns, since
 * it is still running. How long an attempt waited goes into its {@code AttemptRecord}.
 *
 * <p>Public because {@link dev.braid.runtime.codegen.PipelineEngine#slots()} returns it and
 * braid-durable's workers create their own; it stays in this package because admission goes
 * through the attempt's own context and clock. Thread-safe.
 */
public final class StepSlots {
  /** How often a wait on a replaced time source tries for a slot: a millisecond of that time. */
  private static final long POLL_NANOS = 1_000_000;
  private static final StepSlots NONE = new StepSlots(Map.of());

  /** The semaphore of each capped step, by name; never modified. */
  private final Map<String, Semaphore> byStep;

  private StepSlots(Map<String, Semaphore> byStep) {
    this.byStep = byStep;
  }

  /**
   * Slots for the steps {@code caps} names, {@code caps.get(name)} of them each.
   *
   * @throws IllegalArgumentException if a cap is below 1
   */
  public static StepSlots of(Map<String, Integer> caps) {
    Map<String, Semaphore> byStep = new LinkedHashMap<>();
    caps.forEach((step, max) -> {
      if (max < 1) {
        throw new IllegalArgumentException(
            "The concurrency cap of step '" + step + "' must be at least 1, was " + max);
      }
      byStep.put(step, new Semaphore(max, true));
    });
    return byStep.isEmpty() ? NONE : new StepSlots(Map.copyOf(byStep));
  }

  /**
   * The caps of {@code plan}'s steps: each step's {@link StepConfig#maxConcurrent()} in {@code
   * config}, or else its {@code @Step(maxConcurrent)}.
   */
  public static StepSlots of(PipelinePlan plan, PipelineConfig config) {
    Map<String, Integer> caps = new LinkedHashMap<>();
    for (StepPlan step : plan.steps()) {
      StepConfig override = config.steps().get(step.name());
      int max = override == null
          ? step.maxConcurrent()
          : override.maxConcurrent().orElse(step.maxConcurrent());
      if (max > 0) {
        caps.put(step.name(), max);
      }
    }
    return of(caps);
  }

  /** The names of the capped steps. */
  public Set<String> steps() {
    return byStep.keySet();
  }

  /** How many attempts of {@code step} wait for a slot, an estimate as of now; 0 if uncapped. */
  public int waiting(String step) {
    Semaphore slots = byStep.get(step);
    return slots == null ? 0 : slots.getQueueLength();
  }

  /** How many slots of {@code step} are free as of now; 0 if it has no cap. */
  public int free(String step) {
    Semaphore slots = byStep.get(step);
    return slots == null ? 0 : slots.availablePermits();
  }

  /** {@code steps} with the caps applied to the steps of {@code plan} that have one. */
  public StepDispatcher apply(StepDispatcher steps, PipelinePlan plan) {
    if (byStep.isEmpty()) {
      return steps;
    }
    @Nullable Semaphore[] byIndex = new Semaphore[plan.steps().size()];
    boolean any = false;
    for (int i = 0; i < byIndex.length; i++) {
      byIndex[i] = byStep.get(plan.steps().get(i).name());
      any |= byIndex[i] != null;
    }
    return any ? new Capped(steps, byIndex) : steps;
  }

  /**
   * Waits for a slot of {@code slots}, telling {@code context} how long it waited.
   *
   * @throws InterruptedException if the wait was interrupted, or the run stopped the attempt
   *     before it was admitted; either way without a slot
   */
  private static void acquire(Semaphore slots, StepContext context) throws InterruptedException {
    AttemptContext attempt = context instanceof AttemptContext known ? known : null;
    if (attempt == null) {
      slots.acquire();
      return;
    }
    if (!attempt.startWaiting()) {
      throw withdrawn(context);
    }
    RunClock clock = attempt.clock();
    long asked = clock.nanos();
    try {
      if (clock.replaced()) {
        pollFor(slots, clock);
      } else {
        slots.acquire();
      }
    } catch (InterruptedException e) {
      attempt.gaveUpWaiting(clock.nanos() - asked);
      throw e;
    }
    if (!attempt.admitted(clock.nanos() - asked)) {
      slots.release();
      Thread.interrupted(); // the stop's interrupt, delivered as the exception below
      throw withdrawn(context);
    }
  }

  /**
   * Waits for a slot on a replaced time source, such as a test's virtual time. A thread blocked on
   * the semaphore would count as busy and keep that time still while the step holding the slot
   * sleeps on it, so the wait sleeps on the run's time between tries instead: admission is then
   * in steps of {@link #POLL_NANOS}, and not first come, first served.
   */
  private static void pollFor(Semaphore slots, RunClock clock) throws InterruptedException {
    while (!slots.tryAcquire()) {
      clock.sleep(POLL_NANOS);
    }
  }

  private static InterruptedException withdrawn(StepContext context) {
    return new InterruptedException("Step '" + context.stepName() + "' of pipeline '"
        + context.pipelineName() + "' was stopped while it waited for a concurrency slot");
  }

  private record Capped(StepDispatcher delegate, @Nullable Semaphore[] slots)
      implements StepDispatcher {
    @Override
    public @Nullable Object run(int step, StepOutputs outputs, StepContext context)
        throws Exception {
      Semaphore slot = slots[step];
      if (slot == null) {
        return delegate.run(step, outputs, context);
      }
      acquire(slot, context);
      try {
        return delegate.run(step, outputs, context);
      } finally {
        slot.release();
      }
    }

    @Override
    public boolean shouldRun(int step, StepOutputs outputs) throws Exception {
      return delegate.shouldRun(step, outputs);
    }
  }
}
