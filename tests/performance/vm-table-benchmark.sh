#!/usr/bin/env bash
# Measures the desktop client's VM table with 10,000 VMs: filter-text application and re-sorting in
# VmListViewModel (dev.vireo.tests.performance.VmTableFilterBenchmark, tag "benchmark"; issue 7
# Done-when) and writes the result into docs/benchmarks.md (between the vm-table-benchmark
# markers). A measurement, never a pass/fail test. Takes under a minute.
#
# Usage:  tests/performance/vm-table-benchmark.sh
# Settings: BENCH_VMS=10000 BENCH_ROUNDS=25
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
mvn -B -ntp -o -pl tests verify -Dtest=VmTableFilterBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.groups=benchmark -Dsurefire.excludedGroups= -Dbench.vms="${BENCH_VMS:-10000}" \
  -Dbench.rounds="${BENCH_ROUNDS:-25}"
