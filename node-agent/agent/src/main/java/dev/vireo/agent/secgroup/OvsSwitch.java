package dev.vireo.agent.secgroup;

import java.util.Map;

/** What the NIC filters need from Open vSwitch on this node; {@link OvsCli} runs the OVS tools. */
public interface OvsSwitch {

  /**
   * Every VM tap ({@code vm<mac hex>}) that is a port of a bridge with an OpenFlow port number (a
   * flow can name it), and that bridge.
   */
  Map<String, String> tapBridges();

  /** Applies a flow text ({@code delete}/{@code add} lines) to the bridge as one atomic bundle. */
  void bundle(String bridge, String flows);

  /** Ends the tracked connections of one conntrack zone. */
  void flushZone(int zone);

  /** Ends the tracked connections of these zones (an implementation may flush several at once). */
  default void flushZones(java.util.Collection<Integer> zones) {
    zones.forEach(this::flushZone);
  }
}
