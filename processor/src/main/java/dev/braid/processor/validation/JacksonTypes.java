package dev.braid.processor.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * What Jackson 3 knows about types when configured as a durable store configures it, with no
 * modules and no default typing: the JDK classes it reads and writes as plain values, those that
 * are never data, the collection interfaces it has a default class for, the map keys it reads
 * back, and its annotations. Annotations are matched by simple name, so that the processor needs
 * no Jackson on its class path; like Jackson, a class annotation counts on the class's subtypes
 * too.
 */
final class JacksonTypes {
  private static final Set<String> JAVA_TIME = Set.of(
      "java.time.Duration", "java.time.Instant", "java.time.LocalDate",
      "java.time.LocalDateTime", "java.time.LocalTime", "java.time.MonthDay",
      "java.time.OffsetDateTime", "java.time.OffsetTime", "java.time.Period", "java.time.Year",
      "java.time.YearMonth", "java.time.ZonedDateTime", "java.time.ZoneId",
      "java.time.ZoneOffset");

  /** Types Jackson writes and reads back by itself, without looking inside. */
  private static final Set<String> VALUES = union(JAVA_TIME, Set.of(
      "java.lang.String", "java.lang.Boolean", "java.lang.Byte", "java.lang.Short",
      "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
      "java.lang.Character", "java.lang.Void", "java.lang.CharSequence", "java.lang.Number",
      "java.lang.StringBuilder", "java.lang.StringBuffer", "java.lang.Class",
      "java.math.BigDecimal", "java.math.BigInteger",
      "java.util.UUID", "java.util.Locale", "java.util.Currency", "java.util.Date",
      "java.util.Calendar", "java.util.TimeZone", "java.util.Properties",
      "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble",
      "java.util.regex.Pattern", "java.util.concurrent.atomic.AtomicBoolean",
      "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong",
      "java.net.URI", "java.net.URL", "java.net.InetAddress", "java.net.InetSocketAddress",
      "java.io.File", "java.nio.file.Path", "java.nio.charset.Charset",
      "java.sql.Date", "java.sql.Time", "java.sql.Timestamp"));

  /** Types whose one type argument is what Jackson stores. */
  private static final Set<String> WRAPPERS =
      Set.of("java.util.Optional", "java.util.concurrent.atomic.AtomicReference");

  /** Abstract collection and map types Jackson reads back into a default class of its own. */
  private static final Set<String> DEFAULT_COLLECTIONS = Set.of(
      "java.lang.Iterable", "java.util.Collection", "java.util.List", "java.util.Set",
      "java.util.SortedSet", "java.util.NavigableSet", "java.util.Queue", "java.util.Deque",
      "java.util.SequencedCollection", "java.util.SequencedSet", "java.util.AbstractList",
      "java.util.AbstractSet", "java.util.EnumSet", "java.util.Map", "java.util.SortedMap",
      "java.util.NavigableMap", "java.util.SequencedMap", "java.util.AbstractMap",
      "java.util.concurrent.ConcurrentMap", "java.util.concurrent.ConcurrentNavigableMap");

  /** Map key types, besides enums, that Jackson reads back from a JSON object's keys. */
  private static final Set<String> KEYS = union(JAVA_TIME, Set.of(
      "java.lang.String", "java.lang.CharSequence", "java.lang.Boolean", "java.lang.Byte",
      "java.lang.Short", "java.lang.Integer", "java.lang.Long", "java.lang.Float",
      "java.lang.Double", "java.lang.Character", "java.math.BigDecimal", "java.math.BigInteger",
      "java.util.UUID", "java.util.Locale", "java.util.Currency", "java.util.Date",
      "java.util.Calendar", "java.net.URI", "java.net.URL"));

  private final Types types;

  JacksonTypes(Types types) {
    this.types = types;
  }

  static boolean isValue(String qualifiedName) {
    return VALUES.contains(qualifiedName);
  }

  static boolean isWrapper(String qualifiedName) {
    return WRAPPERS.contains(qualifiedName);
  }

  static boolean hasDefaultClass(String qualifiedName) {
    return DEFAULT_COLLECTIONS.contains(qualifiedName);
  }

  static boolean isKey(String qualifiedName) {
    return KEYS.contains(qualifiedName);
  }

  /**
   * Why a JDK type is never data, given its name and its supertypes' names: it is code, a one-pass
   * view or a live resource. Null for any other type.
   */
  static @Nullable NotStorableReason neverData(String name, Set<String> supertypes) {
    if (name.startsWith("java.util.function.")) {
      return NotStorableReason.FUNCTIONAL;
    }
    if (supertypes.contains("java.util.stream.BaseStream")) {
      return NotStorableReason.STREAM;
    }
    if (supertypes.contains("java.util.Iterator") || supertypes.contains("java.util.Spliterator")
        || supertypes.contains("java.util.Enumeration")) {
      return NotStorableReason.ITERATOR;
    }
    if (supertypes.contains("java.io.InputStream") || supertypes.contains("java.io.OutputStream")
        || supertypes.contains("java.io.Reader") || supertypes.contains("java.io.Writer")) {
      return NotStorableReason.IO;
    }
    if (supertypes.contains("java.lang.Thread")) {
      return NotStorableReason.THREAD;
    }
    if (supertypes.contains("java.util.concurrent.Future")
        || supertypes.contains("java.util.concurrent.CompletionStage")) {
      return NotStorableReason.FUTURE;
    }
    return null;
  }

  /** Whether {@code element} carries an annotation whose simple name is {@code simpleName}. */
  static boolean has(Element element, String simpleName) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      if (annotation.getAnnotationType().asElement().getSimpleName().contentEquals(simpleName)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code type} or one of its supertypes carries annotation {@code simpleName}. */
  boolean annotated(DeclaredType type, String simpleName) {
    return hierarchy(type).stream().anyMatch(each -> has(each.asElement(), simpleName));
  }

  /**
   * The supertype of {@code type} named {@code qualifiedName}, itself included, with the type
   * arguments that {@code type} gives it: {@code Collection<String>} for {@code ArrayList<String>}.
   */
  Optional<DeclaredType> supertype(DeclaredType type, String qualifiedName) {
    return hierarchy(type).stream().filter(each -> named(each, qualifiedName)).findFirst();
  }

  /** The qualified names of {@code type} and all its supertypes. */
  Set<String> supertypeNames(DeclaredType type) {
    Set<String> names = new HashSet<>();
    for (DeclaredType each : hierarchy(type)) {
      names.add(((TypeElement) each.asElement()).getQualifiedName().toString());
    }
    return names;
  }

  /** Whether a method of {@code type} or of a supertype carries annotation {@code simpleName}. */
  boolean annotatedMethod(DeclaredType type, String simpleName) {
    return hierarchy(type).stream()
        .flatMap(each -> ElementFilter.methodsIn(each.asElement().getEnclosedElements()).stream())
        .anyMatch(method -> has(method, simpleName));
  }

  static boolean named(DeclaredType type, String qualifiedName) {
    return ((TypeElement) type.asElement()).getQualifiedName().contentEquals(qualifiedName);
  }

  /** {@code type} and all its supertypes, nearest first, each once. */
  private List<DeclaredType> hierarchy(DeclaredType type) {
    List<DeclaredType> all = new ArrayList<>();
    Set<Element> seen = new HashSet<>();
    Deque<TypeMirror> pending = new ArrayDeque<>(List.of(type));
    while (!pending.isEmpty()) {
      if (pending.removeFirst() instanceof DeclaredType declared
          && seen.add(declared.asElement())) {
        all.add(declared);
        pending.addAll(types.directSupertypes(declared));
      }
    }
    return all;
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> all = new HashSet<>(first);
    all.addAll(second);
    return Set.copyOf(all);
  }
}
