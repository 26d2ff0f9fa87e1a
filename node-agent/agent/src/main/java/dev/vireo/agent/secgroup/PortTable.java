package dev.vireo.agent.secgroup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.Json;
import dev.vireo.agent.command.CommandFailedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the answer of {@code ovs-vsctl --format=json -- list interface (name,ofport) -- list bridge
 * (name,ports) -- list port (_uuid,name)}: one JSON table per line. OVSDB writes a set as
 * {@code ["set",[...]]}, or as its only element, a row reference as {@code ["uuid","..."]}.
 */
final class PortTable {
  private PortTable() {}

  /** Every bridge port with its bridge, and the interfaces with an OpenFlow port number. */
  static OvsSwitch.Ports parse(String out) {
    List<JsonNode> tables = new ArrayList<>();
    try {
      for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
        tables.add(Json.MAPPER.readTree(line).get("data"));
      }
    } catch (IOException e) {
      throw new CommandFailedException("OVS_ERROR", "cannot read ovs-vsctl's JSON: " + e.getMessage(), e);
    }
    if (tables.size() != 3 || tables.stream().anyMatch(t -> t == null || !t.isArray())) {
      throw new CommandFailedException("OVS_ERROR", "unexpected ovs-vsctl answer: " + out);
    }
    Map<String, Long> numbered = new HashMap<>();
    for (JsonNode row : tables.get(0)) {
      String name = row.get(0).asText();
      JsonNode ofport = row.get(1);
      if (ofport.isIntegralNumber() && ofport.asLong() > 0) {
        numbered.put(name, ofport.asLong());
      }
    }
    Map<String, String> portName = new HashMap<>();
    for (JsonNode row : tables.get(2)) {
      portName.put(row.get(0).get(1).asText(), row.get(1).asText());
    }
    Map<String, String> bridgeOf = new HashMap<>();
    for (JsonNode row : tables.get(1)) {
      String bridge = row.get(0).asText();
      for (String uuid : uuids(row.get(1))) {
        String port = portName.get(uuid);
        if (port != null) {
          bridgeOf.put(port, bridge);
        }
      }
    }
    return new OvsSwitch.Ports(bridgeOf, numbered);
  }

  private static List<String> uuids(JsonNode value) {
    List<String> out = new ArrayList<>();
    if (value.isArray() && value.size() == 2 && "uuid".equals(value.get(0).asText())) {
      out.add(value.get(1).asText());
    } else if (value.isArray() && value.size() == 2 && "set".equals(value.get(0).asText())) {
      for (JsonNode e : value.get(1)) {
        out.add(e.get(1).asText());
      }
    }
    return out;
  }
}
