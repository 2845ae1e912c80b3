package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class NullableDependencyValidationTest {

  @Test
  void reportsANonNullParameterOfNullMarkedCodeThatReadsANullableStep() {
    JavaFileObject source = source("TicketPipeline", """
        import org.jspecify.annotations.NullMarked;
        import org.jspecify.annotations.Nullable;

        @Pipeline
        @NullMarked
        class TicketPipeline {
          record Customer(String name) {}

          @Step @Nullable Customer lookupCustomer(@Input String email) { return null; }
          @Step(dependsOn = "lookupCustomer")
          String draft(
              @From("lookupCustomer") Customer customer) {
            return "Hi " + customer.name();
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/NullableDependency] Parameter customer of "
            + "@Step draft cannot be null, but step lookupCustomer may return null; declare the "
            + "parameter nullable (TicketPipeline.Customer? in Kotlin, @Nullable in Java) or read "
            + "it as Optional<TicketPipeline.Customer>.")
        .inFile(source).onLineContaining("Customer customer)");
    assertThat(compilation).hadErrorCount(1);
  }

  /** kapt's stubs of Kotlin classes carry JetBrains' annotations on every reference type. */
  @Test
  void reportsNotNullAndPrimitiveParametersThatReadNullableStepsAsKotlinStubsDeclareThem() {
    JavaFileObject source = source("TicketPipeline", """
        import org.jetbrains.annotations.NotNull;
        import org.jetbrains.annotations.Nullable;

        @Pipeline
        class TicketPipeline {
          @Step @Nullable String lookupCustomer(@Input @NotNull String email) { return null; }
          @Step @Nullable Integer orderCount(@Input @NotNull String email) { return null; }
          @Step(dependsOn = {"lookupCustomer", "orderCount"})
          @NotNull String draft(
              @NotNull String lookupCustomer,
              int orderCount) {
            return lookupCustomer + orderCount;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/NullableDependency] Parameter "
            + "lookupCustomer of @Step draft cannot be null, but step lookupCustomer may return "
            + "null; declare the parameter nullable (String? in Kotlin, @Nullable in Java) or read "
            + "it as Optional<String>.")
        .inFile(source).onLineContaining("@NotNull String lookupCustomer,");
    assertThat(compilation).hadErrorContaining("[Braid/NullableDependency] Parameter orderCount "
            + "of @Step draft cannot be null, but step orderCount may return null; declare the "
            + "parameter nullable (Int? in Kotlin, @Nullable Integer in Java) or read it as "
            + "Optional<Integer>.")
        .inFile(source).onLineContaining("int orderCount)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void reportsANonNullParameterOfAConditionMethod() {
    JavaFileObject source = source("TicketPipeline", """
        import org.jetbrains.annotations.NotNull;
        import org.jetbrains.annotations.Nullable;

        @Pipeline
        class TicketPipeline {
          @Step @Nullable String tier(@Input @NotNull String email) { return null; }
          @Step(dependsOn = "tier", when = "isGold") String upgrade() { return "upgraded"; }
          @Step(dependsOn = "upgrade") String reply(Optional<String> upgrade) { return ""; }

          boolean isGold(
              @NotNull Object tier) {
            return tier.equals("gold");
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/NullableDependency] Parameter tier of "
            + "condition method isGold cannot be null, but step tier may return null; declare the "
            + "parameter nullable (Any? in Kotlin, @Nullable in Java) or read it as "
            + "Optional<String>.")
        .inFile(source).onLineContaining("@NotNull Object tier)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsNullableOptionalOutcomeAndUnannotatedParameters() {
    JavaFileObject source = source("TicketPipeline", """
        import org.jspecify.annotations.Nullable;

        @Pipeline
        class TicketPipeline {
          @Step @Nullable String lookupCustomer(@Input String email) { return null; }
          @Step(dependsOn = "lookupCustomer")
          String draft(@From("lookupCustomer") @Nullable String customer,
              @From("lookupCustomer") Optional<String> maybe,
              @From("lookupCustomer") StepOutcome<CharSequence> outcome,
              @From("lookupCustomer") String unannotated) {
            return customer + maybe + outcome + unannotated;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }

  @Test
  void leavesAnOptionalSourceToItsOwnRule() {
    JavaFileObject source = source("TicketPipeline", """
        import org.jetbrains.annotations.NotNull;
        import org.jetbrains.annotations.Nullable;

        @Pipeline
        class TicketPipeline {
          @Step(optional = true) @Nullable String lookupCustomer(@Input @NotNull String email) {
            return null;
          }
          @Step(dependsOn = "lookupCustomer")
          @NotNull String draft(
              @NotNull String lookupCustomer) {
            return lookupCustomer;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalDependency] Parameter "
            + "lookupCustomer of @Step draft has type String, but step lookupCustomer is optional")
        .inFile(source).onLineContaining("@NotNull String lookupCustomer)");
    assertThat(compilation).hadErrorCount(1);
  }
}
