package dev.braid.runtime.internal;

import dev.braid.runtime.ChunkListener;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunStream;
import dev.braid.runtime.StreamChunk;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A run on a virtual thread of its own whose chunks go through a {@link ChunkBuffer} to the
 * caller. Thread-safe, except that one thread at a time iterates.
 */
final class StreamingRun<O extends @Nullable Object> implements RunStream<O> {
  private final PipelineRun<O> run;
  private final ChunkBuffer buffer;
  private final CompletableFuture<PipelineResult<O>> future;
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicBoolean iterated = new AtomicBoolean();

  private StreamingRun(PipelineRun<O> run, ChunkBuffer buffer) {
    this.run = run;
    this.buffer = buffer;
    this.future = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        run.cancel();
        return cancelled;
      }
    };
  }

  /** Starts {@code run}, whose chunks reach {@code buffer}, on a virtual thread named {@code threadName}. */
  public static <O extends @Nullable Object> StreamingRun<O> start(
      PipelineRun<O> run, String threadName, ChunkBuffer buffer) {
    StreamingRun<O> stream = new StreamingRun<>(run, buffer);
    Thread.ofVirtual().name(threadName).start(stream::execute);
    return stream;
  }

  private void execute() {
    try {
      future.complete(run.execute());
    } catch (Throwable t) {
      future.completeExceptionally(t);
    } finally {
      buffer.finish();
      ended.countDown();
    }
  }

  @Override
  public Iterator<StreamChunk> iterator() {
    if (!iterated.compareAndSet(false, true)) {
      throw new IllegalStateException("A RunStream is iterated once");
    }
    return new Iterator<>() {
      private @Nullable StreamChunk next;
      private boolean done;

      @Override
      public boolean hasNext() {
        if (next == null && !done) {
          try {
            next = buffer.next();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.cancel();
          }
          done = next == null;
        }
        return next != null;
      }

      @Override
      public StreamChunk next() {
        if (!hasNext()) {
          throw new NoSuchElementException("The run has ended and every chunk was read");
        }
        StreamChunk chunk = next;
        next = null;
        return chunk;
      }
    };
  }

  @Override
  public PipelineResult<O> result() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
          run.cancel();
        }
      }
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    throw new CompletionException(cause);
  }

  @Override
  public CompletableFuture<PipelineResult<O>> future() {
    return future;
  }

  @Override
  public void close() {
    buffer.close();
    if (ended.getCount() > 0) {
      run.cancel();
      if (RunClock.await(ended)) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The bounded buffer between a streaming run's steps and the reader of its {@code RunStream}.
   * Steps block in {@link #onChunk} while it is full; the reader blocks in {@link #next} while it is
   * empty and the run goes on. Once closed it drops what steps emit, so that none waits for a reader
   * that left. Thread-safe.
   */
  static final class ChunkBuffer implements ChunkListener {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<StreamChunk> chunks = new ArrayDeque<>(); // guarded by lock
    private boolean ended; // guarded by lock
    private boolean closed; // guarded by lock

    public ChunkBuffer(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("A chunk buffer holds at least 1 chunk, not " + capacity);
      }
      this.capacity = capacity;
    }

    /** Passes each chunk to {@code first}, then to this buffer. */
    public ChunkListener after(ChunkListener first) {
      return chunk -> {
        first.onChunk(chunk);
        onChunk(chunk);
      };
    }

    @Override
    public void onChunk(StreamChunk chunk) throws InterruptedException {
      lock.lockInterruptibly();
      try {
        while (chunks.size() >= capacity && !closed) {
          notFull.await();
        }
        if (!closed) {
          chunks.addLast(chunk);
          notEmpty.signal();
        }
      } finally {
        lock.unlock();
      }
    }

    /** The next chunk, waiting while there is none and the run goes on; null once it has ended. */
    @Nullable StreamChunk next() throws InterruptedException {
      lock.lockInterruptibly();
      try {
        while (chunks.isEmpty() && !ended && !closed) {
          notEmpty.await();
        }
        StreamChunk chunk = chunks.pollFirst();
        if (chunk != null) {
          notFull.signal();
        }
        return chunk;
      } finally {
        lock.unlock();
      }
    }

    /** The run has ended: nothing more will come. */
    void finish() {
      lock.lock();
      try {
        ended = true;
        notEmpty.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /** The reader left: drops what is buffered and lets every waiting step go on. */
    void close() {
      lock.lock();
      try {
        closed = true;
        chunks.clear();
        notFull.signalAll();
        notEmpty.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
