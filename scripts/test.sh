#!/usr/bin/env bash
# Runs the whole test suite, stage by stage, and stops at the first failing stage:
#   lint       domain code imports no framework or driver
#   unit       *.unit.spec.ts, no I/O besides reading fixture files
#   e2e        the HTTP suite against the catalog on the embedded default
#   e2e-glance the same suite against reference Glance (Debian's packages, installed on demand)
#   e2e-kafka  the same suite against the catalog on Kafka and MongoDB (FerretDB)
#   int        *.int.spec.ts against real Kafka, FerretDB and Keystone
#   bench      the benchmark harness in its short smoke mode
# TEST_STAGES selects stages, comma-separated (default: all of them, in this order).
# Services started here are stopped on exit unless KEEP_SERVICES=1.
set -euo pipefail
cd "$(dirname "$0")/.."

ALL_STAGES=lint,unit,e2e,e2e-glance,e2e-kafka,int,bench
IFS=',' read -r -a stages <<<"${TEST_STAGES:-$ALL_STAGES}"
started_services=()

stop_services() {
  if [[ ${KEEP_SERVICES:-0} == 1 ]]; then return; fi
  for service in "${started_services[@]}"; do
    scripts/services/"$service".sh stop >/dev/null 2>&1 || true
  done
}
trap stop_services EXIT

start_service() {
  local service=$1
  scripts/services/"$service".sh start
  started_services+=("$service")
}

run_stage() {
  local stage=$1
  echo
  echo "=== test stage: $stage ==="
  case "$stage" in
    lint) node scripts/check-domain-imports.js ;;
    unit) npx jest --selectProjects unit ;;
    e2e) npx jest --selectProjects e2e ;;
    e2e-glance) E2E_TARGET=glance npx jest --selectProjects e2e ;;
    e2e-kafka)
      start_service kafka
      start_service ferretdb
      E2E_CATALOG_STORES=kafka-mongodb npx jest --selectProjects e2e
      ;;
    int)
      start_service kafka
      start_service ferretdb
      start_service keystone
      scripts/services/keystone.sh seed >/dev/null
      # Integration tests stop and restart shared services, so they run one file at a time.
      npx jest --selectProjects int --runInBand
      ;;
    bench) npm run bench -- --smoke ;;
    *)
      echo "unknown test stage '$stage'; stages: $ALL_STAGES" >&2
      exit 2
      ;;
  esac
}

npm run build
for stage in "${stages[@]}"; do
  run_stage "$stage"
done
echo
echo "All test stages passed: ${stages[*]}"
