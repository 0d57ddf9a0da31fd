#!/usr/bin/env bash
# Engine-only $apply benchmark (JMH). Usage: bench/engine.sh [threads]
# Build first: ./mvnw -q -pl services/pathway-engine -am install -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl services/pathway-engine test-compile -Dspotless.check.skip=true
cp=$(./mvnw -q -pl services/pathway-engine dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
exec java -cp "services/pathway-engine/target/test-classes:services/pathway-engine/target/classes:$cp" \
  org.spinefusion.careplan.pathway.bench.ApplyBenchmark "${1:-1}"
