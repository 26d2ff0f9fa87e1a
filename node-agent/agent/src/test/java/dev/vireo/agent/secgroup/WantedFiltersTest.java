package dev.vireo.agent.secgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WantedFiltersTest {
  @TempDir
  Path dir;

  static NicFilter filter(String mac) {
    return new NicFilter(mac, List.of("10.0.0.5"), List.of(new FilterRule("INGRESS", 0, "tcp,tp_dst=22", true)));
  }

  @Test
  void zonesAreTheLowestFreeAndANicKeepsItsZoneAcrossUpdates() {
    WantedFilters w = new WantedFilters(null);
    assertEquals(1, w.put(filter("52:54:00:00:00:01")).zone());
    assertEquals(2, w.put(filter("52:54:00:00:00:02")).zone());
    assertEquals(3, w.put(filter("52:54:00:00:00:03")).zone());
    assertEquals(2, w.put(new NicFilter("52:54:00:00:00:02", List.of(), List.of())).zone());
    assertEquals(2, w.remove("52:54:00:00:00:02").zone());
    assertNull(w.remove("52:54:00:00:00:02"));
    assertEquals(2, w.put(filter("52:54:00:00:00:04")).zone(), "a freed zone is reused");
    assertEquals(4, w.put(filter("52:54:00:00:00:05")).zone());
  }

  @Test
  void filtersAndZonesSurviveARestartAndTheFileIsReplacedWhole() throws Exception {
    Path file = dir.resolve("nic-filters.json");
    WantedFilters w = new WantedFilters(file);
    w.put(filter("52:54:00:00:00:01"));
    w.put(filter("52:54:00:00:00:02"));
    w.remove("52:54:00:00:00:01");
    w.save();
    assertTrue(Files.exists(file));
    assertTrue(!Files.exists(dir.resolve("nic-filters.json.tmp")));

    WantedFilters again = new WantedFilters(file);
    assertEquals(1, again.all().size());
    assertEquals(2, again.get("52:54:00:00:00:02").zone());
    assertEquals(filter("52:54:00:00:00:02"), again.get("52:54:00:00:00:02").filter());
    assertEquals(1, again.put(filter("52:54:00:00:00:03")).zone(), "zone 2 stays taken after the reload");
    assertEquals(2, again.put(filter("52:54:00:00:00:02")).zone());
  }

  @Test
  void aDuplicateOrOutOfRangeZoneInTheFileIsIgnoredNotShared() throws Exception {
    Path file = dir.resolve("nic-filters.json");
    String f = "{\"mac\":\"52:54:00:00:00:0%d\",\"addresses\":[],\"rules\":[]}";
    Files.writeString(file, "{\"nics\":{"
        + "\"52:54:00:00:00:01\":{\"filter\":" + String.format(f, 1) + ",\"zone\":5},"
        + "\"52:54:00:00:00:02\":{\"filter\":" + String.format(f, 2) + ",\"zone\":5},"
        + "\"52:54:00:00:00:03\":{\"filter\":" + String.format(f, 3) + ",\"zone\":70000}}}");
    WantedFilters w = new WantedFilters(file);
    assertEquals(List.of("52:54:00:00:00:01"), List.copyOf(w.all().keySet()));
  }

  @Test
  void anUnreadableFileStartsEmpty() throws Exception {
    Path file = dir.resolve("nic-filters.json");
    Files.writeString(file, "{not json");
    assertTrue(new WantedFilters(file).all().isEmpty());
  }
}
