#!/usr/bin/env bash
# Measures VM create-to-running through the API against a plain `virsh define && virsh start` of the
# same domain XML, side by side in one run (dev.vireo.tests.performance.VmCreateBenchmark, tag
# "benchmark"; issue 5: platform overhead <= 0.5 s), and writes the result into docs/benchmarks.md
# (between the vm-create-benchmark markers). A measurement, never a pass/fail test.
# Needs root, libvirt + QEMU (bin/lib/host-setup.sh starts them) and the cached test guest image
# (bin/run-tests builds it). Takes about 3 minutes.
#
# Usage:  tests/performance/vm-create-benchmark.sh      Settings: BENCH_ROUNDS=7
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
mvn -B -ntp -o -pl tests -am verify -Dtest=VmCreateBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.groups=benchmark -Dsurefire.excludedGroups= -Dbench.rounds="${BENCH_ROUNDS:-7}"
