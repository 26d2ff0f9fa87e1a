package dev.vireo.agent.secgroup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Taps on bridges, and the bundles and zone flushes it was given, in order. */
final class FakeSwitch implements OvsSwitch {
  /** Ports by name: their bridge; all have an OpenFlow port number. */
  final Map<String, String> taps = new HashMap<>();
  final List<String> bundles = new ArrayList<>();
  final List<Integer> flushed = new ArrayList<>();

  @Override
  public Ports ports() {
    return new Ports(Map.copyOf(taps), java.util.Set.copyOf(taps.keySet()));
  }

  @Override
  public void bundle(String bridge, String flows) {
    bundles.add(bridge + ":\n" + flows);
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
