package dev.braid.runtime.internal;

import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.RunStream;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import dev.braid.runtime.codegen.StepDispatcher;
import dev.braid.runtime.codegen.StepPlan;
import dev.braid.runtime.time.TimeSource;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Starts the runs of one plan: what {@link dev.braid.runtime.codegen.PipelineEngine} does once it
 * has checked its arguments. Public only for that engine, so that the engine's parts (the
 * schedule, the resolved settings, resume plans, the futures and streams of runs) stay
 * package-private here. Arguments are checked by the engine; thread-safe.
 */
public final class PlanRunner {
  private final PipelinePlan plan;
  private final Schedule schedule;
  private final PipelineConfig config;
  private final RunSettings defaults;
  private final StepSlots slots;

  private PlanRunner(PipelinePlan plan, PipelineConfig config) {
    this.plan = plan;
    this.schedule = Schedule.of(plan);
    this.config = config;
    this.defaults = RunSettings.resolve(plan, config, RunOptions.defaults());
    this.slots = StepSlots.of(plan, config);
  }

  /**
   * The runner of {@code plan}'s runs with {@code config}.
   *
   * @throws IllegalArgumentException if {@code config} names a step the plan does not have
   * @throws IllegalStateException if this JVM cannot run the scope {@code -Dbraid.scope} asks for
   */
  public static PlanRunner create(PipelinePlan plan, PipelineConfig config) {
    RunScope.check(plan.name());
    RunSettings.check(plan, config);
    return new PlanRunner(plan, config);
  }

  /** A dispatcher that runs {@code bodies[i]} as step {@code i}, over a copy of the array. */
  public static StepDispatcher dispatcher(StepBody[] bodies) {
    StepBody[] copy = bodies.clone();
    return (step, outputs, context) -> copy[step].run(outputs, context);
  }

  /** The concurrency caps of the plan's steps, shared by every run. */
  public StepSlots slots() {
    return slots;
  }

  /** Runs the pipeline on the calling thread; a child run reports to its parent step too. */
  public <O extends @Nullable Object> PipelineResult<O> execute(
      RunOptions options, @Nullable Object @Nullable [] inputs, StepDispatcher steps) {
    PipelineRun<O> run = newRun(options, inputs, null, steps);
    AttemptContext parent = run.parent();
    if (parent == null) {
      LaunchCount.handTo(run);
      return run.execute();
    }
    try {
      PipelineResult<O> result = run.execute();
      parent.recordChild(result);
      return result;
    } catch (BraidException e) {
      e.partialResult().ifPresent(parent::recordChild);
      throw e;
    }
  }

  /** Starts a run on a virtual thread of its own; cancelling the future cancels the run. */
  public <O extends @Nullable Object> CompletableFuture<PipelineResult<O>> executeAsync(
      RunOptions options, @Nullable Object[] inputs, StepDispatcher steps) {
    PipelineRun<O> run = newRun(options, inputs, null, steps);
    run.countBusyUntilStarted();
    return RunFuture.start(run, threadName());
  }

  /**
   * Wraps what a thread about to run this plan will do, on the thread starting it: on a time
   * source that counts busy threads, counts the run busy from now until it has counted its first
   * steps itself, so that a virtual source cannot move on before then; the count is handed to the
   * first run that {@link #execute} starts on that thread with the plan's time source, or given
   * back when the thread is done. A batch of runs launches each run's thread with it.
   */
  public Runnable launching(Runnable work) {
    TimeSource time = defaults.time();
    return time == TimeSource.system() ? work : LaunchCount.counting(time, work);
  }

  /** Starts a run whose streamed chunks the caller reads as they come. */
  public <O extends @Nullable Object> RunStream<O> stream(
      RunOptions options, @Nullable Object[] inputs, StepDispatcher steps) {
    StreamingRun.ChunkBuffer buffer = new StreamingRun.ChunkBuffer(options.streamBuffer());
    RunOptions streamed = options.toBuilder()
        .onChunk(options.chunkListener().map(buffer::after).orElse(buffer))
        .build();
    PipelineRun<O> run = newRun(streamed, inputs, null, steps);
    run.countBusyUntilStarted();
    return StreamingRun.start(run, threadName(), buffer);
  }

  /** Runs the pipeline again, reusing what {@code previous} may lend with {@code inputs}. */
  public <O extends @Nullable Object> PipelineResult<O> resume(PipelineResult<O> previous,
      RunOptions options, @Nullable Object[] inputs, StepDispatcher steps) {
    ResumePlan reuse = ResumePlan.of(plan, previous, inputs);
    return this.<O>newRun(options, inputs, reuse, steps).execute();
  }

  /** The names of the steps, in plan order, that {@link #resume} would take from {@code previous}. */
  public Set<String> reusableSteps(PipelineResult<?> previous, @Nullable Object[] inputs) {
    ResumePlan reuse = ResumePlan.of(plan, previous, inputs);
    Set<String> names = new LinkedHashSet<>();
    for (StepPlan step : plan.steps()) {
      if (reuse.reused(step.index())) {
        names.add(step.name());
      }
    }
    return Collections.unmodifiableSet(names);
  }

  private String threadName() {
    return "braid " + plan.name();
  }

  private <O extends @Nullable Object> PipelineRun<O> newRun(RunOptions options,
      @Nullable Object @Nullable [] inputs, @Nullable ResumePlan reuse, StepDispatcher steps) {
    RunSettings settings = options == RunOptions.defaults()
        ? defaults
        : RunSettings.resolve(plan, config, options);
    return new PipelineRun<>(schedule, settings, slots.apply(steps, plan), inputs, reuse);
  }

  /**
   * The future of a run started with {@code executeAsync}: completed by the run's own virtual
   * thread with its result or its exception. Cancelling it, with or without {@code
   * mayInterruptIfRunning}, cancels the run; the run's thread ends once its steps have. Thread-safe.
   */
  private static final class RunFuture<O extends @Nullable Object>
      extends CompletableFuture<PipelineResult<O>> {
    private final PipelineRun<O> run;

    private RunFuture(PipelineRun<O> run) {
      this.run = run;
    }

    /** Starts {@code run} on a new virtual thread named {@code threadName}. */
    static <O extends @Nullable Object> RunFuture<O> start(
        PipelineRun<O> run, String threadName) {
      RunFuture<O> future = new RunFuture<>(run);
      Thread.ofVirtual().name(threadName).start(() -> {
        try {
          future.complete(run.execute());
        } catch (Throwable t) {
          future.completeExceptionally(t);
        }
      });
      return future;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      run.cancel();
      return cancelled;
    }
  }

  /**
   * A busy count taken on a time source as a thread was launched to run a plan ({@link
   * #launching}), until the first run that thread executes on that source takes it over, which
   * gives it back once it has counted its first steps busy itself; given back by the thread when
   * it is done if no run took it. Thread-safe.
   */
  private static final class LaunchCount {
    private static final ScopedValue<LaunchCount> LAUNCHED = ScopedValue.newInstance();

    private final TimeSource time;
    private final AtomicBoolean held = new AtomicBoolean(true);

    private LaunchCount(TimeSource time) {
      this.time = time;
    }

    /** Counts busy on {@code time} now, for the thread that will do {@code work}. */
    static Runnable counting(TimeSource time, Runnable work) {
      LaunchCount count = new LaunchCount(time);
      time.busy();
      return () -> {
        try {
          ScopedValue.where(LAUNCHED, count).run(work);
        } finally {
          if (count.held.compareAndSet(true, false)) {
            time.idle();
          }
        }
      };
    }

    /** Hands the calling thread's launch count, if any, to {@code run} if it is on its source. */
    static void handTo(PipelineRun<?> run) {
      if (!LAUNCHED.isBound()) {
        return;
      }
      LaunchCount count = LAUNCHED.get();
      if (count.held.compareAndSet(true, false) && !run.takeLaunchCount(count.time)) {
        count.held.set(true); // not this run's: given back when the thread is done
      }
    }
  }
}
