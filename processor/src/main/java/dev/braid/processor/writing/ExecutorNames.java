package dev.braid.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The naming scheme of generated executors, defined here and nowhere else.
 *
 * <p>The executor of {@code com.acme.TicketPipeline} is {@code com.acme.TicketPipelineExecutor}, in
 * the same package so that it can call package-private steps. For a nested class, the simple names
 * from the outermost class inwards are joined with an underscore after each underscore within a
 * name is doubled: {@code com.acme.Outer.Inner} has {@code com.acme.Outer_InnerExecutor}, {@code
 * Q.A_B} has {@code Q_A__BExecutor} and {@code Q_A.B} has {@code Q__A_BExecutor}, so that two
 * classes share an executor name only if names that begin or end with an underscore meet at a
 * nesting boundary ({@code A_.B} and {@code A._B}); the processor reports that clash, as it does a
 * class of the user's that already has the name.
 *
 * <p>Every executor has a private nested record {@code Steps} that runs the steps of one run, and
 * an executor of a pipeline with several inputs has a nested record {@code Inputs} holding the
 * inputs of one run, for {@code executeAll}. A user type of either simple name is written
 * qualified in the executor; in the unnamed package, where a type cannot be qualified, the
 * records are named instead {@code Steps_}, {@code Inputs_} (or with more underscores), away from
 * every type there. The pipeline's graph in Mermaid is the class output resource {@code
 * TicketPipelineExecutor.mmd} in the executor's package. A {@code @Router} class's executor and
 * graph are named the same way: {@code com.acme.DocumentRouterExecutor}, with its own {@code Steps}
 * record, and {@code DocumentRouterExecutor.mmd}.
 */
public final class ExecutorNames {
  private ExecutorNames() {}

  /** The executor of the pipeline class {@code pipeline}. */
  public static ClassName executorOf(ClassName pipeline) {
    return ClassName.get(pipeline.packageName(), pipeline.simpleNames().stream()
        .map(name -> name.replace("_", "__"))
        .collect(Collectors.joining("_", "", "Executor")));
  }

  /** The executor of the pipeline or router class {@code pipeline}. */
  public static ClassName executorOf(TypeElement pipeline) {
    return executorOf(ClassName.get(pipeline));
  }

  /**
   * The name of the resource holding the Mermaid graph of {@code executor}'s pipeline, relative to
   * the executor's package.
   */
  public static String diagramOf(ClassName executor) {
    return executor.simpleName() + ".mmd";
  }

  /**
   * The types nested in {@code executor}, the executor of {@code origin}.
   *
   * @param steps the private record that runs the steps of one run
   * @param inputs the record of one run's inputs, for {@code executeAll}
   */
  record NestedTypes(ClassName steps, ClassName inputs) {

    static NestedTypes of(ClassName executor, TypeElement origin) {
      NameAllocator names = new NameAllocator();
      PackageElement pack = packageOf(origin);
      if (pack.isUnnamed()) {
        for (Element type : pack.getEnclosedElements()) {
          names.newName(type.getSimpleName().toString());
        }
      }
      return new NestedTypes(
          executor.nestedClass(names.newName("Steps")),
          executor.nestedClass(names.newName("Inputs")));
    }

    private static PackageElement packageOf(Element element) {
      Element enclosing = element;
      while (!(enclosing instanceof PackageElement pack)) {
        enclosing = enclosing.getEnclosingElement();
      }
      return pack;
    }
  }
}
