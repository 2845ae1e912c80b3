package dev.braid.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Hides redacted values in the free text of one run: its error, each attempt's error and stack
 * trace, each model call's error. Two rules, applied in this order:
 *
 * <ol>
 *   <li>every value that a redacted field holds in what the console read of the run (its inputs,
 *       output, state, details and step outputs; each scalar inside an object or array a
 *       redacted field holds) is replaced wherever it appears in the text, longest first;
 *   <li>a redacted field's name followed by {@code :} or {@code =} loses what follows it: a quoted
 *       string, or up to the next {@code , ; ) ] }} or line end. This catches {@code
 *       "email": "…"} in JSON, {@code email=…} in a record's {@code toString()} and in query
 *       strings, and {@code email: …} in messages, whatever the value.
 * </ol>
 *
 * <p>Its limits: a value shorter than {@value #SHORTEST} characters is not searched for, as it
 * would hide unrelated text (a digit, a "no"), so it shows if a message quotes it without its
 * field's name; a value the run never stored (one a step read from elsewhere, or transformed,
 * such as upper-cased or cut) is found only by the second rule; and a name is matched as a
 * whole word, case-insensitively. Immutable.
 */
final class ErrorTextRedaction {
  /** Values shorter than this are not searched for in text. */
  static final int SHORTEST = 3;

  /** Hides nothing: no field is redacted. */
  static final ErrorTextRedaction NONE = new ErrorTextRedaction(List.of(), null);

  private final List<String> values;
  private final @Nullable Pattern fields;

  private ErrorTextRedaction(List<String> values, @Nullable Pattern fields) {
    this.values = values;
    this.fields = fields;
  }

  /**
   * The pattern of rule 2 for the lower-cased {@code names}, built once per console; null when
   * there are none.
   */
  static @Nullable Pattern fieldsNamed(Set<String> names) {
    if (names.isEmpty()) {
      return null;
    }
    String alternatives = names.stream().map(Pattern::quote)
        .reduce((a, b) -> a + "|" + b).orElseThrow();
    String name = "(?<![\\w$])[\"']?(?:" + alternatives + ")[\"']?\\s*[:=]\\s*";
    String notYetHidden = "(?![\"']?" + Pattern.quote(Redaction.MARK) + ")";
    String value = "\"(?:[^\"\\\\]|\\\\.)*\"" // a double-quoted string, escapes included
        + "|'[^']*'" // a single-quoted one
        + "|[^,;)}\\]\\r\\n]+"; // else up to a separator or the line's end
    return Pattern.compile("(?i)(" + name + ")" + notYetHidden + "(" + value + ")");
  }

  /**
   * The redaction of texts about a run whose stored JSON values are {@code sources}, for the
   * lower-cased {@code names} and their {@code fields} pattern.
   */
  static ErrorTextRedaction of(Set<String> names, @Nullable Pattern fields,
      List<JsonNode> sources) {
    if (fields == null) {
      return NONE;
    }
    Set<String> found = new LinkedHashSet<>();
    sources.forEach(source -> collect(names, source, false, found));
    List<String> values = new ArrayList<>(found);
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new ErrorTextRedaction(List.copyOf(values), fields);
  }

  /** {@code text} with the redacted values and fields replaced by {@link Redaction#MARK}. */
  @Nullable String apply(@Nullable String text) {
    if (text == null || fields == null) {
      return text;
    }
    String hidden = text;
    for (String value : values) {
      hidden = hidden.replace(value, Redaction.MARK);
    }
    Matcher matcher = fields.matcher(hidden);
    return matcher.replaceAll(match ->
        Matcher.quoteReplacement(match.group(1) + Redaction.MARK));
  }

  private static void collect(Set<String> names, @Nullable JsonNode node, boolean redacted,
      Set<String> found) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      node.properties().forEach(entry -> collect(names, entry.getValue(),
          redacted || names.contains(entry.getKey().toLowerCase(Locale.ROOT)), found));
    } else if (node.isArray()) {
      node.forEach(element -> collect(names, element, redacted, found));
    } else if (redacted && !node.isNull() && node.isValueNode()) {
      String value = node.asString();
      if (value.length() >= SHORTEST) {
        found.add(value);
      }
    }
  }
}
