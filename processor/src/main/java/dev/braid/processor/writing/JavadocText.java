package dev.braid.processor.writing;

/**
 * Makes user-written text, such as step names, safe inside a generated Javadoc comment: a name
 * containing {@code *}{@code /}, a unicode escape or HTML must neither end the comment nor change
 * its meaning.
 */
final class JavadocText {
  private JavadocText() {}

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '@' -> escaped.append("&#64;");
        case '{' -> escaped.append("&#123;");
        case '}' -> escaped.append("&#125;");
        case '/' -> escaped.append("&#47;");
        case '\\' -> escaped.append("&#92;");
        case '$' -> escaped.append("&#36;");
        default -> escaped.append(c < ' ' ? ' ' : c);
      }
    }
    return escaped.toString();
  }
}
