#!/usr/bin/env bash
# Measures metric ingestion (in-process and through the agents' HTTPS endpoint), alarm evaluation per sample and 30-day /
# 12-month chart queries (dev.vireo.tests.performance.MetricsBenchmark, tag "benchmark"; issue 8
# Done-when, ADR 0033) and writes the result into docs/benchmarks.md (between the
# metrics-benchmark markers). A measurement, never a pass/fail test. Takes about 3 minutes.
#
# Usage:  tests/performance/metrics-benchmark.sh
# Settings: BENCH_VMS=100000 BENCH_ROUNDS=5 BENCH_SERIES=50
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
mvn -B -ntp -o -pl tests -am verify -Dtest=MetricsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.groups=benchmark -Dsurefire.excludedGroups= -Dbench.vms="${BENCH_VMS:-100000}" \
  -Dbench.rounds="${BENCH_ROUNDS:-5}" -Dbench.series="${BENCH_SERIES:-50}"
