package dev.braid.processor.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether Jackson 3 can store a value of a type as JSON and read it back into that type,
 * looking into arrays, collections, maps, {@code Optional} and the components of records, and into
 * the permitted subclasses of a sealed type annotated {@code @JsonTypeInfo}. It errs towards
 * accepting: a type is rejected only when Jackson has no way to read it back (no type to read,
 * code or live state rather than data, an abstract type without type information, a class it
 * cannot create); a bean class it can create is accepted without looking at its properties.
 * Iterative, and bounded on generic types that grow as they recurse.
 */
final class Storability {
  /** Past this many parts a type is accepted as it stands, rather than looked into forever. */
  private static final int MAX_PARTS = 10_000;

  private final Types types;
  private final JacksonTypes jackson;

  Storability(Types types) {
    this.types = types;
    this.jackson = new JacksonTypes(types);
  }

  /**
   * A part of {@code root} that Jackson cannot store and read back: the first that makes it an
   * error, else the first that makes it a warning; empty when there is none.
   */
  Optional<Unstorable> check(TypeMirror root) {
    Deque<Part> pending = new ArrayDeque<>();
    pending.push(new Part(root, "it", false));
    Set<String> lookedInto = new HashSet<>();
    @Nullable Unstorable warning = null;
    for (int parts = 0; !pending.isEmpty() && parts < MAX_PARTS; parts++) {
      List<Part> inside = new ArrayList<>();
      @Nullable Unstorable problem = judge(pending.pop(), inside, lookedInto);
      if (problem != null && !problem.reason().isWarning()) {
        return Optional.of(problem);
      }
      if (problem != null && warning == null) {
        warning = problem;
      }
      inside.reversed().forEach(pending::push);
    }
    return Optional.ofNullable(warning);
  }

  /**
   * What is wrong with {@code part} itself, or null, adding to {@code inside} the parts that
   * decide whether it is storable after all: its elements, components, permitted subclasses.
   */
  private @Nullable Unstorable judge(Part part, List<Part> inside, Set<String> lookedInto) {
    return switch (part.type()) {
      case WildcardType wildcard -> wildcard(part, wildcard, inside);
      case ArrayType array -> {
        inside.add(new Part(array.getComponentType(), false));
        yield null;
      }
      case DeclaredType declared when declared.getKind() == TypeKind.DECLARED -> part.key()
          ? key(part, declared)
          : declared(part, declared, inside, lookedInto);
      // Primitives, type variables, and unresolved types, which javac reports itself.
      default -> null;
    };
  }

  /** {@code ? extends T} reads back as a {@code T}; {@code ?} and {@code ? super T} name none. */
  private static @Nullable Unstorable wildcard(
      Part part, WildcardType wildcard, List<Part> inside) {
    if (wildcard.getExtendsBound() != null) {
      inside.add(new Part(wildcard.getExtendsBound(), part.key()));
      return null;
    }
    return new Unstorable(NotStorableReason.WILDCARD,
        "the wildcard " + TypeFormatter.format(wildcard), "?", true);
  }

  private static @Nullable Unstorable key(Part part, DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    return element.getKind() == ElementKind.ENUM
            || JacksonTypes.isKey(element.getQualifiedName().toString())
        ? null
        : new Unstorable(NotStorableReason.KEY, part.subject(), name(type), jdk(element));
  }

  private @Nullable Unstorable declared(
      Part part, DeclaredType type, List<Part> inside, Set<String> lookedInto) {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    if (name.equals("java.lang.Object")) {
      return fail(part, NotStorableReason.OBJECT, type);
    }
    if (JacksonTypes.isValue(name) || element.getKind() == ElementKind.ENUM) {
      return null;
    }
    Set<String> supertypes = jackson.supertypeNames(type);
    if (supertypes.contains("tools.jackson.databind.JsonNode")
        || jackson.annotated(type, "JsonDeserialize")) {
      return null;
    }
    @Nullable NotStorableReason live = JacksonTypes.neverData(name, supertypes);
    if (live != null) {
      return fail(part, live, type);
    }
    if (!element.getTypeParameters().isEmpty() && type.getTypeArguments().isEmpty()) {
      return fail(part, NotStorableReason.RAW, type);
    }
    for (TypeMirror argument : type.getTypeArguments()) {
      if (argument instanceof WildcardType wildcard && wildcard.getExtendsBound() == null) {
        return wildcard(part, wildcard, inside);
      }
    }
    if (JacksonTypes.isWrapper(name)) {
      inside.add(new Part(type.getTypeArguments().getFirst(), false));
      return null;
    }
    if (supertypes.contains("java.util.Map") || supertypes.contains("java.util.Collection")
        || name.equals("java.lang.Iterable")) {
      return container(part, type, inside);
    }
    if (supertypes.contains("java.lang.Iterable")) {
      return fail(part, NotStorableReason.ITERABLE, type);
    }
    if (element.getKind() == ElementKind.RECORD) {
      if (lookedInto.add(type.toString())) {
        components(type, element, inside);
      }
      return null;
    }
    if (element.getKind().isInterface() || element.getModifiers().contains(Modifier.ABSTRACT)) {
      return polymorphic(part, type, element, inside, lookedInto);
    }
    return creators(part, type, element);
  }

  /** A collection or map: Jackson must know a class to create, and its elements must store. */
  private @Nullable Unstorable container(Part part, DeclaredType type, List<Part> inside) {
    TypeElement element = (TypeElement) type.asElement();
    if ((element.getKind().isInterface() || element.getModifiers().contains(Modifier.ABSTRACT))
        && !JacksonTypes.hasDefaultClass(element.getQualifiedName().toString())) {
      return fail(part, NotStorableReason.COLLECTION, type);
    }
    Optional<DeclaredType> map = jackson.supertype(type, "java.util.Map");
    if (map.isPresent()) {
      argument(type, map.get(), 0, "key type", true).ifPresent(inside::add);
      argument(type, map.get(), 1, "value type", false).ifPresent(inside::add);
    } else {
      DeclaredType collection = jackson.supertype(type, "java.util.Collection").orElse(type);
      argument(type, collection, 0, "element type", false).ifPresent(inside::add);
    }
    return null;
  }

  /**
   * Type argument {@code index} of {@code supertype}, named as it is written when {@code type}
   * writes its arguments, else by its role: {@code Object, the element type of Tags,}. None when
   * a class extends a raw collection, which is left to Jackson.
   */
  private static Optional<Part> argument(
      DeclaredType type, DeclaredType supertype, int index, String role, boolean key) {
    List<? extends TypeMirror> arguments = supertype.getTypeArguments();
    if (index >= arguments.size()) {
      return Optional.empty();
    }
    TypeMirror argument = arguments.get(index);
    String written = TypeFormatter.format(argument);
    return Optional.of(type.getTypeArguments().isEmpty()
        ? new Part(argument, written + ", the " + role + " of " + name(type) + ",", key)
        : new Part(argument, written, key));
  }

  /** Each component of a record, as the record's type arguments make it. */
  private void components(DeclaredType type, TypeElement record, List<Part> inside) {
    for (RecordComponentElement component : record.getRecordComponents()) {
      if (configured(record, component)) {
        continue;
      }
      ExecutableElement accessor = component.getAccessor();
      TypeMirror componentType = accessor == null
          ? component.asType()
          : ((ExecutableType) types.asMemberOf(type, accessor)).getReturnType();
      inside.add(new Part(componentType, TypeFormatter.format(componentType) + ", the type of "
          + name(type) + "." + component.getSimpleName() + ",", false));
    }
  }

  /**
   * Whether a record component is left out of the JSON or read back as its annotations say, on
   * the component, its accessor or its field, wherever the annotation's target puts it.
   */
  private static boolean configured(TypeElement record, RecordComponentElement component) {
    List<Element> places = new ArrayList<>(List.of(component));
    if (component.getAccessor() != null) {
      places.add(component.getAccessor());
    }
    for (Element field : ElementFilter.fieldsIn(record.getEnclosedElements())) {
      if (field.getSimpleName().equals(component.getSimpleName())) {
        places.add(field);
      }
    }
    return places.stream().anyMatch(place -> JacksonTypes.has(place, "JsonIgnore")
        || JacksonTypes.has(place, "JsonDeserialize") || JacksonTypes.has(place, "JsonTypeInfo"));
  }

  /**
   * An interface or abstract class: storable when {@code @JsonTypeInfo} tells Jackson which class
   * to read back, and for a sealed type, when each permitted subclass is.
   */
  private @Nullable Unstorable polymorphic(Part part, DeclaredType type, TypeElement element,
      List<Part> inside, Set<String> lookedInto) {
    boolean sealed = element.getModifiers().contains(Modifier.SEALED);
    if (jackson.annotated(type, "JsonTypeInfo")) {
      if (sealed && lookedInto.add(type.toString())) {
        for (TypeMirror permitted : element.getPermittedSubclasses()) {
          inside.add(new Part(permitted, TypeFormatter.format(permitted)
              + ", a permitted subclass of " + name(type) + ",", false));
        }
      }
      return null;
    }
    if (JacksonTypes.has(element, "FunctionalInterface")) {
      return fail(part, NotStorableReason.FUNCTIONAL, type);
    }
    if (sealed && element.getKind() == ElementKind.INTERFACE
        && !element.getPermittedSubclasses().isEmpty()
        && element.getPermittedSubclasses().stream().allMatch(Storability::isRecord)) {
      return fail(part, NotStorableReason.SEALED, type);
    }
    if (jackson.annotated(type, "JsonSubTypes")) {
      return fail(part, NotStorableReason.SUBTYPES_ONLY, type);
    }
    return fail(part, element.getKind().isInterface()
        ? NotStorableReason.INTERFACE
        : NotStorableReason.ABSTRACT_CLASS, type);
  }

  /**
   * A concrete class: Jackson creates a static one with a no-arg constructor of any visibility, a
   * constructor or static factory annotated {@code @JsonCreator}, a one-argument constructor
   * when a {@code @JsonValue} method writes it as that one value, or, given the parameters'
   * names, its only public constructor.
   */
  private @Nullable Unstorable creators(Part part, DeclaredType type, TypeElement element) {
    if (element.getNestingKind() == NestingKind.MEMBER
        && !element.getModifiers().contains(Modifier.STATIC)) {
      return fail(part, NotStorableReason.INNER_CLASS, type);
    }
    List<ExecutableElement> constructors =
        ElementFilter.constructorsIn(element.getEnclosedElements());
    boolean annotatedFactory = ElementFilter.methodsIn(element.getEnclosedElements()).stream()
        .anyMatch(method -> method.getModifiers().contains(Modifier.STATIC)
            && JacksonTypes.has(method, "JsonCreator"));
    if (annotatedFactory
        || constructors.stream().anyMatch(constructor -> constructor.getParameters().isEmpty()
            || JacksonTypes.has(constructor, "JsonCreator"))
        || (constructors.stream().anyMatch(constructor -> constructor.getParameters().size() == 1)
            && jackson.annotatedMethod(type, "JsonValue"))) {
      return null;
    }
    return fail(part, constructors.size() == 1
            && constructors.getFirst().getModifiers().contains(Modifier.PUBLIC)
        ? NotStorableReason.PARAMETER_NAMES
        : NotStorableReason.NO_CREATOR, type);
  }

  private static boolean isRecord(TypeMirror type) {
    return type instanceof DeclaredType declared
        && declared.asElement().getKind() == ElementKind.RECORD;
  }

  private static Unstorable fail(Part part, NotStorableReason reason, DeclaredType type) {
    return new Unstorable(
        reason, part.subject(), name(type), jdk((TypeElement) type.asElement()));
  }

  /** The type's name as a reader writes it, without type arguments: {@code Outer.Inner}. */
  private static String name(DeclaredType type) {
    return TypeFormatter.format(type.asElement().asType()).replaceAll("<.*", "");
  }

  private static boolean jdk(TypeElement element) {
    String name = element.getQualifiedName().toString();
    return name.startsWith("java.") || name.startsWith("javax.");
  }

  /**
   * A type to judge, and how a message names it: {@code it} for the type a message is about, else
   * the part as written, with where it comes from when the type a message shows does not show it.
   *
   * @param key whether the type is that of a map's keys, which Jackson reads back from strings
   */
  private record Part(TypeMirror type, String subject, boolean key) {
    Part(TypeMirror type, boolean key) {
      this(type, TypeFormatter.format(type), key);
    }
  }

  /**
   * A part of a type that cannot be stored and read back.
   *
   * @param subject how the message names the part: {@code it}, or {@code Supplier<String>}
   * @param name the part's type without type arguments, for the fix
   * @param jdkType whether the part is a JDK type, which a user cannot annotate
   */
  record Unstorable(NotStorableReason reason, String subject, String name, boolean jdkType) {

    /** What is wrong: {@code it is a functional interface, which holds code rather than data}. */
    String problem() {
      return subject + " " + reason.clause();
    }

    String fix() {
      return reason.fix(name, jdkType);
    }
  }
}
