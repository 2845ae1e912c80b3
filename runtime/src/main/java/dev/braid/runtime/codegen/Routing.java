package dev.braid.runtime.codegen;

import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a generated router executor calls around its two steps. Its {@code route} step calls the
 * router's route method and hands the class it returned to {@link #check}, so that a class that is
 * no route fails that step, with a message, rather than the run. Its {@code run} step runs the
 * chosen pipeline as a child run and returns {@link #state} of the child's result: the router's
 * {@code run} step is conversational, so a child that stopped early stops the router's run too.
 *
 * <p>Stateless and thread-safe.
 */
public final class Routing {
  private Routing() {}

  /**
   * Returns {@code chosen}, the class a route method returned, if it is one of {@code routes}.
   *
   * @param routerName the router's name, for the message
   * @param methodName the route method's name, for the message
   * @throws IllegalStateException if {@code chosen} is null or not one of {@code routes}, naming
   *     the router, the method, the class and the routes
   */
  public static Class<?> check(
      String routerName, String methodName, @Nullable Class<?> chosen, Class<?>... routes) {
    for (Class<?> route : routes) {
      if (route == chosen) {
        return chosen;
      }
    }
    String names = Arrays.stream(routes).map(Class::getName).collect(Collectors.joining(", "));
    throw new IllegalStateException("Route method " + methodName + "() of router '" + routerName
        + "' returned " + (chosen == null ? "null" : chosen.getName()) + ", which is not one of"
        + " its routes (" + names + "); return one of them");
  }

  /**
   * What the router's conversational {@code run} step returns for {@code child}, the result of the
   * pipeline it ran: the child's incomplete state if the child stopped early, which stops the
   * router's run with that same state; otherwise a complete state holding the child's output,
   * which becomes the router's output.
   *
   * @throws IllegalStateException if {@code child} is a partial result, which has no output
   */
  public static ConversationState<?> state(PipelineResult<?> child) {
    return child.conversationState()
        .<ConversationState<?>>map(state -> state)
        .orElseGet(() -> ConversationState.complete(child.output()));
  }
}
