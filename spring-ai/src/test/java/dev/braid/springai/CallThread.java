package dev.braid.springai;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Makes one call on a thread of its own, standing in for a step's thread that a test interrupts. */
final class CallThread<Q, R> {
  private final CompletableFuture<ModelResponse<R>> result = new CompletableFuture<>();
  private final Thread thread;

  private CallThread(ModelClient<Q, R> client, Q request, TestCall call) {
    thread = Thread.ofVirtual().name("step").start(() -> {
      try {
        result.complete(client.call(request, call));
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
  }

  static <Q, R> CallThread<Q, R> start(ModelClient<Q, R> client, Q request, TestCall call) {
    return new CallThread<>(client, request, call);
  }

  void interrupt() {
    thread.interrupt();
  }

  Thread thread() {
    return thread;
  }

  /** What the call threw, waiting at most 20 seconds for it to end. */
  Throwable failure() throws Exception {
    try {
      ModelResponse<R> response = result.get(20, TimeUnit.SECONDS);
      throw new AssertionError("The call returned " + response + " instead of failing");
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
  }

  /** What the call returned, waiting at most 20 seconds. */
  ModelResponse<R> response() throws Exception {
    return result.get(20, TimeUnit.SECONDS);
  }
}
