package dev.vireo.agent.secgroup;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** What the NIC filters need from Open vSwitch on this node; {@link OvsCli} runs the OVS tools. */
public interface OvsSwitch {

  /**
   * The ports of this node's bridges, read in one go: where the VM taps and the uplinks are.
   *
   * @param bridgeOf every port's bridge, by port name
   * @param numbered the interfaces that have an OpenFlow port number (a flow can name them)
   */
  record Ports(Map<String, String> bridgeOf, Set<String> numbered) {
    public static final Ports NONE = new Ports(Map.of(), Set.of());

    /** The bridge of a VM tap a flow can name now, or null (not there, or not numbered yet). */
    public String tapBridge(String tap) {
      return numbered.contains(tap) ? bridgeOf.get(tap) : null;
    }
  }

  /** The bridges' ports now. */
  Ports ports();

  /** Applies a flow text ({@code delete}/{@code add} lines) to the bridge as one atomic bundle. */
  void bundle(String bridge, String flows);

  /** Ends the tracked connections of one conntrack zone. */
  void flushZone(int zone);

  /** Ends the tracked connections of these zones (an implementation may flush several at once). */
  default void flushZones(Collection<Integer> zones) {
    zones.forEach(this::flushZone);
  }
}
