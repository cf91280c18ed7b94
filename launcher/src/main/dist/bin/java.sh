# Sourced by bin/openmgm and by the repository's ./openmgm: finds a Java 25 or newer.
# openmgm_find_java prints the path of the java binary to use, or explains on stderr and fails:
#   $JAVA_HOME when set (it must be 25+), otherwise the first 25+ among `java` on the PATH and
#   /usr/lib/jvm/*/bin/java.

openmgm_required_java=25

openmgm_java_version() { # the feature version of a java binary, e.g. 25, or nothing
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

openmgm_find_java() {
  local required=$openmgm_required_java v
  if [[ -n "${JAVA_HOME:-}" ]]; then
    v="$(openmgm_java_version "$JAVA_HOME/bin/java" || true)"
    if [[ -z "$v" || "$v" -lt "$required" ]]; then
      echo "openmgm: JAVA_HOME=$JAVA_HOME is Java ${v:-unknown}; OpenMGM needs Java $required or newer." >&2
      echo "openmgm: point JAVA_HOME at a JDK $required (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
      return 1
    fi
    echo "$JAVA_HOME/bin/java"
    return 0
  fi
  local candidate first=""
  for candidate in "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -x "$candidate" ]] || continue
    v="$(openmgm_java_version "$candidate" || true)"
    [[ -z "$first" ]] && first="$candidate (Java ${v:-unknown})"
    if [[ -n "$v" && "$v" -ge "$required" ]]; then
      echo "$candidate"
      return 0
    fi
  done
  echo "openmgm: OpenMGM needs Java $required or newer; found ${first:-no Java at all}." >&2
  echo "openmgm: install a JDK $required and set JAVA_HOME to it." >&2
  return 1
}
