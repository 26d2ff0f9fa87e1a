package dev.vireo.agent.secgroup;

import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a filter update may cut what the NIC allowed before, so that its tracked connections must
 * end (ADR 0018: return traffic passes on {@code +est}, which no rule change reaches). The agent then
 * flushes the NIC's conntrack zone after the bundle. Rules are compared by direction and match.
 */
final class Narrowing {
  private Narrowing() {}

  /**
   * True when: the NIC had no filter; an accept of the old filter is gone; a drop appears that the old
   * filter did not have; a drop now comes before an accept it used to follow; or an address is gone
   * (anti-spoofing now drops traffic from it).
   */
  static boolean narrows(NicFilter before, NicFilter after) {
    if (before == null) {
      return true;
    }
    if (!after.addresses().containsAll(before.addresses())) {
      return true;
    }
    Map<String, Integer> oldRank = ranks(before.rules());
    Map<String, Integer> newRank = ranks(after.rules());
    Set<String> oldDrops = new HashSet<>();
    for (FilterRule r : before.rules()) {
      if (r.accept() && !newRank.containsKey(key(r))) {
        return true;
      }
      if (!r.accept()) {
        oldDrops.add(key(r));
      }
    }
    for (FilterRule r : after.rules()) {
      if (!r.accept() && !oldDrops.contains(key(r))) {
        return true;
      }
    }
    // Same rules, other order: a drop that moved in front of an accept of its direction.
    for (FilterRule drop : after.rules()) {
      if (drop.accept()) {
        continue;
      }
      String dropKey = key(drop);
      for (FilterRule accept : after.rules()) {
        if (!accept.accept() || !accept.direction().equals(drop.direction())) {
          continue;
        }
        Integer acceptWas = oldRank.get(key(accept));
        if (acceptWas != null && newRank.get(dropKey) < newRank.get(key(accept)) && oldRank.get(dropKey) >= acceptWas) {
          return true;
        }
      }
    }
    return false;
  }

  private static Map<String, Integer> ranks(List<FilterRule> rules) {
    Map<String, Integer> out = new HashMap<>();
    for (FilterRule r : rules) {
      out.merge(key(r), r.rank(), Math::min);
    }
    return out;
  }

  private static String key(FilterRule r) {
    return r.direction() + " " + r.accept() + " " + r.match();
  }
}
