package dev.braid.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class with {@link BraidExtension}: each test method may take a {@link
 * BraidKit}, or any of the {@link VirtualTime}, {@link Cassette} and {@link DurableTestbed} it
 * holds, made for that test and closed after it.
 *
 * <pre>{@code
 * @BraidTest
 * class DraftTest {
 *   @Test
 *   void retriesARateLimit(BraidKit kit) {
 *     ScriptedModel<String, String> model = kit.<String, String>model("gpt-4o-mini", String.class)
 *         .thenReply(ScriptedReply.retryable(429)).thenAnswer("Dear Sam").build();
 *     var executor = new DraftPipelineExecutor(new DraftPipeline(model), kit.config().build());
 *     assertThat(executor.execute("refund")).step("draft").hadAttempts(1);
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(BraidExtension.class)
public @interface BraidTest {
  /**
   * The seed of each test's {@link VirtualTime}, from which retry jitter is drawn. A failing test
   * reports the seed it ran with; set it here to replay that run.
   */
  long seed() default 0;
}
