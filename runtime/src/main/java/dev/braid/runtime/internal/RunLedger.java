package dev.braid.runtime.internal;

import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.BudgetExceededException.Scope;
import dev.braid.runtime.CallOptions;
import dev.braid.runtime.CostBudgetExceededException;
import dev.braid.runtime.TokenBudgetExceededException;
import dev.braid.runtime.Usage;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What a run's model calls have spent and reserved, per step and in all, and the one place its
 * budgets are enforced. The run's budget is a single account that every step draws on, so parallel
 * branches cannot each spend it in full.
 *
 * <p>A call is admitted by {@link #reserve} and accounted by {@link #settle}, both under this
 * run's one lock (its {@link RunCoordinator}'s), so admission sees every finished call and every reservation of a call in
 * flight. A call reserves its {@link CallOptions} budgets (nothing without them) and is refused
 * when the remainder of a budget is spent or smaller than the reservation: a run overspends by at
 * most what its calls in flight cost beyond their reservations. Thread-safe.
 */
final class RunLedger {
  /**
   * What one admitted call holds against the budgets until it is settled; for a child run's call,
   * also what it holds against the parent's.
   */
  record Reservation(long cost, long tokens, @Nullable Reservation parent) {}

  private final ReentrantLock lock;
  private final Schedule schedule;
  private final RunSettings settings;
  private final @Nullable AttemptContext parent;
  private Usage run = Usage.NONE; // guarded by lock
  private long reservedCost; // guarded by lock
  private long reservedTokens; // guarded by lock
  /**
   * Allocated by the first call, under the lock, which guards its elements; volatile so that a run
   * without calls reports its steps' usage without taking the lock.
   */
  private volatile Usage @Nullable [] steps;
  private long @Nullable [] stepReservedCost; // guarded by lock
  private long @Nullable [] stepReservedTokens; // guarded by lock

  /** @param lock the run's one lock, shared with its {@link RunCoordinator} */
  RunLedger(Schedule schedule, RunSettings settings, ReentrantLock lock) {
    this.lock = lock;
    this.schedule = schedule;
    this.settings = settings;
    this.parent = settings.parent();
  }

  /**
   * Admits a call of step {@code index}, holding its reservation against the budgets.
   *
   * @param priced whether the call's model has a price above zero; a free model's call is not held
   *     to cost budgets
   * @throws BudgetExceededException naming the budget that refuses the call (the step's before
   *     the run's, cost before tokens, this run's before a parent's), with the run's usage so far
   */
  Reservation reserve(int index, CallOptions options, boolean priced) {
    Reservation own = reserveOwn(index, options, priced);
    if (parent == null) {
      return own;
    }
    try {
      return new Reservation(own.cost(), own.tokens(), parent.reserveForChild(options, priced));
    } catch (RuntimeException refused) {
      release(index, own);
      throw refused;
    }
  }

  private Reservation reserveOwn(int index, CallOptions options, boolean priced) {
    lock.lock();
    try {
      allocate();
      String pipeline = schedule.pipelineName();
      String step = schedule.step(index).name();
      long cost = Math.max(0, options.costBudget());
      long tokens = Math.max(0, options.tokenBudget());
      StepSettings stepSettings = settings.step(index);
      Usage stepUsage = steps[index];
      if (priced) {
        if (refuses(stepSettings.costBudget(), stepUsage.costMicrocents() + stepReservedCost[index], cost)) {
          throw new CostBudgetExceededException(pipeline, step, Scope.STEP,
              stepSettings.costBudget(), stepUsage.costMicrocents(), run, null);
        }
        if (refuses(settings.costBudget(), run.costMicrocents() + reservedCost, cost)) {
          throw new CostBudgetExceededException(
              pipeline, step, Scope.RUN, settings.costBudget(), run.costMicrocents(), run, null);
        }
      }
      if (refuses(stepSettings.tokenBudget(), stepUsage.totalTokens() + stepReservedTokens[index], tokens)) {
        throw new TokenBudgetExceededException(pipeline, step, Scope.STEP,
            stepSettings.tokenBudget(), stepUsage.totalTokens(), run, null);
      }
      if (refuses(settings.tokenBudget(), run.totalTokens() + reservedTokens, tokens)) {
        throw new TokenBudgetExceededException(
            pipeline, step, Scope.RUN, settings.tokenBudget(), run.totalTokens(), run, null);
      }
      reservedCost += cost;
      reservedTokens += tokens;
      stepReservedCost[index] += cost;
      stepReservedTokens[index] += tokens;
      return new Reservation(cost, tokens, null);
    } finally {
      lock.unlock();
    }
  }

  private void release(int index, Reservation reservation) {
    lock.lock();
    try {
      reservedCost -= reservation.cost();
      reservedTokens -= reservation.tokens();
      stepReservedCost[index] -= reservation.cost();
      stepReservedTokens[index] -= reservation.tokens();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a budget refuses a call: nothing left, or less than the call reserves. */
  private static boolean refuses(long budget, long committed, long reservation) {
    if (budget < 0) {
      return false;
    }
    long left = budget - committed;
    return left <= 0 || reservation > left;
  }

  /**
   * Releases a call's reservation and records what it used.
   *
   * @return the exception if the call overran its own {@link CallOptions} budget, else null
   */
  @Nullable BudgetExceededException settle(
      int index, Reservation reservation, Usage used, CallOptions options) {
    BudgetExceededException overrun = settleOwn(index, reservation, used, options);
    if (parent != null && reservation.parent() != null) {
      parent.settleForChild(reservation.parent(), used);
    }
    return overrun;
  }

  private @Nullable BudgetExceededException settleOwn(
      int index, Reservation reservation, Usage used, CallOptions options) {
    lock.lock();
    try {
      release(index, reservation);
      run = run.plus(used);
      steps[index] = steps[index].plus(used);
      String pipeline = schedule.pipelineName();
      String step = schedule.step(index).name();
      if (options.costBudget() >= 0 && used.costMicrocents() > options.costBudget()) {
        return new CostBudgetExceededException(
            pipeline, step, Scope.CALL, options.costBudget(), used.costMicrocents(), run, null);
      }
      if (options.tokenBudget() >= 0 && used.totalTokens() > options.tokenBudget()) {
        return new TokenBudgetExceededException(
            pipeline, step, Scope.CALL, options.tokenBudget(), used.totalTokens(), run, null);
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * What step {@code index} may still spend, as {@code {microcents, tokens}}: the smaller of what
   * its own budget and the run's have left after finished calls and reservations, never below
   * zero; -1 where neither budget is set. A parent run's budgets are not included.
   */
  long[] left(int index) {
    lock.lock();
    try {
      Usage stepUsage = steps == null ? Usage.NONE : steps[index];
      long stepCost = stepUsage.costMicrocents() + (steps == null ? 0 : stepReservedCost[index]);
      long stepTokens = stepUsage.totalTokens() + (steps == null ? 0 : stepReservedTokens[index]);
      StepSettings stepSettings = settings.step(index);
      return new long[] {
          tighter(left(stepSettings.costBudget(), stepCost),
              left(settings.costBudget(), run.costMicrocents() + reservedCost)),
          tighter(left(stepSettings.tokenBudget(), stepTokens),
              left(settings.tokenBudget(), run.totalTokens() + reservedTokens))};
    } finally {
      lock.unlock();
    }
  }

  private static long left(long budget, long committed) {
    return budget < 0 ? -1 : Math.max(0, budget - committed);
  }

  private static long tighter(long a, long b) {
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  /** What step {@code index}'s calls have used so far. */
  Usage step(int index) {
    if (steps == null) {
      return Usage.NONE;
    }
    lock.lock();
    try {
      return steps[index];
    } finally {
      lock.unlock();
    }
  }

  /** What each step's calls have used so far, by index; null if the run made no call. */
  Usage @Nullable [] steps() {
    if (steps == null) {
      return null;
    }
    lock.lock();
    try {
      return Objects.requireNonNull(steps).clone();
    } finally {
      lock.unlock();
    }
  }

  /** What the run's calls have used so far. */
  Usage run() {
    lock.lock();
    try {
      return run;
    } finally {
      lock.unlock();
    }
  }

  private void allocate() {
    if (steps == null) {
      int size = schedule.size();
      steps = new Usage[size];
      Arrays.fill(steps, Usage.NONE);
      stepReservedCost = new long[size];
      stepReservedTokens = new long[size];
    }
  }
}
