package dev.braid.processor.validation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import dev.braid.processor.BraidProcessor;
import dev.braid.processor.testing.JacksonSources;
import dev.braid.processor.testing.RecordingProcessor;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every input and step output of a durable pipeline must survive a round trip through Jackson 3:
 * one test per reason a type does not, each with its full message, then what is accepted.
 */
class NotStorableValidationTest {

  /** Compiles {@code source} beside stand-ins for Jackson's annotations. */
  private static Compilation compileWithJackson(JavaFileObject source) {
    List<JavaFileObject> sources = new ArrayList<>(List.of(JacksonSources.all()));
    sources.add(source);
    return compile(sources.toArray(JavaFileObject[]::new));
  }

  /** A durable pipeline whose one step returns {@code returnType}, then {@code types}. */
  private static JavaFileObject returning(String returnType, String types) {
    return source("TicketPipeline", """
        import com.fasterxml.jackson.annotation.*;
        import java.util.*;
        import java.util.function.Supplier;

        @Pipeline(durable = true)
        class TicketPipeline {
          @Step
          %s draft(@Input String ticket) { throw new UnsupportedOperationException(); }
        }
        %s
        """.formatted(returnType, types));
  }

  private static void assertOneErrorOnDraft(JavaFileObject source, String message) {
    Compilation compilation = compileWithJackson(source);

    assertThat(compilation).hadErrorContaining(message)
        .inFile(source).onLineContaining(" draft(@Input String ticket)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAStepThatReturnsAFunctionalInterface() {
    assertOneErrorOnDraft(returning("Supplier<String>", ""), "[Braid/NotStorable] @Step draft of "
        + "durable pipeline TicketPipeline returns Supplier<String>, which cannot be stored as "
        + "JSON and read back: it is a functional interface, which holds code rather than data; "
        + "use a record or a value class instead, or drop durable = true.");
  }

  @Test
  void namesTheRecordComponentThatHoldsCode() {
    assertOneErrorOnDraft(returning("Reply", """
            @FunctionalInterface interface Callback { void call(); }
            record Reply(String text, Callback callback) {}
            """), "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
        + "Reply, which cannot be stored as JSON and read back: Callback, the type of "
        + "Reply.callback, is a functional interface, which holds code rather than data; use a "
        + "record or a value class instead, or drop durable = true.");
  }

  @Test
  void reportsAnInputThatIsAStreamOnItsParameter() {
    JavaFileObject source = source("TicketPipeline", """
        import java.util.stream.Stream;

        @Pipeline(durable = true)
        class TicketPipeline {
          @Step
          int count(
              @Input Stream<String> lines) {
            return (int) lines.count();
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/NotStorable] Parameter lines of @Step "
            + "count, an input of durable pipeline TicketPipeline, has type Stream<String>, which "
            + "cannot be stored as JSON and read back: it is a stream, which can be read only once "
            + "and holds no data of its own; collect it into a List instead, or drop durable = "
            + "true.")
        .inFile(source).onLineContaining("@Input Stream<String> lines");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void namesAnInputByItsNameWhenItsParameterHasAnother() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(durable = true)
        class TicketPipeline {
          @Step
          String lookup(
              @Input("customerId") Object id) {
            return id.toString();
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/NotStorable] Parameter id of @Step lookup, "
            + "input customerId of durable pipeline TicketPipeline, has type Object, which cannot "
            + "be stored as JSON and read back: it names no type to read the JSON back into; "
            + "declare the exact type instead, or drop durable = true.")
        .inFile(source).onLineContaining("Object id)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsTheDataOfAConversationalStep() {
    assertOneErrorOnDraft(returning("ConversationState<Supplier<String>>", ""),
        "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
            + "ConversationState<Supplier<String>>, whose data Supplier<String> cannot be stored "
            + "as JSON and read back: it is a functional interface, which holds code rather than "
            + "data; use a record or a value class instead, or drop durable = true.");
  }

  @Test
  void reportsAnIterator() {
    assertOneErrorOnDraft(returning("Iterator<String>", ""), "[Braid/NotStorable] @Step draft of "
        + "durable pipeline TicketPipeline returns Iterator<String>, which cannot be stored as "
        + "JSON and read back: it is an iterator, a one-pass view of data rather than the data; "
        + "use a List instead, or drop durable = true.");
  }

  @Test
  void reportsAnIterableThatIsNoCollection() {
    assertOneErrorOnDraft(returning("Lines", """
            class Lines implements Iterable<String> {
              public Iterator<String> iterator() { return List.<String>of().iterator(); }
            }
            """), "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
        + "Lines, which cannot be stored as JSON and read back: it is an Iterable but not a "
        + "Collection, so Jackson cannot read it back; use a List or a Set instead, or drop "
        + "durable = true.");
  }

  @Test
  void reportsAnIoStream() {
    assertOneErrorOnDraft(returning("java.io.InputStream", ""), "[Braid/NotStorable] @Step draft "
        + "of durable pipeline TicketPipeline returns InputStream, which cannot be stored as JSON "
        + "and read back: it is an I/O stream, reader or writer, a live resource rather than "
        + "data; use the bytes or text it carries, as a byte[] or a String, instead, or drop "
        + "durable = true.");
  }

  @Test
  void reportsAThread() {
    assertOneErrorOnDraft(returning("Thread", ""), "[Braid/NotStorable] @Step draft of durable "
        + "pipeline TicketPipeline returns Thread, which cannot be stored as JSON and read back: "
        + "it is a thread, live state rather than data; use a record or a value class instead, "
        + "or drop durable = true.");
  }

  @Test
  void reportsAFuture() {
    assertOneErrorOnDraft(returning("java.util.concurrent.CompletableFuture<String>", ""),
        "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
            + "CompletableFuture<String>, which cannot be stored as JSON and read back: it is a "
            + "future, a result still to come rather than data; wait for it and use its value "
            + "instead, or drop durable = true.");
  }

  @Test
  void reportsAWildcardThatNamesNoType() {
    assertOneErrorOnDraft(returning("List<? super Number>", ""), "[Braid/NotStorable] @Step draft "
        + "of durable pipeline TicketPipeline returns List<? super Number>, which cannot be "
        + "stored as JSON and read back: the wildcard ? super Number names no type to read the "
        + "JSON back into; declare the exact type instead, or drop durable = true.");
  }

  @Test
  void reportsAWildcardArgumentOfAGenericRecord() {
    assertOneErrorOnDraft(returning("Page<?>", "record Page<T>(List<T> items, int total) {}"),
        "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns Page<?>, "
            + "which cannot be stored as JSON and read back: the wildcard ? names no type to read "
            + "the JSON back into; declare the exact type instead, or drop durable = true.");
  }

  @Test
  void namesTheElementTypeOfACollectionClass() {
    assertOneErrorOnDraft(returning("Tags", """
            class Tags extends ArrayList<Object> {
              private static final long serialVersionUID = 1L;
            }
            """),
        "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns Tags, which "
            + "cannot be stored as JSON and read back: Object, the element type of Tags, names no "
            + "type to read the JSON back into; declare the exact type instead, or drop durable = "
            + "true.");
  }

  @Test
  void reportsARawType() {
    assertOneErrorOnDraft(returning("@SuppressWarnings(\"rawtypes\") List", ""),
        "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns List, which "
            + "cannot be stored as JSON and read back: it is a raw type, so Jackson cannot tell "
            + "what to read its contents back into; give List its type arguments, or drop "
            + "durable = true.");
  }

  @Test
  void reportsACollectionInterfaceWithoutADefaultClass() {
    assertOneErrorOnDraft(returning("java.util.concurrent.BlockingQueue<String>", ""),
        "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
            + "BlockingQueue<String>, which cannot be stored as JSON and read back: it is a "
            + "collection type for which Jackson has no default class; declare a List, Set, Deque "
            + "or Map, or a concrete collection class, instead, or drop durable = true.");
  }

  @Test
  void reportsAnInterfaceWithoutTypeInformation() {
    assertOneErrorOnDraft(returning("Shape", "interface Shape { double area(); }"),
        "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns Shape, which "
            + "cannot be stored as JSON and read back: it is an interface without @JsonTypeInfo, "
            + "so Jackson cannot tell which class to read back; declare a concrete type, or "
            + "annotate Shape @JsonTypeInfo, or drop durable = true.");
  }

  @Test
  void asksForAConcreteTypeInsteadOfAJdkInterface() {
    assertOneErrorOnDraft(returning("Map<String, Comparable<String>>", ""),
        "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
            + "Map<String, Comparable<String>>, which cannot be stored as JSON and read back: "
            + "Comparable<String> is an interface without @JsonTypeInfo, so Jackson cannot tell "
            + "which class to read back; declare a concrete type instead, or drop durable = "
            + "true.");
  }

  @Test
  void reportsAnAbstractClassWithoutTypeInformation() {
    assertOneErrorOnDraft(returning("Shape", "abstract class Shape {}"), "[Braid/NotStorable] "
        + "@Step draft of durable pipeline TicketPipeline returns Shape, which cannot be stored "
        + "as JSON and read back: it is an abstract class without @JsonTypeInfo, so Jackson "
        + "cannot tell which class to read back; declare a concrete type, or annotate Shape "
        + "@JsonTypeInfo, or drop durable = true.");
  }

  @Test
  void reportsASealedInterfaceOfRecordsWithoutTypeInformation() {
    assertOneErrorOnDraft(returning("Shape", """
            sealed interface Shape permits Circle, Square {}
            record Circle(double radius) implements Shape {}
            record Square(double side) implements Shape {}
            """), "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
        + "Shape, which cannot be stored as JSON and read back: it is a sealed interface without "
        + "@JsonTypeInfo, so Jackson cannot tell which of its records to read back; annotate "
        + "Shape @JsonTypeInfo(use = JsonTypeInfo.Id.NAME), or drop durable = true.");
  }

  @Test
  void reportsSubtypesWithoutTypeInformation() {
    assertOneErrorOnDraft(returning("Shape", """
            @JsonSubTypes({@JsonSubTypes.Type(Circle.class)}) interface Shape {}
            record Circle(double radius) implements Shape {}
            """), "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
        + "Shape, which cannot be stored as JSON and read back: it has @JsonSubTypes but no "
        + "@JsonTypeInfo, so its JSON carries no type id to choose a subtype by; annotate Shape "
        + "@JsonTypeInfo as well, or drop durable = true.");
  }

  @Test
  void reportsAClassJacksonCannotCreate() {
    assertOneErrorOnDraft(returning("Handle", """
            class Handle {
              Handle(String path) {}
              Handle(int descriptor) {}
            }
            """), "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
        + "Handle, which cannot be stored as JSON and read back: it has neither a no-arg "
        + "constructor nor one annotated @JsonCreator, so Jackson cannot create it; make Handle a "
        + "record, give it a no-arg constructor or annotate a constructor @JsonCreator, or drop "
        + "durable = true.");
  }

  @Test
  void reportsAnInnerClass() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(durable = true)
        class TicketPipeline {
          class Draft {
            String text;
          }

          @Step
          Draft draft(@Input String ticket) { return new Draft(); }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/NotStorable] @Step draft of durable "
            + "pipeline TicketPipeline returns TicketPipeline.Draft, which cannot be stored as "
            + "JSON and read back: it is an inner class, which Jackson cannot create without an "
            + "instance of the class around it; make TicketPipeline.Draft static, or drop "
            + "durable = true.")
        .inFile(source).onLineContaining("Draft draft(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void looksIntoEachPermittedSubclassOfASealedTypeWithTypeInformation() {
    assertOneErrorOnDraft(returning("Shape", """
            @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
            sealed interface Shape permits Circle, Blob {}
            record Circle(double radius) implements Shape {}
            final class Blob implements Shape {
              Blob(byte[] bytes) {}
              Blob(String base64) {}
            }
            """), "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
        + "Shape, which cannot be stored as JSON and read back: Blob, a permitted subclass of "
        + "Shape, has neither a no-arg constructor nor one annotated @JsonCreator, so Jackson "
        + "cannot create it; make Blob a record, give it a no-arg constructor or annotate a "
        + "constructor @JsonCreator, or drop durable = true.");
  }

  @Test
  void reportsAMapKeyThatJsonCannotHold() {
    assertOneErrorOnDraft(returning("Map<Article, String>", "record Article(String id) {}"),
        "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
            + "Map<Article, String>, which cannot be stored as JSON and read back: Article cannot "
            + "be read back from the keys of a JSON object; key the map by String, an enum, a "
            + "number, a UUID or a java.time type instead, or drop durable = true.");
  }

  /**
   * Jackson 3 creates a class from its only public constructor when the class file keeps the
   * parameters' names, as {@code -parameters} makes it: a warning, and the executor is generated.
   */
  @Test
  void warnsAboutAClassThatOnlyParameterNamesLetJacksonCreate() {
    JavaFileObject source = returning("Handle", """
        class Handle {
          public Handle(String path, int version) {}
          public String getPath() { return ""; }
        }
        """);

    Compilation compilation = compileWithJackson(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[Braid/NotStorable] @Step draft of durable "
            + "pipeline TicketPipeline returns Handle, which may not be read back from JSON: it "
            + "has neither a no-arg constructor nor one annotated @JsonCreator, so Jackson can "
            + "create it only if it is compiled with -parameters; make Handle a record, give it a "
            + "no-arg constructor or annotate its constructor @JsonCreator, or drop durable = "
            + "true.")
        .inFile(source).onLineContaining(" draft(@Input String ticket)");
    assertThat(compilation.diagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.WARNING)
            .map(d -> d.getMessage(null))
            .filter(message -> message.startsWith("[Braid/"))
            .toList())
        .hasSize(1);
    assertThat(compilation).generatedSourceFile("com.acme.TicketPipelineExecutor");
  }

  @Test
  void reportsAnErrorInsteadOfAWarningFoundBeforeIt() {
    assertOneErrorOnDraft(returning("Pair", """
            class Handle {
              public Handle(String path, int version) {}
            }
            record Pair(Handle handle, Thread owner) {}
            """), "[Braid/NotStorable] @Step draft of durable pipeline TicketPipeline returns "
        + "Pair, which cannot be stored as JSON and read back: Thread, the type of Pair.owner, is "
        + "a thread, live state rather than data; use a record or a value class instead, or drop "
        + "durable = true.");
  }

  @Test
  void runsBesideTheOtherRulesAndGeneratesNothingForThePipeline() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(durable = true)
        class TicketPipeline {
          @Step
          Object extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extrct")
          String draft(@Input String ticket) { return ticket; }
        }
        """);
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, source);

    assertThat(compilation).hadErrorContaining("[Braid/NotStorable] @Step extract of durable "
            + "pipeline TicketPipeline returns Object")
        .inFile(source).onLineContaining("Object extract(");
    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency] @Step draft depends on "
            + "\"extrct\"")
        .inFile(source).onLineContaining("@Step(dependsOn = \"extrct\")");
    assertThat(compilation).hadErrorCount(2);
    assertThat(processor.sourceNames()).isEmpty();
  }

  @Test
  void checksNothingInAPipelineThatIsNotDurable() {
    Compilation compilation = compile(source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step
          java.util.function.Supplier<Object> draft(@Input Thread owner) { return () -> owner; }
        }
        """));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
  }

  /** Every kind of type Jackson stores and reads back as it is, or as its annotations say. */
  @Test
  void acceptsWhatJacksonStoresAndReadsBack() {
    Compilation compilation = compileWithJackson(source("TicketPipeline", """
        import com.fasterxml.jackson.annotation.*;
        import java.math.BigDecimal;
        import java.net.URI;
        import java.time.*;
        import java.util.*;
        import java.util.concurrent.atomic.AtomicReference;
        import java.util.function.Supplier;
        import tools.jackson.databind.annotation.JsonDeserialize;

        @Pipeline(durable = true)
        class TicketPipeline {
          @Step Node tree(@Input Ticket ticket, @Input int priority, @Input long[] ids,
              @Input Optional<String> note, @Input Map<Status, Instant> seen) { return null; }
          @Step Page<Article> page(@Input Ticket ticket) { return null; }
          @Step Map<UUID, List<Article>> byId(@Input Ticket ticket) { return null; }
          @Step EnumMap<Status, Set<String>> byStatus(@Input Ticket ticket) { return null; }
          @Step List<? extends Article> covariant(@Input Ticket ticket) { return null; }
          @Step Iterable<String> words(@Input Ticket ticket) { return null; }
          @Step BigDecimal price(@Input Ticket ticket) { return null; }
          @Step URI link(@Input Ticket ticket) { return null; }
          @Step Duration wait(@Input Ticket ticket) { return null; }
          @Step LocalDate day(@Input Ticket ticket) { return null; }
          @Step Class<?> kind(@Input Ticket ticket) { return null; }
          @Step CharSequence text(@Input Ticket ticket) { return null; }
          @Step Number count(@Input Ticket ticket) { return null; }
          @Step Bean bean(@Input Ticket ticket) { return null; }
          @Step Money money(@Input Ticket ticket) { return null; }
          @Step Token token(@Input Ticket ticket) { return null; }
          @Step OrderId orderId(@Input Ticket ticket) { return null; }
          @Step Shape shape(@Input Ticket ticket) { return null; }
          @Step Animal animal(@Input Ticket ticket) { return null; }
          @Step Pet pet(@Input Ticket ticket) { return null; }
          @Step Vehicle vehicle(@Input Ticket ticket) { return null; }
          @Step Draft draft(@Input Ticket ticket) { return null; }
          @Step Tags tags(@Input Ticket ticket) { return null; }
          @Step(optional = true) Article[] pick(@Input Ticket ticket) { return null; }
          @Step char[] chars(@Input Ticket ticket) { return null; }
          @Step Optional<List<Article>> maybe(@Input Ticket ticket) { return null; }
          @Step AtomicReference<Article> latest(@Input Ticket ticket) { return null; }
          @Step Queue<Deque<Article>> queued(@Input Ticket ticket) { return null; }
          @Step void audit(@Input Ticket ticket) {}
          @Step(output = true)
          ConversationState<Reply> check(@Input Ticket ticket) { return null; }

          record Ticket(String id, String text) {}
          record Article(String id, String title) {}
          record Reply(String text, List<String> cited) {}
          enum Status { OPEN, CLOSED }
          record Node(String name, List<Node> children, Optional<Node> parent) {}
          record Page<T>(List<T> items, int total) {}
          static class Bean {
            private String name;
            private Bean() {}
            public String getName() { return name; }
          }
          static class Money {
            @JsonCreator Money(@JsonProperty("cents") long cents) {}
          }
          static class Token {
            private Token() {}
            @JsonCreator static Token of(String value) { return new Token(); }
          }
          static class OrderId {
            private final String value;
            OrderId(String value) { this.value = value; }
            @JsonValue String value() { return value; }
          }
          @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
          sealed interface Shape permits Circle, Group {}
          record Circle(double radius) implements Shape {}
          record Group(List<Shape> shapes) implements Shape {}
          @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS) interface Animal {}
          interface Pet extends Animal {}
          @JsonDeserialize(as = Car.class) interface Vehicle {}
          record Car(String plate) implements Vehicle {}
          record Draft(String text, @JsonIgnore Supplier<String> preview) {}
          static class Tags extends ArrayList<String> {
            private static final long serialVersionUID = 1L;
          }
        }
        """));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    assertThat(compilation).generatedSourceFile("com.acme.TicketPipelineExecutor");
  }
}
