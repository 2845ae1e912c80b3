package dev.braid.runtime.codegen;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Routing}: what generated router executors call around their two steps. */
class RoutingTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static final class Simple {}

  private static final class Complex {}

  private static PipelineResult.Builder<String> child() {
    return PipelineResult.<String>builder("Child")
        .steps(List.of(StepRecord.notStarted("only")))
        .times(NOW, NOW);
  }

  @Test
  void checkReturnsARouteItIsGiven() {
    assertThat(Routing.check("DocumentRouter", "route", Complex.class, Simple.class, Complex.class))
        .isEqualTo(Complex.class);
  }

  @Test
  void checkRejectsAClassThatIsNoRouteNamingTheRouterTheMethodAndTheRoutes() {
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> Routing.check("DocumentRouter", "route", String.class, Simple.class));

    assertThat(thrown).hasMessageThat().isEqualTo("Route method route() of router "
        + "'DocumentRouter' returned java.lang.String, which is not one of its routes "
        + "(dev.braid.runtime.codegen.RoutingTest$Simple); return one of them");
  }

  @Test
  void checkRejectsNull() {
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> Routing.check("DocumentRouter", "route", null, Simple.class, Complex.class));

    assertThat(thrown).hasMessageThat().isEqualTo("Route method route() of router "
        + "'DocumentRouter' returned null, which is not one of its routes "
        + "(dev.braid.runtime.codegen.RoutingTest$Simple, "
        + "dev.braid.runtime.codegen.RoutingTest$Complex); return one of them");
  }

  @Test
  void stateOfACompletedChildIsCompleteWithItsOutput() {
    ConversationState<?> state = Routing.state(child().output("summary").build());

    assertThat(state).isEqualTo(ConversationState.complete("summary"));
  }

  @Test
  void stateOfAChildThatStoppedEarlyIsTheChildsOwnState() {
    ConversationState<Integer> incomplete = ConversationState.incomplete(3, "Which page?");

    ConversationState<?> state =
        Routing.state(child().stoppedEarly("only", incomplete).build());

    assertThat(state).isSameInstanceAs(incomplete);
  }

  @Test
  void stateOfAPartialResultIsRefused() {
    assertThrows(IllegalStateException.class, () -> Routing.state(child().build()));
  }
}
