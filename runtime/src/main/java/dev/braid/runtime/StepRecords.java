package dev.braid.runtime;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The records of a run's steps in declaration order, as a {@link PipelineResult} holds them: given
 * at once, or made one by one the first time each is read. The engine gives them the second way,
 * since most callers read only a run's output and a run of a thousand steps would otherwise build
 * a thousand records no one reads. Unmodifiable; thread-safe.
 */
final class StepRecords extends AbstractList<StepRecord> implements RandomAccess {
  private final List<String> names;
  /** Makes a record not yet made; null once the records were given or all are made. */
  private @Nullable IntFunction<StepRecord> maker; // guarded by this
  private final @Nullable StepRecord[] records; // guarded by this

  private StepRecords(List<String> names, @Nullable IntFunction<StepRecord> maker,
      @Nullable StepRecord[] records) {
    this.names = names;
    this.maker = maker;
    this.records = records;
  }

  /** Records given at once. */
  static StepRecords of(List<StepRecord> given) {
    StepRecord[] records = given.toArray(StepRecord[]::new);
    String[] names = new String[records.length];
    for (int i = 0; i < records.length; i++) {
      names[i] = Objects.requireNonNull(records[i], "step record").name();
    }
    return new StepRecords(List.of(names), null, records);
  }

  /** Records made on first read by {@code maker}, which must give the same record every time. */
  static StepRecords lazy(List<String> names, IntFunction<StepRecord> maker) {
    return new StepRecords(List.copyOf(names), Objects.requireNonNull(maker, "maker"),
        new StepRecord[names.size()]);
  }

  /** The steps' names, known without making a record. */
  List<String> names() {
    return names;
  }

  @Override
  public synchronized StepRecord get(int index) {
    StepRecord record = records[Objects.checkIndex(index, records.length)];
    if (record == null) {
      IntFunction<StepRecord> make = Objects.requireNonNull(maker);
      record = Objects.requireNonNull(make.apply(index), "step record");
      if (!record.name().equals(names.get(index))) {
        throw new IllegalStateException("The record of step " + index + " is of '"
            + record.name() + "', not '" + names.get(index) + "'");
      }
      records[index] = record;
    }
    return record;
  }

  @Override
  public int size() {
    return records.length;
  }
}
