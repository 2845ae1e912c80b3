package dev.braid.durable.internal;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.braid.runtime.codegen.TypeLiteral;
import java.lang.reflect.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values are written as their declared types, so that they read back as those types. */
class JsonTest {
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
  @JsonSubTypes({@JsonSubTypes.Type(Circle.class), @JsonSubTypes.Type(Square.class)})
  sealed interface Shape permits Circle, Square {}

  record Circle(double radius) implements Shape {}

  record Square(double side) implements Shape {}

  private static final Type SHAPES = new TypeLiteral<List<Shape>>() {}.type();

  @Test
  void aListOfPolymorphicValuesKeepsItsTypeIds() {
    List<Shape> shapes = List.of(new Circle(1), new Square(2));

    String json = Json.write(shapes, SHAPES);

    assertThat(Json.read(json, SHAPES)).isEqualTo(shapes);
  }

  @Test
  void inputsAreWrittenEachAsItsOwnType() {
    Object[] inputs = {List.of(new Square(3)), "text"};

    String json = Json.writeArray(inputs, List.of(SHAPES, String.class));

    assertThat(Json.readArray(json, List.of(SHAPES, String.class))).asList()
        .containsExactly(List.of(new Square(3)), "text").inOrder();
  }
}
