#!/usr/bin/env bash
# Measures the VM console (issue 6, ADR 0030): time from the ticket request to the first decoded
# frame through the console gateway, and frames per second of a full-screen update stream, through
# the gateway and straight to the node's display side by side
# (dev.vireo.tests.performance.ConsoleBenchmark, tag "benchmark"), and writes the result into
# docs/benchmarks.md (between the console-benchmark markers). A measurement, never a pass/fail test.
# Needs root, libvirt + QEMU (bin/lib/host-setup.sh starts them) and the cached test guest image
# (bin/run-tests builds it). Takes about 2 minutes.
#
# Usage:  tests/performance/console-benchmark.sh
# Settings: BENCH_ROUNDS=10 BENCH_SECONDS=10
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
mvn -B -ntp -o -pl tests -am verify -Dtest=ConsoleBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.groups=benchmark -Dsurefire.excludedGroups= -Dbench.rounds="${BENCH_ROUNDS:-10}" \
  -Dbench.seconds="${BENCH_SECONDS:-10}"
