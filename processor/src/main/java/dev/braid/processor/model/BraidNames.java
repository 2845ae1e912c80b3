package dev.braid.processor.model;

import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The qualified names of the annotations and runtime types the processor recognises. The processor
 * compares names rather than loading classes, because neither the annotations nor the runtime is on
 * its class path, and the user's versions of them are the ones that count.
 */
public final class BraidNames {
  public static final String PIPELINE = "dev.braid.Pipeline";
  public static final String STEP = "dev.braid.Step";
  public static final String INPUT = "dev.braid.Input";
  public static final String FROM = "dev.braid.From";
  public static final String ROUTER = "dev.braid.Router";
  public static final String ROUTE = "dev.braid.Route";
  public static final String STEP_CONTEXT = "dev.braid.runtime.StepContext";
  public static final String CONVERSATION_STATE = "dev.braid.runtime.ConversationState";
  public static final String MODEL_REQUEST = "dev.braid.runtime.ModelRequest";
  public static final String STEP_OUTCOME = "dev.braid.runtime.StepOutcome";
  public static final String OPTIONAL = "java.util.Optional";
  public static final String BOOLEAN = "java.lang.Boolean";
  /** The last parameter of a Kotlin {@code suspend} function as Java sees it. */
  public static final String CONTINUATION = "kotlin.coroutines.Continuation";
  public static final String CLASS = "java.lang.Class";

  private BraidNames() {}

  /** Whether {@code type} is {@code boolean} or {@code Boolean}, the types a condition returns. */
  public static boolean isBoolean(TypeMirror type) {
    return type.getKind() == TypeKind.BOOLEAN || isType(type, BOOLEAN);
  }

  /** Whether {@code type} is {@code Class}, with any argument or none: what a route returns. */
  public static boolean isClass(TypeMirror type) {
    return isType(type, CLASS);
  }

  /** Whether {@code type} is the class or interface {@code qualifiedName}, with any arguments. */
  public static boolean isType(TypeMirror type, String qualifiedName) {
    return type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element
        && element.getQualifiedName().contentEquals(qualifiedName);
  }
}
