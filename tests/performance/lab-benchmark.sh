#!/usr/bin/env bash
# Measures live-migration downtime and HA failover time on a real 3-node lab of this machine
# (dev.vireo.tests.performance.LabBenchmark, tag "benchmark") and writes the result into
# docs/benchmarks.md (between the lab-benchmark markers). A measurement, never a pass/fail test.
# Needs root and the lab's packages (bin/vireo lab). Takes about 5 minutes.
#
# Usage:  tests/performance/lab-benchmark.sh      Settings: BENCH_MIGRATIONS=20 BENCH_FAILOVERS=5
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
bash bin/lib/install-packages.sh tests
mvn -B -ntp -pl tests -am verify -Dtest=LabBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.groups=benchmark -Dsurefire.excludedGroups= \
  -Dbench.migrations="${BENCH_MIGRATIONS:-20}" -Dbench.failovers="${BENCH_FAILOVERS:-5}"
