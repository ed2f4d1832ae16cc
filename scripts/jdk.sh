# Sourced by every Polyhost script: finds a JDK 25 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME if it is >= 25, then /usr/lib/jvm/temurin-25-jdk-amd64, then any /usr/lib/jvm/*25*.

polyhost_java_major() {
  # Prints the feature version of the JDK at $1 (e.g. 25), or nothing.
  local release="$1/release"
  [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

polyhost_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(polyhost_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "polyhost: no JDK 25 or newer found." >&2
  echo "  Looked at \$JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/." >&2
  echo "  Install Temurin 25 (e.g. to /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to a JDK 25." >&2
  return 1
}
