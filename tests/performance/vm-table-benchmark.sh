#!/usr/bin/env bash
# Measures the desktop client's VM table with 10,000 VMs: filter-text application and re-sorting in
# VmListViewModel (dev.vireo.tests.performance.VmTableFilterBenchmark) and scrolling the real table
# under the headless toolkit, 100 vs 10,000 rows (VmTableScrollBenchmark); tag "benchmark"; issue 7
# Done-when. Writes the results into docs/benchmarks.md (between the vm-table-benchmark and
# vm-table-scroll-benchmark markers). A measurement, never a pass/fail test. Takes a few minutes.
#
# Usage:  tests/performance/vm-table-benchmark.sh
# Settings: BENCH_VMS=10000 BENCH_ROUNDS=25 BENCH_SCROLL_STEPS=100
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
mvn -B -ntp -o -pl tests -am verify -Dtest='VmTableFilterBenchmark,VmTableScrollBenchmark' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.groups=benchmark -Dsurefire.excludedGroups= -Dbench.vms="${BENCH_VMS:-10000}" \
  -Dbench.rounds="${BENCH_ROUNDS:-25}" -Dbench.scrollSteps="${BENCH_SCROLL_STEPS:-100}"
