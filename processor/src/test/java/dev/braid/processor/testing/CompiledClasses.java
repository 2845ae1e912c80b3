package dev.braid.processor.testing;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;

/**
 * Loads the classes of a successful compilation, generated executors included, so that tests run
 * generated code. The braid runtime and annotations come from the test class path (the parent), as
 * they would from an application's.
 */
public final class CompiledClasses extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>();

  public CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String path = file.toUri().getPath();
        String binaryName = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                path.length() - ".class".length())
            .replace('/', '.');
        classes.put(binaryName, bytes(file));
      }
    }
  }

  /**
   * Runs {@code com.acme.Run}, a test source class implementing {@code Supplier}, and returns what
   * it returns: typically the result of calling a generated executor.
   */
  @SuppressWarnings("unchecked")
  public <T> T run(String className) {
    try {
      return ((Supplier<T>) loadClass(className).getDeclaredConstructor().newInstance()).get();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("Cannot run " + className, e);
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  private static byte[] bytes(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
