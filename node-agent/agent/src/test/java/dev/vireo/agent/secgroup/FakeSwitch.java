package dev.vireo.agent.secgroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Ports on bridges, and the bundles and zone flushes it was given, in order. */
class FakeSwitch implements OvsSwitch {
  /** Ports by name: their bridge. */
  final Map<String, String> taps = new HashMap<>();
  /** OpenFlow port numbers differing from the default 1. */
  final Map<String, Long> ofports = new HashMap<>();
  /** Bridges that got the base flows (and did not lose them). */
  final Set<String> withBaseFlows = new HashSet<>();
  final List<String> bundles = new ArrayList<>();
  final List<Integer> flushed = new ArrayList<>();

  @Override
  public Ports ports() {
    Map<String, Long> numbers = new HashMap<>();
    taps.keySet().forEach(t -> numbers.put(t, ofports.getOrDefault(t, 1L)));
    Map<String, String> bridgeOf = new HashMap<>(taps);
    taps.values().forEach(b -> bridgeOf.put(b, b));
    return new Ports(bridgeOf, numbers);
  }

  @Override
  public void bundle(String bridge, String flows) {
    bundles.add(bridge + ":\n" + flows);
    if (flows.contains("add table=2,priority=0,actions=NORMAL")) {
      withBaseFlows.add(bridge);
    }
  }

  @Override
  public int countFlows(String bridge, String match) {
    if (!match.equals("cookie=0/-1,table=2")) {
      throw new AssertionError("unexpected match " + match);
    }
    return withBaseFlows.contains(bridge) ? 1 : 0;
  }

  @Override
  public void flushZone(int zone) {
    flushed.add(zone);
  }

  String last(String bridge) {
    for (int i = bundles.size() - 1; i >= 0; i--) {
      if (bundles.get(i).startsWith(bridge + ":\n")) {
        return bundles.get(i);
      }
    }
    return null;
  }

  void clear() {
    bundles.clear();
    flushed.clear();
  }
}
