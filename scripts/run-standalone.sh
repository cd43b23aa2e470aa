#!/usr/bin/env bash
# The embedded default: the whole mall in one JVM (in-process Temporal, in-memory H2). Needs Java 17.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -pl standalone -am package
exec java -jar standalone/target/temporal-mall-standalone.jar "$@"
