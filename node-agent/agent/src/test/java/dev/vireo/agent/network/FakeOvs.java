package dev.vireo.agent.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tiny model of ovs-vsctl: bridges with datapath types and ports; records every command. */
final class FakeOvs implements CommandRunner {
  final Map<String, String> bridgeDatapath = new LinkedHashMap<>();
  final Map<String, String> portBridge = new HashMap<>();
  final Map<String, String> portVlanMode = new HashMap<>();
  final List<List<String>> calls = new ArrayList<>();
  boolean running = true;

  @Override
  public Result run(List<String> command, long timeoutSeconds) {
    calls.add(command);
    if (!command.get(0).equals("ovs-vsctl") || !command.get(1).startsWith("--timeout=")) {
      throw new AssertionError("not ovs-vsctl with a timeout: " + command);
    }
    if (!running) {
      return new Result(1, "", "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)\n");
    }
    List<String> args = command.subList(2, command.size());
    if (args.get(0).equals("port-to-br")) {
      String br = portBridge.get(args.get(1));
      return br == null ? new Result(1, "", "ovs-vsctl: no port named " + args.get(1) + "\n") : new Result(0, br + "\n", "");
    }
    if (args.equals(List.of("--bare", "--columns=datapath_type", "list", "bridge"))) {
      StringBuilder out = new StringBuilder();
      bridgeDatapath.values().forEach(t -> out.append(t).append("\n\n"));
      return new Result(0, out.toString(), "");
    }
    if (args.size() == 4 && args.get(0).equals("get") && args.get(1).equals("bridge") && args.get(3).equals("datapath_type")) {
      String type = bridgeDatapath.get(args.get(2));
      return type == null ? new Result(1, "", "ovs-vsctl: no row \"" + args.get(2) + "\" in table Bridge\n")
          : new Result(0, "\"" + type + "\"\n", "");
    }
    // "--may-exist add-br B -- set bridge B datapath_type=T -- --may-exist add-port B P -- set port P vlan_mode=trunk"
    String joined = String.join(" ", args);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "--may-exist add-br (\\S+) -- set bridge \\1 datapath_type=(\\S+) -- --may-exist add-port \\1 (\\S+)"
            + " -- set port \\3 vlan_mode=trunk").matcher(joined);
    if (m.matches()) {
      bridgeDatapath.putIfAbsent(m.group(1), m.group(2));
      portBridge.put(m.group(3), m.group(1));
      portVlanMode.put(m.group(3), "trunk");
      return new Result(0, "", "");
    }
    return new Result(1, "", "fake ovs-vsctl: unexpected " + joined);
  }
}
