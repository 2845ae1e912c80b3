package dev.braid.runtime.internal;

import dev.braid.runtime.ChunkListener;
import dev.braid.runtime.StreamChunk;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The bounded buffer between a streaming run's steps and the reader of its {@code RunStream}.
 * Steps block in {@link #onChunk} while it is full; the reader blocks in {@link #next} while it is
 * empty and the run goes on. Once closed it drops what steps emit, so that none waits for a reader
 * that left. Thread-safe.
 */
final class ChunkBuffer implements ChunkListener {
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
