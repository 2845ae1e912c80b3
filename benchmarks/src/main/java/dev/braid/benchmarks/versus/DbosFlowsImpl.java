package dev.braid.benchmarks.versus;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.Workflow;
import dev.dbos.transact.workflow.WorkflowHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The DBOS side of the workloads. Steps are {@code DBOS.runStep} lambdas, so each is checkpointed
 * as Braid checkpoints a step; the fan-out's branches are child workflows started through the
 * proxy, which DBOS requires for durability.
 */
final class DbosFlowsImpl implements DbosFlows {
  private final DBOS dbos;
  private final int chainSteps;
  private final Duration stepWork;
  private final int branches;
  private final Duration branchWork;
  private @Nullable DbosFlows proxy;

  DbosFlowsImpl(DBOS dbos, Shapes shapes) {
    this.dbos = dbos;
    this.chainSteps = shapes.chainSteps();
    this.stepWork = shapes.stepWork();
    this.branches = shapes.branches();
    this.branchWork = shapes.branchWork();
  }

  /** Registers this with {@code dbos} and returns the proxy to call it through. */
  DbosFlows register() {
    DbosFlows registered = dbos.registerProxy(DbosFlows.class, this);
    proxy = registered;
    return registered;
  }

  @Override
  @Workflow
  public int chain(int start) {
    int value = dbos.runStep(() -> work(start, stepWork), "step0");
    for (int i = 1; i < chainSteps; i++) {
      int previous = value;
      value = dbos.runStep(() -> work(previous + 1, stepWork), "step" + i);
    }
    return value;
  }

  @Override
  @Workflow
  public int fanOut(int start) {
    DbosFlows self = Objects.requireNonNull(proxy, "register() first");
    int root = dbos.runStep(() -> start, "root");
    List<WorkflowHandle<Integer, RuntimeException>> children = new ArrayList<>();
    for (int i = 0; i < branches; i++) {
      int value = root + i;
      children.add(dbos.startWorkflow(() -> self.branch(value)));
    }
    int sum = 0;
    for (WorkflowHandle<Integer, RuntimeException> child : children) {
      sum += child.getResult();
    }
    int total = sum;
    return dbos.runStep(() -> total, "join");
  }

  @Override
  @Workflow
  public int branch(int value) {
    return dbos.runStep(() -> work(value, branchWork), "work");
  }

  private static int work(int value, Duration work) {
    try {
      Work.sleep(work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted in a step", e);
    }
    return value;
  }
}
