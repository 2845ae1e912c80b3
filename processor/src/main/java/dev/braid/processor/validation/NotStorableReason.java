package dev.braid.processor.validation;

/**
 * Why Jackson cannot store a type as JSON and read it back, as the end of a sentence about the
 * offending type, and how to fix it. Each reads after a subject such as {@code it} or {@code
 * Supplier<String>}: "it is a functional interface, which holds code rather than data".
 */
enum NotStorableReason {
  OBJECT("names no type to read the JSON back into", "declare the exact type instead"),
  WILDCARD("names no type to read the JSON back into", "declare the exact type instead"),
  RAW("is a raw type, so Jackson cannot tell what to read its contents back into",
      "give %s its type arguments"),
  FUNCTIONAL("is a functional interface, which holds code rather than data",
      "use a record or a value class instead"),
  STREAM("is a stream, which can be read only once and holds no data of its own",
      "collect it into a List instead"),
  ITERATOR("is an iterator, a one-pass view of data rather than the data",
      "use a List instead"),
  ITERABLE("is an Iterable but not a Collection, so Jackson cannot read it back",
      "use a List or a Set instead"),
  IO("is an I/O stream, reader or writer, a live resource rather than data",
      "use the bytes or text it carries, as a byte[] or a String, instead"),
  THREAD("is a thread, live state rather than data", "use a record or a value class instead"),
  FUTURE("is a future, a result still to come rather than data",
      "wait for it and use its value instead"),
  COLLECTION("is a collection type for which Jackson has no default class",
      "declare a List, Set, Deque or Map, or a concrete collection class, instead"),
  INTERFACE("is an interface without @JsonTypeInfo, so Jackson cannot tell which class to read "
      + "back", "declare a concrete type, or annotate %s @JsonTypeInfo"),
  ABSTRACT_CLASS("is an abstract class without @JsonTypeInfo, so Jackson cannot tell which "
      + "class to read back", "declare a concrete type, or annotate %s @JsonTypeInfo"),
  SEALED("is a sealed interface without @JsonTypeInfo, so Jackson cannot tell which of its "
      + "records to read back", "annotate %s @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)"),
  SUBTYPES_ONLY("has @JsonSubTypes but no @JsonTypeInfo, so its JSON carries no type id to "
      + "choose a subtype by", "annotate %s @JsonTypeInfo as well"),
  NO_CREATOR("has neither a no-arg constructor nor one annotated @JsonCreator, so Jackson cannot "
      + "create it",
      "make %s a record, give it a no-arg constructor or annotate a constructor @JsonCreator"),
  INNER_CLASS("is an inner class, which Jackson cannot create without an instance of the class "
      + "around it", "make %s static"),
  /**
   * One public constructor with parameters: Jackson 3 uses it only if it can see the parameters'
   * names, which a class file keeps only when compiled with {@code -parameters}. A warning, since
   * builds that compile so (Spring Boot's and Micronaut's, for instance) work as they are.
   */
  PARAMETER_NAMES("has neither a no-arg constructor nor one annotated @JsonCreator, so Jackson "
      + "can create it only if it is compiled with -parameters",
      "make %s a record, give it a no-arg constructor or annotate its constructor @JsonCreator"),
  KEY("cannot be read back from the keys of a JSON object",
      "key the map by String, an enum, a number, a UUID or a java.time type instead");

  private final String clause;
  private final String fix;

  NotStorableReason(String clause, String fix) {
    this.clause = clause;
    this.fix = fix;
  }

  /** Whether a value may still be read back, so that the finding is only a warning. */
  boolean isWarning() {
    return this == PARAMETER_NAMES;
  }

  /** What is wrong, to follow the offending type: {@code is a functional interface, ...}. */
  String clause() {
    return clause;
  }

  /**
   * How to fix it, for the offending type written as {@code name}. A JDK type cannot be annotated,
   * so for one the fix leaves the annotation out.
   */
  String fix(String name, boolean jdkType) {
    return jdkType && (this == INTERFACE || this == ABSTRACT_CLASS)
        ? "declare a concrete type instead"
        : fix.formatted(name);
  }
}
