package dev.vireo.server.secgroup;

import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.SecurityGroupRule;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import dev.vireo.server.secgroup.SecurityRules.RuleSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The checked, ordered rules of a list of security groups, with the port groups and IP groups they
 * name expanded (ADR 0018). Pushes to nodes read the inventory every time ({@link #ordered}); the
 * packet tester may read a cache ({@link #orderedCached}) that every committed group change clears
 * ({@link #changed}), because a test is a read that should cost microseconds, not a dozen queries.
 */
public final class GroupRules {
  private final SecurityGroupStore groups;
  private final RuleGroupStore portGroups;
  private final RuleGroupStore ipGroups;
  private final AtomicLong generation = new AtomicLong();
  private final Map<List<String>, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(long generation, List<Rule> rules) {}

  public GroupRules(SecurityGroupStore groups, RuleGroupStore portGroups, RuleGroupStore ipGroups) {
    this.groups = groups;
    this.portGroups = portGroups;
    this.ipGroups = ipGroups;
  }

  /** The checked rules of one group at {@code position} among a NIC's groups (422 naming {@code rules[i]...}). */
  public List<Rule> check(String name, int position, List<SecurityGroupRule> rules) {
    return check(name, position, rules, portGroupsByKey(), ipGroupsByKey());
  }

  /** The rules of these groups (by id, in NIC order) in evaluation order, read now. */
  public List<Rule> ordered(List<String> groupIds) {
    Map<String, SecurityRules.PortGroup> pgs = portGroupsByKey();
    Map<String, SecurityRules.IpGroup> igs = ipGroupsByKey();
    List<List<Rule>> rules = new ArrayList<>();
    for (int i = 0; i < groupIds.size(); i++) {
      String id = groupIds.get(i);
      SecurityGroup g = groups.resolve(id).orElseThrow(() -> new IllegalStateException("security group " + id + " is gone"));
      rules.add(check(g.name(), i, g.rules(), pgs, igs));
    }
    return SecurityRules.ordered(rules);
  }

  /** The same from the cache, valid until the next {@link #changed}. */
  public List<Rule> orderedCached(List<String> groupIds) {
    long now = generation.get();
    Cached c = cache.get(groupIds);
    if (c != null && c.generation() == now) {
      return c.rules();
    }
    List<Rule> rules = ordered(groupIds);
    if (cache.size() > 10_000) {
      cache.clear();
    }
    cache.put(List.copyOf(groupIds), new Cached(now, rules));
    return rules;
  }

  /** A security group, port group or IP group change was committed: cached rules are stale. */
  public void changed() {
    generation.incrementAndGet();
  }

  /** Ids of the security groups with a rule naming this port group or IP group (by id or name). */
  public Set<String> referencing(boolean portGroup, RuleGroupStore.Row g) {
    Set<String> out = new LinkedHashSet<>();
    for (SecurityGroup sg : groups.list()) {
      for (SecurityGroupRule rule : sg.rules()) {
        String ref = rule == null ? null : portGroup ? rule.portGroup() : rule.ipGroup();
        if (ref != null && (ref.equals(g.id()) || ref.equals(g.name()))) {
          out.add(sg.id());
        }
      }
    }
    return out;
  }

  private static List<Rule> check(String name, int position, List<SecurityGroupRule> rules,
      Map<String, SecurityRules.PortGroup> pgs, Map<String, SecurityRules.IpGroup> igs) {
    List<RuleSpec> specs = new ArrayList<>();
    for (SecurityGroupRule r : rules) {
      specs.add(r == null ? null : new RuleSpec(r.direction(), r.protocol(), r.ports(), r.portGroup(), r.address(),
          r.ipGroup(), r.action(), r.priority(), r.description()));
    }
    return SecurityRules.check(name, position, "rules", specs, pgs, igs);
  }

  /** By name, then by id (an id wins over a name). */
  private Map<String, SecurityRules.PortGroup> portGroupsByKey() {
    Map<String, SecurityRules.PortGroup> out = new HashMap<>();
    List<RuleGroupStore.Row> rows = portGroups.list();
    rows.forEach(g -> out.put(g.name(), new SecurityRules.PortGroup(g.id(), g.name(), g.entries())));
    rows.forEach(g -> out.put(g.id(), new SecurityRules.PortGroup(g.id(), g.name(), g.entries())));
    return out;
  }

  private Map<String, SecurityRules.IpGroup> ipGroupsByKey() {
    Map<String, SecurityRules.IpGroup> out = new HashMap<>();
    List<RuleGroupStore.Row> rows = ipGroups.list();
    rows.forEach(g -> out.put(g.name(), new SecurityRules.IpGroup(g.id(), g.name(), g.entries())));
    rows.forEach(g -> out.put(g.id(), new SecurityRules.IpGroup(g.id(), g.name(), g.entries())));
    return out;
  }
}
