package dev.braid.runtime.progress;

import dev.braid.runtime.BraidException;
import dev.braid.runtime.Microcents;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.StepRecord;
import java.io.Console;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Describes each run in progress in one line, rewritten as steps start and end and calls are
 * paid for: {@code TicketPipeline: 3/6 steps done · running lookupCustomer, searchKnowledgeBase ·
 * $0.0000126 spent}. {@link #printingTo} prints it, rewritten in place on a terminal and one line
 * after another anywhere else; {@link #to} hands each line to a consumer of your choice, a log or
 * a UI.
 *
 * <pre>{@code
 * executor.execute(ticket, RunOptions.builder()
 *     .listener(ProgressLine.printingTo(System.err))
 *     .build());
 * }</pre>
 *
 * <p>Thread-safe. Lines of one run reach the consumer one at a time, each with the latest state.
 */
public final class ProgressLine implements RunListener {
  private final Consumer<String> sink;
  private final Runnable afterRun;
  private final Map<String, Progress> runs = new ConcurrentHashMap<>();

  private ProgressLine(Consumer<String> sink, Runnable afterRun) {
    this.sink = sink;
    this.afterRun = afterRun;
  }

  /** Sends each new line to {@code sink}. */
  public static ProgressLine to(Consumer<String> sink) {
    return new ProgressLine(Objects.requireNonNull(sink, "sink"), () -> {});
  }

  /**
   * Prints each new line to {@code out}, as {@link Rendering#detect()} decides: in place when the
   * JVM's console is a terminal, one line after another when output goes to a file or a pipe, so
   * that no carriage return lands in a log.
   */
  public static ProgressLine printingTo(PrintStream out) {
    return printingTo(out, Rendering.detect());
  }

  /** Prints each new line to {@code out} as {@code rendering} says. */
  public static ProgressLine printingTo(PrintStream out, Rendering rendering) {
    PrintedLine line = new PrintedLine(Objects.requireNonNull(out, "out"),
        Objects.requireNonNull(rendering, "rendering"));
    return new ProgressLine(line::show, line::end);
  }

  /** How a printed progress line is shown. */
  public enum Rendering {
    /** Each line replaces the last one with a carriage return, as on a terminal. */
    IN_PLACE,
    /** Each line is printed on a line of its own, as in a log file. */
    LINE_BY_LINE;

    /**
     * {@link #IN_PLACE} when the JVM's console is a terminal, {@link #LINE_BY_LINE} otherwise: when
     * there is no console, or its output is redirected.
     */
    public static Rendering detect() {
      Console console = System.console();
      return console != null && console.isTerminal() ? IN_PLACE : LINE_BY_LINE;
    }
  }

  /** What one run has done so far; guarded by its own monitor. */
  private static final class Progress {
    final RunEvent run;
    final Set<String> running = new TreeSet<>(); // sorted, so that a line reads the same whichever started first
    int done;
    long spent;

    Progress(RunEvent run) {
      this.run = run;
    }

    String line() {
      StringBuilder line = new StringBuilder(run.pipelineName()).append(": ").append(done)
          .append('/').append(run.stepCount()).append(" steps done");
      if (!running.isEmpty()) {
        line.append(" · running ").append(String.join(", ", running));
      }
      return line.append(" · ").append(Microcents.format(spent)).append(" spent").toString();
    }
  }

  @Override
  public void runStarted(RunEvent run) {
    Progress progress = new Progress(run);
    runs.put(run.runId(), progress);
    publish(progress);
  }

  @Override
  public Scope attemptStarted(StepEvent attempt) {
    update(attempt, progress -> progress.running.add(attempt.stepName()));
    return Scope.NONE;
  }

  @Override
  public void stepEnded(StepEvent step, StepRecord record) {
    update(step, progress -> {
      progress.running.remove(step.stepName());
      progress.done++;
    });
  }

  @Override
  public CallScope modelCallStarted(StepEvent attempt, String model) {
    return (usage, failure) -> update(attempt, progress -> progress.spent += usage.costMicrocents());
  }

  @Override
  public void runEnded(RunEvent run, PipelineResult<?> result, @Nullable BraidException failure) {
    Progress progress = runs.remove(run.runId());
    if (progress != null) {
      synchronized (progress) {
        afterRun.run();
      }
    }
  }

  private void update(StepEvent event, Consumer<Progress> change) {
    Progress progress = runs.get(event.runId());
    if (progress != null) {
      synchronized (progress) {
        change.accept(progress);
        sink.accept(progress.line());
      }
    }
  }

  private void publish(Progress progress) {
    synchronized (progress) {
      sink.accept(progress.line());
    }
  }
}
