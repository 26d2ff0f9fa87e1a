#!/usr/bin/env bash
# The all-in-one appliance: `up` installs what is missing, builds what is stale, starts libvirt,
# the server and a local node agent, logs the CLI in and imports the test guest as a base image.
# `down` stops what `up` started, by PID. Both are idempotent.
#
# Everything lives under $VIREO_STATE_DIR (default /var/lib/vireo): etc/ (INI files), server/
# (database, TLS, admin credentials), storage/ (images, VM disks), agent/, run/ (PIDs), log/.
# VIREO_PORT (8443), VIREO_CONSOLE_PORT (8444), VIREO_SPICE_PORT (8445) and VIREO_AGENT_PORT (7070) move the listeners;
# VIREO_PROFILE the CLI profile.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${VIREO_STATE_DIR:-/var/lib/vireo}
port=${VIREO_PORT:-8443}
agent_port=${VIREO_AGENT_PORT:-7070}
etc=$state/etc run=$state/run logs=$state/log
vireo() { "$root/bin/vireo" "$@"; }
say() { echo "vireo: $*" >&2; }
alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

build_is_stale() {
  local marker=$root/appliance-server/cli/target/.vireo-built
  [[ -f $marker ]] || return 0
  [[ -n $(find "$root" -path "$root/.git" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) \
    -newer "$marker" -print -quit) ]]
}

build() {
  [[ ${VIREO_SKIP_BUILD:-0} == 1 ]] && return
  build_is_stale || return 0
  say "building (mvn package, tests skipped)"
  (cd "$root" && mvn -q -B -DskipTests package) >&2
  touch "$root/appliance-server/cli/target/.vireo-built"
}

write_configs() {
  mkdir -p "$etc" "$run" "$logs" "$state/server" "$state/storage" "$state/agent"
  [[ -f $etc/server.ini ]] || cat >"$etc/server.ini" <<INI
; Vireo management server (all-in-one appliance). Every key has a default; see docs/design.md.
[server]
port = $port
public_url = https://127.0.0.1:$port
data_dir = $state/server
[storage]
root = $state/storage
[console]
; the console gateway (TLS, the server's certificate): one-time tickets of POST /api/v1/vms/{id}/console
port = ${VIREO_CONSOLE_PORT:-$((port + 1))}
; the SPICE proxy (HTTP CONNECT, TLS inside): what the .vv files of SPICE tickets point remote-viewer to
spice_port = ${VIREO_SPICE_PORT:-$((port + 2))}
INI
}

write_agent_config() {
  local fp
  fp=$(cat "$state/server/fingerprint")
  [[ -f $etc/agent.ini ]] && grep -qF "$fp" "$etc/agent.ini" && return
  cat >"$etc/agent.ini" <<INI
; Vireo node agent of the all-in-one appliance.
[agent]
listen = 127.0.0.1
port = $agent_port
token_file = $state/agent/agent-token
libvirt_uri = qemu:///system
[server]
url = https://127.0.0.1:$port
fingerprint = $fp
join_token_file = $state/server/join-token
[storage]
root = $state/storage
INI
}

start_java() { # name main-class jar-dir config
  local name=$1 main=$2 dir=$3 config=$4 jar
  alive "$run/$name.pid" && return
  jar=$(ls "$dir"/target/vireo-*.jar | head -1)
  say "starting $name"
  setsid java -Xmx512m -cp "$jar:$dir/target/lib/*" "$main" --config "$config" >>"$logs/$name.log" 2>&1 </dev/null &
  echo $! >"$run/$name.pid"
}

wait_for() { # what seconds command...
  local what=$1 secs=$2; shift 2
  for ((i = 0; i < secs * 4; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  say "$what did not come up within ${secs} s"
  return 1
}

server_answers() { [[ $(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/api/v1/ping") == 401 ]]; }

login() {
  vireo status >/dev/null 2>&1 && return
  local pw
  pw=$(sed -n 's/^password=//p' "$state/server/admin-credentials")
  vireo login --server "https://127.0.0.1:$port" --user admin --password-file <(printf '%s\n' "$pw") >&2
}

node_connected() { vireo node list --output json | grep -q '"CONNECTED"'; }

import_test_image() {
  vireo image list --output json | grep -q '"name" *: *"vireo-test-guest"' && return
  local image
  image=$(bash "$root/iso-builder/build-test-image.sh" | tail -1)
  say "importing the test guest $image as base image vireo-test-guest"
  vireo image import --name vireo-test-guest --source "$image" --format qcow2 --kind base \
    --os-type linux --boot-mode bios --wait >&2
}

up() {
  bash "$root/bin/lib/install-packages.sh" appliance
  build
  bash "$root/bin/lib/host-setup.sh"
  write_configs
  start_java server dev.vireo.server.ServerMain "$root/appliance-server/server" "$etc/server.ini"
  wait_for "the server (log: $logs/server.log)" 90 server_answers || { tail -20 "$logs/server.log" >&2; exit 1; }
  write_agent_config
  start_java agent dev.vireo.agent.AgentMain "$root/node-agent/agent" "$etc/agent.ini"
  login
  wait_for "the local node (log: $logs/agent.log)" 60 node_connected || { tail -20 "$logs/agent.log" >&2; exit 1; }
  import_test_image
  cat <<TXT

Vireo is up.
  API:           https://127.0.0.1:$port/api/v1  (certificate SHA-256 $(cat "$state/server/fingerprint"))
  Admin account: $state/server/admin-credentials
  Logs:          $logs/
  CLI:           logged in as admin (bin/vireo status)

Create your first VM:
  bin/vireo vm create --name demo --image vireo-test-guest --spec 1C1G
TXT
}

stop_pid() { # name
  local f=$run/$1.pid pid
  alive "$f" || { rm -f "$f"; return; }
  pid=$(cat "$f")
  say "stopping $1 (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$f"
}

down() {
  stop_pid agent
  stop_pid server
  if [[ ${VIREO_KEEP_LIBVIRT:-0} != 1 ]] && [[ -f /var/lib/vireo/run/started-by-vireo ]]; then
    if [[ -n $(virsh -c qemu:///system list --name 2>/dev/null | grep '^vm-' || true) ]]; then
      say "libvirt left running: Vireo VMs still run (they keep running without the server and agent)"
    else
      bash "$root/bin/lib/host-setup.sh" --stop
    fi
  fi
}

for arg in "$@"; do
  case "$arg" in
    -h|--help) echo "usage: vireo up | vireo down   (the all-in-one appliance on this machine; see README.md)"; exit 0 ;;
  esac
done

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: vireo up|down" >&2; exit 2 ;;
esac
