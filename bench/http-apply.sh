#!/usr/bin/env bash
# HTTP $apply with persistence at 1, 8 and 32 clients (closed loop), against a running service, with a baseline
# (reading one stored CarePlan) measured in the same run at the same concurrency.
# Usage: bench/http-apply.sh [fhir-base] [seconds-per-level] [clients...]
# Start the service first, in local-dev security mode, e.g. on the machine's PostgreSQL:
#   createdb -h 127.0.0.1 -U postgres careplan_bench
#   SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/careplan_bench SPRING_DATASOURCE_USERNAME=postgres \
#     java -jar services/careplan-service/target/careplan-service.jar --careplan.security.mode=local-dev
# The token is read from CAREPLAN_BENCH_TOKEN, else from the file the local-dev service writes. Set
# CAREPLAN_BENCH_SERVICE_PID to the service's process id to get its CPU time per request as well.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-http://localhost:8080/fhir}; shift || true
seconds=${1:-20}; shift || true
if [ $# -eq 0 ]; then set -- 1 8 32; fi
if [ -z "${CAREPLAN_BENCH_TOKEN:-}" ] && [ -f data/local-dev-token ]; then
  CAREPLAN_BENCH_TOKEN=$(cat data/local-dev-token)
  export CAREPLAN_BENCH_TOKEN
fi
./mvnw -q -pl services/careplan-service test-compile -Dspotless.check.skip=true
cp=$(./mvnw -q -pl services/careplan-service dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
exec java -cp "services/careplan-service/target/test-classes:$cp" \
  org.spinefusion.careplan.service.bench.ApplyLoadDriver "$base" "$seconds" "$@"
