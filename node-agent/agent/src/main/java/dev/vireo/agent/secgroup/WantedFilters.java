package dev.vireo.agent.secgroup;

import dev.vireo.agent.Json;
import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.NicFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filters this node was told to apply, by MAC, each with the conntrack zone the agent gave it
 * (1-65535, unique on the node; the cookie follows from it). Kept in a JSON file in the agent's data
 * directory, replaced atomically on every change, so that a restarted agent re-applies the same
 * flows with the same zones and cookies (drift repair) and a VM starting later still gets its filter.
 * Not thread-safe: {@link NicFilters} serialises its use.
 */
final class WantedFilters {
  private static final Logger LOG = LoggerFactory.getLogger(WantedFilters.class);
  static final int MAX_ZONE = 65535;

  /** One NIC's wanted filter and its zone. */
  record Wanted(NicFilter filter, int zone) {}

  private record Saved(Map<String, Wanted> nics) {}

  private final Path file;
  private final Map<String, Wanted> byMac;
  private final BitSet zones = new BitSet(MAX_ZONE + 1);

  /** @param file the state file, or null (kept in memory only) */
  WantedFilters(Path file) {
    this.file = file;
    this.byMac = load(file);
    byMac.values().forEach(w -> zones.set(w.zone()));
  }

  Map<String, Wanted> all() {
    return java.util.Collections.unmodifiableMap(byMac);
  }

  Wanted get(String mac) {
    return byMac.get(mac);
  }

  /** Sets the NIC's filter, keeping its zone or giving it the lowest free one. */
  Wanted put(NicFilter filter) {
    Wanted old = byMac.get(filter.mac());
    int zone = old != null ? old.zone() : allocate();
    Wanted w = new Wanted(filter, zone);
    byMac.put(filter.mac(), w);
    zones.set(zone);
    return w;
  }

  /** Forgets the NIC and frees its zone; null when it had no filter. */
  Wanted remove(String mac) {
    Wanted w = byMac.remove(mac);
    if (w != null) {
      zones.clear(w.zone());
    }
    return w;
  }

  private int allocate() {
    int zone = zones.nextClearBit(1);
    if (zone > MAX_ZONE) {
      throw new CommandFailedException("NO_FREE_ZONE", "all " + MAX_ZONE + " conntrack zones of this node are in use");
    }
    return zone;
  }

  /** Writes the file (temporary file, then an atomic rename). */
  void save() {
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Json.MAPPER.writeValue(tmp.toFile(), new Saved(new TreeMap<>(byMac)));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CommandFailedException("STATE_WRITE_FAILED", "cannot save the NIC filters in " + file + ": "
          + e.getMessage(), e);
    }
  }

  private static Map<String, Wanted> load(Path file) {
    Map<String, Wanted> out = new TreeMap<>();
    if (file == null || !Files.isRegularFile(file)) {
      return out;
    }
    try {
      Saved saved = Json.MAPPER.readValue(file.toFile(), Saved.class);
      BitSet seen = new BitSet();
      for (Map.Entry<String, Wanted> e : saved.nics() == null ? Map.<String, Wanted>of().entrySet()
          : saved.nics().entrySet()) {
        Wanted w = e.getValue();
        if (w == null || w.filter() == null || w.zone() < 1 || w.zone() > MAX_ZONE || seen.get(w.zone())) {
          LOG.warn("ignoring the saved filter of NIC {} in {}: bad or duplicate zone", e.getKey(), file);
          continue;
        }
        seen.set(w.zone());
        out.put(e.getKey(), w);
      }
    } catch (IOException e) {
      LOG.warn("cannot read the NIC filters of this node from {}: {}", file, e.getMessage());
    }
    return out;
  }
}
