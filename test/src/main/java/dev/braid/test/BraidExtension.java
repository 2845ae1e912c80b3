package dev.braid.test;

import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The JUnit 5 extension behind {@link BraidTest}: makes each test's {@link BraidKit} when the test
 * first asks for it or for a part of it, closes it after the test, and adds the seed of its
 * virtual time to a failure, so that the run can be replayed with {@code @BraidTest(seed = …)}.
 */
public final class BraidExtension
    implements ParameterResolver, AfterEachCallback, TestExecutionExceptionHandler {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BraidExtension.class);
  private static final String KIT = "kit";
  /** Where cassettes live, under the module being tested. */
  private static final Path CASSETTES = Path.of("src", "test", "resources", "cassettes");

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == BraidKit.class || type == VirtualTime.class || type == Cassette.class
        || type == DurableTestbed.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    BraidKit kit = kit(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == VirtualTime.class) {
      return kit.time();
    }
    if (type == Cassette.class) {
      return kit.cassette();
    }
    if (type == DurableTestbed.class) {
      return kit.durable();
    }
    return kit;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    BraidKit kit = context.getStore(NAMESPACE).remove(KIT, BraidKit.class);
    if (kit != null) {
      kit.close();
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    BraidKit kit = context.getStore(NAMESPACE).get(KIT, BraidKit.class);
    if (kit != null) {
      failure.addSuppressed(new SeedReport(kit.time().seed()));
    }
    throw failure;
  }

  private static BraidKit kit(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(KIT, key -> newKit(context),
        BraidKit.class);
  }

  private static BraidKit newKit(ExtensionContext context) {
    long seed = context.getTestClass()
        .map(type -> type.getAnnotation(BraidTest.class))
        .map(BraidTest::seed)
        .orElse(0L);
    String className = context.getRequiredTestClass().getSimpleName();
    String methodName = context.getTestMethod().map(Method::getName).orElse("test");
    Path file = CASSETTES.resolve(className).resolve(methodName + ".json");
    return new BraidKit(VirtualTime.seeded(seed), file, Cassette::at);
  }

  /** Tells a failing test's reader the seed its virtual time ran with. */
  private static final class SeedReport extends Exception {
    private static final long serialVersionUID = 1L;

    SeedReport(long seed) {
      super("Braid's VirtualTime ran with seed " + seed
          + "; @BraidTest(seed = " + seed + ") replays it", null, false, false);
    }
  }
}
