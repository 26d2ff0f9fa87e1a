#!/usr/bin/env bash
# Measures how long the node agent takes to apply one security group of 200 rules to 100 NICs on a
# private Open vSwitch (dev.vireo.tests.performance.NicFilterBenchmark, tag "benchmark"), compares
# one bundle per bridge with one ovs-ofctl call per NIC, the tap-less placeholder path and a one-rule
# update, and writes the result into docs/benchmarks.md (between the nic-filter-benchmark markers).
# A measurement, never a pass/fail test. Needs root and openvswitch-switch's tools (not its service:
# the benchmark runs its own ovsdb-server/ovs-vswitchd in a temporary directory and namespace).
#
# Usage:  tests/performance/nic-filter-benchmark.sh
# Settings: BENCH_NICS=100 BENCH_RULES=200 BENCH_ROUNDS=3 BENCH_MVN_ARGS="-o" (extra maven arguments)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
# shellcheck disable=SC2086
mvn -q -B -ntp ${BENCH_MVN_ARGS:-} -pl tests -am verify -Dtest=NicFilterBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.groups=benchmark -Dsurefire.excludedGroups= -Dbench.nicFilter=true \
  -Dbench.nics="${BENCH_NICS:-100}" -Dbench.rules="${BENCH_RULES:-200}" -Dbench.rounds="${BENCH_ROUNDS:-3}"
sed -n '/nic-filter-benchmark:begin/,/nic-filter-benchmark:end/p' docs/benchmarks.md
