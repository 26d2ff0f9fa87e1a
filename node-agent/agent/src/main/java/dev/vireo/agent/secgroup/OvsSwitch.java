package dev.vireo.agent.secgroup;

import java.util.Collection;
import java.util.Map;

/** What the NIC filters need from Open vSwitch on this node; {@link OvsCli} runs the OVS tools. */
public interface OvsSwitch {

  /**
   * The ports of this node's bridges, read in one go: where the VM taps and the uplinks are.
   *
   * @param bridgeOf every port's bridge, by port name
   * @param ofports the OpenFlow port number of each interface that has one (a flow can name it;
   *     flows hold the number, so a tap re-created with another number needs its flows again)
   */
  record Ports(Map<String, String> bridgeOf, Map<String, Long> ofports) {
    public static final Ports NONE = new Ports(Map.of(), Map.of());

    /** The bridge of a VM tap a flow can name now, or null (not there, or not numbered yet). */
    public String tapBridge(String tap) {
      return ofports.getOrDefault(tap, 0L) > 0 ? bridgeOf.get(tap) : null;
    }
  }

  /** The bridges' ports now. */
  Ports ports();

  /** Applies a flow text ({@code delete}/{@code add} lines) to the bridge as one atomic bundle. */
  void bundle(String bridge, String flows);

  /** How many flows of the bridge match {@code match} (an ovs-ofctl flow match, e.g. with a cookie). */
  int countFlows(String bridge, String match);

  /** Ends the tracked connections of one conntrack zone. */
  void flushZone(int zone);

  /** Ends the tracked connections of these zones (an implementation may flush several at once). */
  default void flushZones(Collection<Integer> zones) {
    zones.forEach(this::flushZone);
  }
}
