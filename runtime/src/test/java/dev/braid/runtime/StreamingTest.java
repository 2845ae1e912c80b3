package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Streaming: chunks reach the caller in order, one at a time, and a slow reader slows the steps. */
@Timeout(30)
class StreamingTest {
  private static final PriceTable FREE = PriceTable.empty().withFree("m");

  private static PipelineEngine engine(PipelinePlan.Builder plan) {
    return PipelineEngine.create(plan.build(), PipelineConfig.builder().prices(FREE).build());
  }

  private static PipelinePlan.Builder oneStep() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft");
    plan.output(0);
    return plan;
  }

  /** A model that streams its answer word by word through the call. */
  private static final ModelClient<String, String> WORDS = new ModelClient<>() {
    @Override
    public String model() {
      return "m";
    }

    @Override
    public ModelResponse<String> call(String request, ModelCall call) throws Exception {
      for (String word : request.split(" ")) {
        call.emit(word);
      }
      return ModelResponse.of(request, 1, 1);
    }
  };

  @Test
  void aListenerReceivesWhatAStepAndItsModelCallsStreamInOrder() {
    List<StreamChunk> chunks = new CopyOnWriteArrayList<>();
    RunOptions options = RunOptions.builder().onChunk(chunks::add).build();

    PipelineResult<String> result = engine(oneStep()).execute(options, new Object[0],
        (outputs, context) -> {
          context.emit("Hi,");
          return context.call(WORDS, "thanks for writing").value();
        });

    assertThat(result.output()).isEqualTo("thanks for writing");
    assertThat(chunks).containsExactly(
        new StreamChunk("draft", 1, "Hi,"), new StreamChunk("draft", 1, "thanks"),
        new StreamChunk("draft", 1, "for"), new StreamChunk("draft", 1, "writing")).inOrder();
  }

  @Test
  void aRetriedAttemptStreamsUnderItsOwnNumber() {
    List<StreamChunk> chunks = new CopyOnWriteArrayList<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    plan.step("draft").retries(1);
    plan.output(0);

    engine(plan).execute(RunOptions.builder().onChunk(chunks::add).build(), new Object[0],
        (outputs, context) -> {
          context.emit("try " + context.attempt());
          if (context.attempt() == 1) {
            throw new IllegalStateException("first draft rejected");
          }
          return "ok";
        });

    assertThat(chunks).containsExactly(
        new StreamChunk("draft", 1, "try 1"), new StreamChunk("draft", 2, "try 2")).inOrder();
  }

  @Test
  void parallelStepsAreHandedToTheListenerOneChunkAtATime() {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    AtomicInteger received = new AtomicInteger();
    ChunkListener listener = chunk -> {
      mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      Thread.sleep(0, 50_000);
      received.incrementAndGet();
      inside.decrementAndGet();
    };
    PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
    int branches = 4;
    StepBody[] bodies = new StepBody[branches + 1];
    int[] all = new int[branches];
    for (int i = 0; i < branches; i++) {
      plan.step("branch" + i);
      all[i] = i;
      bodies[i] = (outputs, context) -> {
        for (int n = 0; n < 50; n++) {
          context.emit(context.stepName() + " " + n);
        }
        return null;
      };
    }
    plan.step("join", all);
    plan.output(branches);
    bodies[branches] = (outputs, context) -> "joined";

    engine(plan).execute(RunOptions.builder().onChunk(listener).build(), new Object[0], bodies);

    assertThat(received.get()).isEqualTo(branches * 50);
    assertThat(mostInside.get()).isEqualTo(1);
  }

  @Test
  void aSlowListenerHoldsTheStepThatEmitted() throws Exception {
    CountDownLatch listenerEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean stepWentOn = new AtomicBoolean();
    ChunkListener slow = chunk -> {
      listenerEntered.countDown();
      Waits.await(release, "the test to release the listener");
    };
    PipelineEngine engine = engine(oneStep());

    var run = engine.executeAsync(RunOptions.builder().onChunk(slow).build(), new Object[0],
        (outputs, context) -> {
          context.emit("first");
          stepWentOn.set(true);
          return "done";
        });
    Waits.await(listenerEntered, "the chunk to reach the listener");
    boolean wentOnWhileHeld = stepWentOn.get();
    release.countDown();

    assertThat(wentOnWhileHeld).isFalse();
    assertThat(run.get(10, TimeUnit.SECONDS).output()).isEqualTo("done");
    assertThat(stepWentOn.get()).isTrue();
  }

  @Test
  void aRunStreamYieldsTheChunksThenTheResult() {
    PipelineEngine engine = engine(oneStep());
    List<String> texts = new ArrayList<>();

    PipelineResult<String> result;
    try (RunStream<String> stream = engine.stream(RunOptions.defaults(), new Object[0],
        (outputs, context) -> context.call(WORDS, "one two three").value())) {
      for (StreamChunk chunk : stream) {
        texts.add(chunk.text());
      }
      result = stream.result();
    }

    assertThat(texts).containsExactly("one", "two", "three").inOrder();
    assertThat(result.output()).isEqualTo("one two three");
  }

  @Test
  void aRunStreamBuffersNoMoreThanItsBoundAheadOfTheReader() throws Exception {
    int bound = 2;
    AtomicInteger emitted = new AtomicInteger();
    PipelineEngine engine = engine(oneStep());
    List<Integer> aheadWhenRead = new ArrayList<>();

    try (RunStream<String> stream = engine.stream(
        RunOptions.builder().streamBuffer(bound).build(), new Object[0],
        (outputs, context) -> {
          for (int n = 0; n < 20; n++) {
            context.emit("chunk " + n);
            emitted.incrementAndGet();
          }
          return "done";
        })) {
      int read = 0;
      for (StreamChunk chunk : stream) {
        Thread.sleep(2); // a slow reader: the step fills the buffer meanwhile, then waits
        read++;
        aheadWhenRead.add(emitted.get() - read);
      }
      assertThat(stream.result().output()).isEqualTo("done");
      assertThat(read).isEqualTo(20);
    }

    // Buffered chunks, plus the one the step hands over as the reader takes one.
    assertThat(aheadWhenRead.stream().mapToInt(Integer::intValue).max().orElseThrow())
        .isAtMost(bound + 1);
  }

  @Test
  void closingARunStreamEarlyCancelsTheRunAndWaitsForItsThreads() {
    StepThreads threads = new StepThreads();
    PipelineEngine engine = engine(oneStep());
    RunStream<String> stream = engine.stream(RunOptions.builder().streamBuffer(1).build(),
        new Object[0], threads.track((outputs, context) -> {
          while (true) {
            context.emit("more");
          }
        }));

    assertThat(stream.iterator().next().text()).isEqualTo("more");
    stream.close();

    ExecutionException e = assertThrows(ExecutionException.class, () -> stream.future().get());
    assertThat(e).hasCauseThat().isInstanceOf(RunCancelledException.class);
    threads.assertAllEnded();
  }

  @Test
  void aRunStreamsResultThrowsWhatExecuteWould() {
    PipelineEngine engine = engine(oneStep());

    try (RunStream<String> stream = engine.stream(RunOptions.defaults(), new Object[0],
        (outputs, context) -> {
          context.emit("partial");
          throw new IllegalStateException("model down");
        })) {
      List<String> texts = new ArrayList<>();
      stream.forEach(chunk -> texts.add(chunk.text()));

      StepExecutionException e = assertThrows(StepExecutionException.class, stream::result);
      assertThat(texts).containsExactly("partial");
      assertThat(e.partialResult()).isPresent();
    }
  }

  @Test
  void aListenerThatThrowsFailsTheStepThatEmitted() {
    ChunkListener broken = chunk -> {
      throw new IllegalStateException("socket closed");
    };

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> engine(oneStep()).execute(RunOptions.builder().onChunk(broken).build(),
            new Object[0], (outputs, context) -> {
              context.emit("hello");
              return "unreachable";
            }));

    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("socket closed");
  }
}
