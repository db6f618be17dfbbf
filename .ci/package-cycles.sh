#!/usr/bin/env bash
# Fails when any of Hearth's packages depend on each other in a cycle (jdeps over every module's built classes).
# Run after a build (./mvnw verify, or compile): .ci/package-cycles.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=()
for pom in */pom.xml; do
  d="$(dirname "$pom")/target/classes"
  [ -d "$d" ] && dirs+=("$d")
done
[ ${#dirs[@]} -gt 0 ] || { echo "package-cycles: no target/classes; build first" >&2; exit 2; }
# -filter:none keeps dependencies inside one archive (a module's own packages); -e keeps only Hearth's.
jdeps -verbose:package -filter:none -e 'org\.hearth\..*' --multi-release 17 "${dirs[@]}" 2>/dev/null \
  | java .ci/PackageCycles.java
