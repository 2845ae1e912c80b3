package dev.braid.processor.entry;

/** The feature release of the running JVM, read in a way that Java 8 understands too. */
final class JavaRelease {
  private JavaRelease() {}

  /** {@code 8} for "1.8", {@code 25} for "25". */
  static int current() {
    return parse(System.getProperty("java.specification.version", "0"));
  }

  static int parse(String specificationVersion) {
    String version = specificationVersion.startsWith("1.")
        ? specificationVersion.substring(2) : specificationVersion;
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
  }
}
