package dev.braid.durable.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/**
 * A checkpoint is read back the first time a value of its class is stored as its type, and not
 * again once that worked; a class that does not read back fails every time.
 */
class CheckpointJsonTest {
  private static final AtomicInteger READS = new AtomicInteger();

  /** Counts how often Jackson creates one, that is reads one back. */
  record Counted(String text) {
    Counted {
      READS.incrementAndGet();
    }
  }

  interface Reply {
    String text();
  }

  record Plain(String text) implements Reply {}

  @Test
  void theFirstValueOfAClassIsReadBackAndLaterOnesAreNot() {
    Counted first = new Counted("first");
    Counted second = new Counted("second");
    int created = READS.get();

    String json = Json.writeCheckpoint(first, Counted.class);
    assertThat(READS.get()).isEqualTo(created + 1);
    assertThat(Json.writeCheckpoint(second, Counted.class)).isEqualTo("{\"text\":\"second\"}");

    assertThat(json).isEqualTo("{\"text\":\"first\"}");
    assertThat(READS.get()).isEqualTo(created + 1);
  }

  @Test
  void aClassThatDoesNotReadBackAsItsTypeFailsEachTime() {
    assertThrows(JacksonException.class, () -> Json.writeCheckpoint(new Plain("a"), Reply.class));
    assertThrows(JacksonException.class, () -> Json.writeCheckpoint(new Plain("b"), Reply.class));
  }
}
