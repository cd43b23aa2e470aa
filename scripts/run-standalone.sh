#!/usr/bin/env bash
# The embedded default: the whole mall in one JVM (in-process Temporal, in-memory H2). Needs a JDK 25
# (found as scripts/lib/common.sh ensure_build_tools says).
# Usage: scripts/run-standalone.sh [application arguments, e.g. --server.port=8081]
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
ensure_build_tools
cd "$MALL_ROOT"
./mvnw -B -q -DskipTests -pl standalone -am package
exec java -jar standalone/target/temporal-mall-standalone.jar "$@"
