package dev.braid.benchmarks.pipelines;

import dev.braid.Pipeline;
import dev.braid.Step;

/**
 * A graph that level-by-level scheduling runs slowly: {@code root} (10 ms) feeds {@code a} (100 ms)
 * and {@code b} (10 ms), {@code b} feeds {@code c} (100 ms), and {@code sink} (10 ms) needs {@code
 * a} and {@code c}. Started the moment its dependencies finish, each step lies on a path of at most
 * {@value #CRITICAL_PATH_MS} ms (root, b, c, sink); run level by level it takes 220 ms.
 */
@Pipeline
public class LatencyDagPipeline {
  public static final long ROOT_MS = 10;
  public static final long A_MS = 100;
  public static final long B_MS = 10;
  public static final long C_MS = 100;
  public static final long SINK_MS = 10;
  public static final long CRITICAL_PATH_MS = ROOT_MS + B_MS + C_MS + SINK_MS;

  @Step
  int root() throws InterruptedException {
    Thread.sleep(ROOT_MS);
    return 1;
  }

  @Step(dependsOn = "root")
  int a(int root) throws InterruptedException {
    Thread.sleep(A_MS);
    return root + 1;
  }

  @Step(dependsOn = "root")
  int b(int root) throws InterruptedException {
    Thread.sleep(B_MS);
    return root + 2;
  }

  @Step(dependsOn = "b")
  int c(int b) throws InterruptedException {
    Thread.sleep(C_MS);
    return b + 1;
  }

  @Step(dependsOn = {"a", "c"})
  int sink(int a, int c) throws InterruptedException {
    Thread.sleep(SINK_MS);
    return a + c;
  }
}
