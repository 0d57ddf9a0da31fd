#!/usr/bin/env bash
# HTTP $apply with persistence beside a stock HAPI FHIR JPA server 8.8.0 storing the same plans as one transaction
# Bundle each (ApplyVersusJpaBenchmark in services/ehr-acceptance). Builds the service jar and the benchmark, makes
# two fresh databases on PostgreSQL, starts the service (its jar, local-dev security) and the JPA server each in its
# own JVM, warms both up, runs each client count on one side and then the other, prints the table, writes it to
# services/ehr-acceptance/target/apply-vs-jpa.md (the load every 10 s beside it, apply-vs-jpa-uptime.log), stops both
# and drops the databases.
#
# Usage: bench/apply-vs-jpa.sh [seconds-per-level] [clients...]          (defaults: 20 s; 1 8 32 clients)
# Environment (all optional):
#   BENCH_PG_HOST, BENCH_PG_PORT, BENCH_DB_USER, BENCH_DB_PASSWORD   PostgreSQL (127.0.0.1, 5432, postgres, none)
#   BENCH_SERVICE_DB, BENCH_EHR_DB    the two databases, dropped and created (apply_vs_jpa_service, apply_vs_jpa_ehr)
#   BENCH_KEEP_DATABASES=1            leave them in place afterwards, to look at what was stored
#   BENCH_WARMUP_SECONDS              warm-up per side at 8 clients (60)
#   BENCH_HEAP                        -Xmx of each server (1g)
#   MAVEN_ARGS                        extra Maven arguments, e.g. -o to build offline
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; shift || true
if [ $# -eq 0 ]; then set -- 1 8 32; fi
host=${BENCH_PG_HOST:-127.0.0.1}
port=${BENCH_PG_PORT:-5432}
export BENCH_DB_USER=${BENCH_DB_USER:-postgres}
export PGPASSWORD=${BENCH_DB_PASSWORD:-}
service_db=${BENCH_SERVICE_DB:-apply_vs_jpa_service}
ehr_db=${BENCH_EHR_DB:-apply_vs_jpa_ehr}
psql_admin() { psql -q -h "$host" -p "$port" -U "$BENCH_DB_USER" -d postgres -v ON_ERROR_STOP=1 "$@"; }

echo "building the service jar and the benchmark" >&2
./mvnw -q -pl services/ehr-acceptance -am package \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -DskipTests -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile=target/classpath.txt

for db in "$service_db" "$ehr_db"; do
  psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
done
drop_databases() {
  if [ "${BENCH_KEEP_DATABASES:-}" != 1 ]; then
    for db in "$service_db" "$ehr_db"; do psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; done
  fi
}

cd services/ehr-acceptance
# The machine may be shared: its load every 10 s while the benchmark runs, beside the table.
(while true; do uptime; sleep 10; done) > target/apply-vs-jpa-uptime.log &
uptime_logger=$!
finish() { kill "$uptime_logger" 2>/dev/null || true; drop_databases; }
trap finish EXIT

echo "uptime before: $(uptime)" >&2
# The servers are child processes of this JVM and stop with it (the service by its shutdown hook, the JPA server
# when its standard input closes).
java -cp "target/test-classes:$(cat target/classpath.txt)" org.spinefusion.careplan.ehr.ApplyVersusJpaBenchmark \
  "jdbc:postgresql://$host:$port/$service_db" "jdbc:postgresql://$host:$port/$ehr_db" \
  "$seconds" "${BENCH_WARMUP_SECONDS:-60}" "${BENCH_HEAP:-1g}" target/apply-vs-jpa.md "$@"
echo "uptime after: $(uptime)" >&2
