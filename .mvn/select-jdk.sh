# Sourced by ./mvnw before it starts Maven. Braid builds on JDK 25 exactly: its runtime is compiled
# against the Java 25 preview of StructuredTaskScope. When JAVA_HOME (or the javac on PATH) is
# another version, this looks for a JDK 25 in the usual install locations and uses it; when there
# is none, it stops at once with one line of advice.

braid_jdk_feature() {
  [ -n "$1" ] && [ -x "$1/bin/javac" ] && [ -f "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null || :
}

braid_jdk_current="${JAVA_HOME-}"
if [ -z "$braid_jdk_current" ] && command -v javac >/dev/null 2>&1; then
  braid_jdk_current="$(dirname "$(dirname "$(readlink -f "$(command -v javac)" 2>/dev/null || :)")")" || :
fi

if [ "$(braid_jdk_feature "$braid_jdk_current")" != 25 ]; then
  braid_jdk_found=
  set +f
  for braid_jdk in "${JAVA_HOME_25_X64-}" "${JAVA_HOME_25_AARCH64-}" /usr/lib/jvm/* /usr/java/* \
      /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      "$HOME"/.asdf/installs/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ "$(braid_jdk_feature "$braid_jdk")" = 25 ]; then
      braid_jdk_found="$braid_jdk"
      break
    fi
  done
  set -f
  if [ -z "$braid_jdk_found" ]; then
    echo "Braid builds with JDK 25 and found none (JAVA_HOME=${JAVA_HOME:-unset}); install one, e.g. 'sdk install java 25-tem', then run: export JAVA_HOME=/path/to/jdk-25" >&2
    exit 1
  fi
  JAVA_HOME="$braid_jdk_found"
  export JAVA_HOME
fi
unset braid_jdk_current braid_jdk_found braid_jdk
