package dev.braid.processor.testing;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/**
 * Jackson's annotations as test sources, in their real packages, so that tests use them as a
 * user's code would without Jackson on the test class path: Braid matches them by simple name.
 */
public final class JacksonSources {
  private static final String ANNOTATIONS = "com.fasterxml.jackson.annotation";

  private JacksonSources() {}

  /** {@code @JsonTypeInfo}, {@code @JsonSubTypes}, {@code @JsonCreator}, and the rest. */
  public static JavaFileObject[] all() {
    return new JavaFileObject[] {
        annotation(ANNOTATIONS, "JsonTypeInfo",
            "enum Id { NONE, CLASS, NAME } Id use() default Id.CLASS;"),
        annotation(ANNOTATIONS, "JsonSubTypes", """
            Type[] value() default {};
            @interface Type { Class<?> value(); String name() default ""; }"""),
        annotation(ANNOTATIONS, "JsonCreator", ""),
        annotation(ANNOTATIONS, "JsonValue", ""),
        annotation(ANNOTATIONS, "JsonIgnore", ""),
        annotation(ANNOTATIONS, "JsonProperty", "String value() default \"\";"),
        annotation("tools.jackson.databind.annotation", "JsonDeserialize",
            "Class<?> as() default Void.class;")};
  }

  private static JavaFileObject annotation(String packageName, String name, String body) {
    return JavaFileObjects.forSourceString(packageName + "." + name, """
        package %s;

        import java.lang.annotation.Retention;
        import java.lang.annotation.RetentionPolicy;

        @Retention(RetentionPolicy.RUNTIME)
        public @interface %s {
          %s
        }
        """.formatted(packageName, name, body));
  }
}
