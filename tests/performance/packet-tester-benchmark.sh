#!/usr/bin/env bash
# Measures the security-group packet tester for a NIC with 200 rules in 5 groups (ADR 0018): in
# process, over HTTPS (POST /api/v1/security-groups/test by vmId + nicIndex against a test server
# with a fake node), and FilterCompiler's time for the same rules
# (dev.vireo.tests.performance.PacketTesterBenchmark, tag "benchmark"). Writes the result into
# docs/benchmarks.md between the packet-tester-benchmark markers. A measurement, never a pass/fail
# test. Needs java 17, maven (offline repository is enough) and qemu-img. Takes about a minute.
#
# Usage:  tests/performance/packet-tester-benchmark.sh
# Settings (environment): BENCH_THREADS=4 (HTTPS clients) BENCH_SECONDS=10 BENCH_DOC=docs/benchmarks.md
#   (BENCH_DOC=- prints the section, writes nothing) MVN_OPTS_EXTRA (e.g. -o)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
DOC=${BENCH_DOC:-$ROOT/docs/benchmarks.md}
RESULT=$ROOT/tests/target/packet-tester-benchmark.md
rm -f "$RESULT"
# shellcheck disable=SC2086
mvn -q -B -ntp ${MVN_OPTS_EXTRA:-} -pl tests -am verify -Dtest=PacketTesterBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.groups=benchmark -Dsurefire.excludedGroups= \
  -Dbench.packetTester=true -Dbench.threads="${BENCH_THREADS:-4}" -Dbench.seconds="${BENCH_SECONDS:-10}" >&2
[[ -s $RESULT ]] || { echo "[bench] ERROR: no result in $RESULT" >&2; exit 1; }

COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git status --porcelain --untracked-files=no -- . ':!docs/benchmarks.md' 2>/dev/null) ]]; then
  COMMIT="$COMMIT (+ local changes)"
fi
SECTION=$(mktemp)
trap 'rm -f "$SECTION" "$SECTION.doc"' EXIT
{
  echo "<!-- packet-tester-benchmark:begin (written by tests/performance/packet-tester-benchmark.sh; edits inside are overwritten) -->"
  echo "### Latest run (commit $COMMIT, $(java -version 2>&1 | head -n 1))"
  echo
  cat "$RESULT"
  echo "<!-- packet-tester-benchmark:end -->"
} >"$SECTION"
if [[ $DOC == - ]]; then
  cat "$SECTION"
  exit 0
fi
if grep -q '<!-- packet-tester-benchmark:begin' "$DOC"; then
  awk -v f="$SECTION" '
    /<!-- packet-tester-benchmark:begin/ { while ((getline line < f) > 0) print line; skip = 1; next }
    /<!-- packet-tester-benchmark:end/ { skip = 0; next }
    !skip { print }' "$DOC" >"$SECTION.doc"
  cat "$SECTION.doc" >"$DOC"
else
  {
    printf '\n## Security-group packet tester (NIC with 200 rules in 5 groups)\n\n'
    printf 'Reproduce: `tests/performance/packet-tester-benchmark.sh` (ADR 0018; the tester and FilterCompiler read the\n'
    printf 'same ordered rule list; over HTTPS the route reads the NIC'"'"'s groups and serves their ordered rules from a\n'
    printf 'cache that every committed group change clears).\n\n'
    cat "$SECTION"
  } >>"$DOC"
fi
echo "[bench] wrote the results into $DOC" >&2
