package dev.braid.springai;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.reactivestreams.Subscription;
import org.springframework.ai.chat.model.ChatResponse;
import reactor.core.publisher.BaseSubscriber;

/**
 * Carries one streamed reply from the thread that publishes Spring AI's {@code Flux} to the step's,
 * so that {@link dev.braid.runtime.ModelCall#emit} runs on the step's thread, where an interrupt
 * reaches it. It asks the {@code Flux} for at most {@value #CAPACITY} parts ahead of the step and
 * for one more each time the step takes one: while the step waits for a slow listener, the {@code
 * Flux} is asked for nothing, and a model that honours Reactive Streams demand stops reading.
 * Nothing here ever blocks Spring AI's thread, so a {@code Flux} that publishes on the step's own
 * thread, inside {@code subscribe} or {@code request}, works too.
 *
 * <p>{@link #close} cancels the subscription, which makes Spring AI's models close the HTTP
 * stream. Thread-safe between one publisher (signals in order, as Reactive Streams requires) and
 * the step's thread.
 */
final class StreamRelay extends BaseSubscriber<ChatResponse> {
  static final int CAPACITY = 16;

  /** What the {@code Flux} signalled, in order. */
  sealed interface Event {}

  record Part(ChatResponse response) implements Event {}

  record Done() implements Event {}

  record Failed(Throwable failure) implements Event {}

  /** Holds at most {@value #CAPACITY} parts, since no more are asked for, and the terminal signal. */
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

  @Override
  protected void hookOnSubscribe(Subscription subscription) {
    subscription.request(CAPACITY);
  }

  @Override
  protected void hookOnNext(ChatResponse part) {
    if (events.size() >= CAPACITY) {
      // Reactor cancels the subscription and signals this as the stream's failure.
      throw new IllegalStateException("The model's Flux published more parts than were requested ("
          + CAPACITY + " ahead), breaking Reactive Streams back-pressure");
    }
    events.add(new Part(part));
  }

  @Override
  protected void hookOnComplete() {
    events.add(new Done());
  }

  @Override
  protected void hookOnError(Throwable failure) {
    events.add(new Failed(failure));
  }

  /**
   * The next signal, asking the {@code Flux} for one more part in place of a part taken.
   *
   * @throws InterruptedException if the step is interrupted while it waits
   */
  Event next() throws InterruptedException {
    Event next = events.take();
    if (next instanceof Part) {
      request(1);
    }
    return next;
  }

  /** Cancels the subscription unless the {@code Flux} has ended. */
  void close() {
    dispose();
  }
}
