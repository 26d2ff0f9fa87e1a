# The lab's management server (root namespace) and the node agents (sourced by lab.sh). ADR 0008.
# The server is started the way bin/lib/appliance.sh starts it, with its own state in $LAB/server.

build() {
  [[ ${VIREO_SKIP_BUILD:-0} == 1 ]] && return
  local jar
  for jar in appliance-server/server node-agent/agent appliance-server/cli; do
    ls "$root/$jar"/target/vireo-*.jar >/dev/null 2>&1 && continue
    say "building (mvn package, tests skipped)"
    (cd "$root" && mvn -q -B -DskipTests package) >&2
    return
  done
}

java_bg() { # pidfile log dir main config [nsenter-prefix...]
  local pidfile=$1 log=$2 dir=$3 main=$4 config=$5 jar; shift 5
  jar=$(ls "$root/$dir"/target/vireo-*.jar | head -1)
  setsid "$@" java -Xmx384m -XX:TieredStopAtLevel=1 -cp "$jar:$root/$dir/target/lib/*" "$main" --config "$config" \
    >>"$log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

server_answers() { [[ $(curl -sk -o /dev/null -w '%{http_code}' "$SERVER_URL/api/v1/ping") == 401 ]]; }

start_server() { # returns at once: up waits for server_answers before it starts the agents
  alive "$LAB/run/server.pid" && return
  mkdir -p "$LAB/etc" "$LAB/server"
  cat >"$LAB/etc/server.ini" <<INI
; Vireo management server of the multi-node lab (bin/vireo lab).
[server]
listen = $NET.1
port = $PORT
public_url = $SERVER_URL
data_dir = $LAB/server
[storage]
root = $SHARED
[agent]
heartbeat_seconds = ${VIREO_LAB_HEARTBEAT_SECONDS:-5}
node_timeout_seconds = ${VIREO_LAB_NODE_TIMEOUT_SECONDS:-15}
[console]
port = $((PORT + 1))
spice_port = $((PORT + 2))
INI
  say "starting the lab server on $SERVER_URL"
  java_bg "$LAB/run/server.pid" "$LAB/log/server.log" appliance-server/server dev.vireo.server.ServerMain \
    "$LAB/etc/server.ini"
}

start_agent() { # node
  local node=$1 dir ip
  dir=$(node_dir "$node") ip=$(node_ip "$node")
  alive "$dir/agent.pid" && return
  cat >"$dir/agent.ini" <<INI
; Vireo node agent of lab node $node.
[agent]
listen = $ip
port = $AGENT_PORT
advertise_url = http://$ip:$AGENT_PORT
token_file = $dir/agent-token
libvirt_uri = qemu:///system
domain_type = auto
$( [[ -n $(node_cluster "$node") ]] && echo "cluster = $(node_cluster "$node")" )
[server]
url = $SERVER_URL
fingerprint = $(cat "$LAB/server/fingerprint")
join_token_file = $LAB/server/join-token
[storage]
root = $SHARED
INI
  java_bg "$dir/agent.pid" "$dir/agent.log" node-agent/agent dev.vireo.agent.AgentMain "$dir/agent.ini" \
    nsenter -t "$(cat "$dir/holder.pid")" -m -u -n --
}

stop_server() {
  local f=$LAB/run/server.pid pid
  alive "$f" || { rm -f "$f"; return 0; }
  pid=$(cat "$f")
  kill -TERM "$pid"
  for _ in $(seq 40); do running "$pid" || break; sleep 0.25; done
  running "$pid" && kill -KILL "$pid"
  rm -f "$f"
  say "stopped the lab server (pid $pid)"
}

login() {
  vireo status >/dev/null 2>&1 && return
  local pw
  pw=$(sed -n 's/^password=//p' "$LAB/server/admin-credentials")
  vireo login --server "$SERVER_URL" --user admin --password-file <(printf '%s\n' "$pw") >/dev/null
}

# Creates each cluster VIREO_LAB_CLUSTERS names that the server does not have (before the agents
# register: an agent naming an unknown cluster is refused).
make_clusters() {
  local pair c
  for pair in ${CLUSTERS//,/ }; do
    [[ $pair == n[0-9]*=?* ]] || { say "VIREO_LAB_CLUSTERS: '$pair' is not node=cluster (e.g. n3=c2)"; exit 2; }
    c=${pair#*=}
    [[ $(vireo cluster list --output json) == *"\"$c\""* ]] && continue
    say "creating cluster $c"
    vireo cluster create --name "$c" >/dev/null
  done
}

nodes_connected() { # n
  (($(vireo node list --output json | grep -c '"CONNECTED"') >= $1))
}

import_test_image() {
  [[ $(vireo image list --output json) == *'"vireo-test-guest"'* ]] && return
  local image
  image=${VIREO_TEST_IMAGE:-}
  [[ -f $image ]] || image=$(bash "$root/iso-builder/build-test-image.sh" | tail -1)
  say "importing the test guest as base image vireo-test-guest"
  vireo image import --name vireo-test-guest --source "$image" --format qcow2 --kind base \
    --os-type linux --boot-mode bios --wait >/dev/null
}
