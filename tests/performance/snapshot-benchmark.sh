#!/usr/bin/env bash
# Measures disk snapshot create, rollback and delete through the API against plain `qemu-img
# snapshot` on a copy of the same volume (dev.vireo.tests.performance.SnapshotBenchmark, tag
# "benchmark"; issue 5 Done-when, ADR 0025), and writes the result into docs/benchmarks.md
# (between the snapshot-benchmark markers). A measurement, never a pass/fail test.
# Needs root, libvirt + QEMU (bin/lib/host-setup.sh starts them) and the cached test guest image
# (bin/run-tests builds it). Takes about 2 minutes.
#
# Usage:  tests/performance/snapshot-benchmark.sh
# Settings: BENCH_ROUNDS=7 BENCH_DISK_GIB=10 BENCH_DATA_MIB=1024
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
mvn -B -ntp -o -pl tests -am verify -Dtest=SnapshotBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.groups=benchmark -Dsurefire.excludedGroups= -Dbench.rounds="${BENCH_ROUNDS:-7}" \
  -Dbench.diskGiB="${BENCH_DISK_GIB:-10}" -Dbench.dataMiB="${BENCH_DATA_MIB:-1024}"
