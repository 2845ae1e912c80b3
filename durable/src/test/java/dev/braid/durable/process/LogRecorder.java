package dev.braid.durable.process;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Records what a class logs through {@link System.Logger}, which goes to {@code java.util.logging}
 * when no other logging backend is installed, as in these tests.
 */
final class LogRecorder extends Handler implements AutoCloseable {
  /** A log record as a user sees it: its level, its formatted message and the exception. */
  record Entry(Level level, String message, @Nullable Throwable thrown) {
    @Override
    public String toString() {
      return level + " " + message + (thrown != null ? " [" + thrown + "]" : "");
    }
  }

  private final Logger logger;
  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final SimpleFormatter formatter = new SimpleFormatter();

  private LogRecorder(Logger logger) {
    this.logger = logger;
  }

  /** Starts recording what {@code type} logs. */
  static LogRecorder of(Class<?> type) {
    LogRecorder recorder = new LogRecorder(Logger.getLogger(type.getName()));
    recorder.logger.addHandler(recorder);
    return recorder;
  }

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  List<Entry> containing(String text) {
    return entries.stream().filter(entry -> entry.message().contains(text)).toList();
  }

  @Override
  public void publish(LogRecord record) {
    entries.add(new Entry(record.getLevel(), formatter.formatMessage(record),
        record.getThrown()));
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }

  @Override
  public String toString() {
    return entries.stream().map(Entry::toString).collect(Collectors.joining("\n"));
  }
}
