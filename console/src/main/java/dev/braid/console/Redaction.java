package dev.braid.console;

import java.util.Locale;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hides the values of fields by name, at any depth, in what the console shows; and puts the stored
 * values back into an answer whose fields were left as shown. Immutable.
 */
final class Redaction {
  static final String MARK = "[redacted]";

  private final Set<String> names;
  private final @Nullable Pattern fields;

  Redaction(Set<String> names) {
    this.names = names.stream().map(name -> name.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
    this.fields = ErrorTextRedaction.fieldsNamed(this.names);
  }

  /** A copy of {@code node} with the value of every redacted field replaced by {@link #MARK}. */
  JsonNode hide(JsonNode node) {
    if (names.isEmpty()) {
      return node;
    }
    JsonNode copy = node.deepCopy();
    hideIn(copy);
    return copy;
  }

  private void hideIn(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String name : List.copyOf(object.propertyNames())) {
        if (isRedacted(name) && !object.get(name).isNull()) {
          object.put(name, MARK);
        } else {
          hideIn(object.get(name));
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(this::hideIn);
    }
  }

  /**
   * What hides this console's redacted fields in the error texts of a run whose stored JSON
   * values are {@code sources}; see {@link ErrorTextRedaction} for the rule and its limits.
   */
  ErrorTextRedaction inText(List<JsonNode> sources) {
    return ErrorTextRedaction.of(names, fields, sources);
  }

  /**
   * Replaces, in {@code answer}, each redacted field still holding {@link #MARK} with the value
   * the same field has in {@code stored}, so that an answer made from a redacted page does not
   * overwrite personal data with the mark.
   */
  void restore(JsonNode answer, @Nullable JsonNode stored) {
    if (answer instanceof ObjectNode object) {
      for (String name : List.copyOf(object.propertyNames())) {
        JsonNode value = object.get(name);
        JsonNode original = stored == null ? null : stored.get(name);
        if (isRedacted(name) && value.isString() && MARK.equals(value.asString())) {
          object.set(name, original == null ? object.nullNode() : original.deepCopy());
        } else {
          restore(value, original);
        }
      }
    } else if (answer instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        restore(array.get(i), stored == null ? null : stored.get(i));
      }
    }
  }

  private boolean isRedacted(String name) {
    return names.contains(name.toLowerCase(Locale.ROOT));
  }
}
