package dev.vireo.agent.secgroup;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.libvirt.DomainXmlBuilder;
import dev.vireo.agent.protocol.ApplyNicFiltersCommand;
import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFiltersReply;
import dev.vireo.agent.secgroup.WantedFilters.Wanted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security-group filters of this node's VM NICs (ADR 0018): keeps what the server wants per MAC
 * ({@link WantedFilters}, with the zone the agent chose) and makes the flows follow where the NIC's
 * tap is. A NIC whose tap is a port of a bridge gets its full flows there; a NIC whose tap is on no
 * bridge (VM not started yet, about to migrate in, stopped) gets the fail-closed placeholder on every
 * Vireo-managed bridge; bridges where it is not get a delete of its cookie. All changes of one call
 * go to each bridge as one bundle, so a bridge never shows half of an update.
 *
 * <p>Called from command threads ({@link #apply}, {@link #forget}) and from the tap monitor
 * ({@link #reconcile}): one at a time.
 */
public final class NicFilters {
  private static final Logger LOG = LoggerFactory.getLogger(NicFilters.class);
  /** Where a NIC's full flows are: the bridge and OpenFlow port of its tap; {@link #PLACEHOLDER}: none. */
  private record Placement(String bridge, long ofport) {}

  private static final Placement PLACEHOLDER = new Placement(null, 0);
  /** The base flow every bridge with filters has (cookie 0); gone means the bridge lost our flows. */
  private static final String BASE_FLOW = "cookie=0/-1,table=2";

  private final OvsSwitch ovs;
  private final Supplier<? extends Collection<String>> uplinks;
  private final WantedFilters wanted;
  /** MAC → where its flows are, or {@link #PLACEHOLDER}; absent: not known to be installed. */
  private final Map<String, Placement> installed = new HashMap<>();
  /** Zones of narrowed NICs not flushed yet (the bundle or the flush failed): flushed at the next chance. */
  private final Set<Integer> flushOwed = new TreeSet<>();

  /**
   * @param uplinks the uplink/trunk devices of this node's networks, asked on every change
   *     (networks come and go); the bridges holding them are the Vireo-managed bridges
   * @param stateFile where the wanted filters are kept, or null (memory only)
   */
  public NicFilters(OvsSwitch ovs, Supplier<? extends Collection<String>> uplinks, Path stateFile) {
    this.ovs = ovs;
    this.uplinks = uplinks;
    this.wanted = new WantedFilters(stateFile);
  }

  /**
   * Replaces the filters of the given MACs and removes those of {@code remove}; idempotent. Narrowed
   * NICs (see {@link Narrowing}) have their conntrack zone flushed after the bundles.
   */
  public synchronized NicFiltersReply apply(ApplyNicFiltersCommand c) {
    List<NicFilter> filters = new ArrayList<>();
    for (NicFilter f : c.filters() == null ? List.<NicFilter>of() : c.filters()) {
      filters.add(FilterCheck.check(f));
    }
    Set<String> remove = new LinkedHashSet<>();
    for (String mac : c.remove() == null ? List.<String>of() : c.remove()) {
      remove.add(FilterCheck.mac(mac));
    }
    for (NicFilter f : filters) {
      if (remove.contains(f.mac())) {
        throw new CommandFailedException("INVALID_COMMAND", "NIC " + f.mac() + " is both in filters and in remove");
      }
    }
    Set<String> changed = new LinkedHashSet<>();
    Set<Integer> flush = new TreeSet<>();
    for (NicFilter f : filters) {
      Wanted old = wanted.get(f.mac());
      if (old != null && old.filter().equals(f) && installed.containsKey(f.mac())) {
        continue; // target state holds (unless its tap moved: see sync below)
      }
      Wanted now = wanted.put(f);
      changed.add(f.mac());
      if (Narrowing.narrows(old == null ? null : old.filter(), f)) {
        flush.add(now.zone());
      }
    }
    Map<String, Integer> removed = new LinkedHashMap<>();
    for (String mac : remove) {
      Wanted w = wanted.remove(mac);
      if (w != null) {
        removed.put(mac, w.zone());
      }
    }
    wanted.save();
    flushOwed.addAll(flush);
    flushOwed.removeAll(removed.values());
    Sync s = sync(changed, removed, false);
    flushOwed();
    List<String> applied = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    for (NicFilter f : filters) {
      (PLACEHOLDER.equals(installed.get(f.mac())) ? pending : applied).add(f.mac());
    }
    return new NicFiltersReply(applied, pending, s.flows());
  }

  /**
   * Removes the filters of a VM's NICs that left this node (undefined, forgotten, migrated away): the
   * server sends no remove for those. Unknown MACs are ignored.
   */
  public synchronized void forget(Collection<String> macs) {
    Map<String, Integer> removed = new LinkedHashMap<>();
    for (String mac : macs) {
      Wanted w = wanted.remove(FilterCheck.mac(mac));
      if (w != null) {
        removed.put(w.filter().mac(), w.zone());
      }
    }
    if (!removed.isEmpty()) {
      wanted.save();
      sync(Set.of(), removed, false);
      LOG.info("removed the filters of NICs {}: their VM left this node", removed.keySet());
    }
  }

  /**
   * Makes the flows follow the taps: a NIC whose tap appeared, moved or went away since its flows
   * were installed gets them re-installed. {@code all}: every wanted NIC (agent start, drift repair).
   */
  public synchronized void reconcile(boolean all) {
    sync(all ? wanted.all().keySet() : Set.of(), Map.of(), true);
    flushOwed();
  }

  /** After the bundles: ends the connections of narrowed NICs (their new rules are in place). */
  private void flushOwed() {
    if (!flushOwed.isEmpty()) {
      List<Integer> zones = List.copyOf(flushOwed);
      ovs.flushZones(zones);
      flushOwed.removeAll(zones);
    }
  }

  /**
   * Re-installs every wanted filter when a bridge that should hold filter flows lost its base flow:
   * ovs-vswitchd restarted without restoring flows, the bridge was re-created, or someone deleted
   * the flows. Run periodically; cheap (one cookie-0 dump of table 2 per bridge).
   */
  public synchronized void verify() {
    if (wanted.all().isEmpty()) {
      return;
    }
    Set<String> bridges = new TreeSet<>();
    installed.values().stream().map(Placement::bridge).filter(b -> b != null).forEach(bridges::add);
    OvsSwitch.Ports ports = ovs.ports();
    for (String uplink : uplinks.get()) {
      String bridge = ports.bridgeOf().get(uplink);
      if (bridge != null) {
        bridges.add(bridge);
      }
    }
    for (String bridge : bridges) {
      if (ports.bridgeOf().containsValue(bridge) && ovs.countFlows(bridge, BASE_FLOW) == 0) {
        LOG.warn("bridge {} lost the NIC filter flows (Open vSwitch restarted?): re-installing all", bridge);
        installed.clear();
        sync(wanted.all().keySet(), Map.of(), true);
        return;
      }
    }
  }

  /** The MACs with a wanted filter and their zones. */
  public synchronized Map<String, Integer> zones() {
    Map<String, Integer> out = new TreeMap<>();
    wanted.all().forEach((mac, w) -> out.put(mac, w.zone()));
    return out;
  }

  /** What one sync installed: flows added in total (NIC flows, not the bridges' base flows). */
  private record Sync(int flows) {}

  /**
   * Installs the flows of {@code changed} NICs, deletes those of {@code removed} (MAC → zone), and
   * with {@code followTaps} also re-installs every wanted NIC whose tap is no longer where its flows
   * are. One bundle per bridge touched.
   */
  private Sync sync(Collection<String> changed, Map<String, Integer> removed, boolean followTaps) {
    long start = System.nanoTime();
    OvsSwitch.Ports ports = ovs.ports();
    Map<String, Set<String>> uplinks = new TreeMap<>();
    for (String uplink : this.uplinks.get()) {
      String bridge = ports.bridgeOf().get(uplink);
      if (bridge != null) {
        uplinks.computeIfAbsent(bridge, b -> new TreeSet<>()).add(uplink);
      }
    }
    long looked = System.nanoTime();
    Set<String> todo = new LinkedHashSet<>(changed);
    for (String mac : wanted.all().keySet()) {
      Placement where = placement(ports, mac);
      if (!where.equals(installed.get(mac)) && (followTaps || installed.containsKey(mac))) {
        todo.add(mac);
      }
    }
    Map<String, StringBuilder> bundles = new TreeMap<>();
    int flows = 0;
    Map<String, Placement> nowAt = new HashMap<>();
    for (String mac : todo) {
      Wanted w = wanted.get(mac);
      String tap = DomainXmlBuilder.tapName(mac);
      String tapBridge = ports.tapBridge(tap);
      Set<String> targets = new TreeSet<>(uplinks.keySet());
      if (tapBridge != null) {
        targets.add(tapBridge);
      }
      Placement before = installed.get(mac);
      if (before != null && before.bridge() != null) {
        targets.add(before.bridge());
      }
      for (String bridge : targets) {
        String text = bridge.equals(tapBridge) ? NicFlows.full(w.filter(), tap, w.zone())
            : tapBridge == null ? NicFlows.placeholder(w.filter(), w.zone()) : NicFlows.delete(w.zone());
        flows += NicFlows.countAdds(text);
        bundle(bundles, bridge, uplinks).append(text);
      }
      nowAt.put(mac, placement(ports, mac));
    }
    for (Map.Entry<String, Integer> e : removed.entrySet()) {
      Set<String> targets = new TreeSet<>(uplinks.keySet());
      Placement before = installed.get(e.getKey());
      if (before != null && before.bridge() != null) {
        targets.add(before.bridge());
      }
      String tapBridge = ports.bridgeOf().get(DomainXmlBuilder.tapName(e.getKey()));
      if (tapBridge != null) {
        targets.add(tapBridge);
      }
      for (String bridge : targets) {
        bundle(bundles, bridge, uplinks).append(NicFlows.delete(e.getValue()));
      }
    }
    for (String mac : todo) {
      installed.remove(mac); // unknown until its bridges took the bundle
    }
    removed.keySet().forEach(installed::remove);
    long built = System.nanoTime();
    for (Map.Entry<String, StringBuilder> b : bundles.entrySet()) {
      ovs.bundle(b.getKey(), b.getValue().toString());
    }
    installed.putAll(nowAt);
    if (!todo.isEmpty() || !removed.isEmpty()) {
      LOG.info("NIC filters: {} NICs installed ({} flows), {} removed, on bridges {} (ms: taps {}, text {}, bundles {})",
          todo.size(), flows, removed.size(), bundles.keySet(), (looked - start) / 1_000_000,
          (built - looked) / 1_000_000, (System.nanoTime() - built) / 1_000_000);
    }
    return new Sync(flows);
  }

  private static Placement placement(OvsSwitch.Ports ports, String mac) {
    String tap = DomainXmlBuilder.tapName(mac);
    String bridge = ports.tapBridge(tap);
    return bridge == null ? PLACEHOLDER : new Placement(bridge, ports.ofports().get(tap));
  }

  private static StringBuilder bundle(Map<String, StringBuilder> bundles, String bridge,
      Map<String, Set<String>> uplinks) {
    return bundles.computeIfAbsent(bridge,
        b -> new StringBuilder(NicFlows.base(uplinks.getOrDefault(b, Set.of()))));
  }
}
