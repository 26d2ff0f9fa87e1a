package dev.vireo.agent.secgroup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class NarrowingTest {
  static final String MAC = "52:54:00:00:00:01";
  static final FilterRule SSH = new FilterRule("INGRESS", 0, "tcp,tp_dst=22", true);
  static final FilterRule WEB = new FilterRule("INGRESS", 1, "tcp,tp_dst=80", true);
  static final FilterRule NO_NET = new FilterRule("INGRESS", 1, "ip,nw_src=10.9.0.0/16", false);

  static NicFilter nic(FilterRule... rules) {
    return new NicFilter(MAC, List.of("10.0.0.5"), List.of(rules));
  }

  @Test
  void aFirstFilterNarrowsAnUnfilteredNic() {
    assertTrue(Narrowing.narrows(null, nic(SSH)));
  }

  @Test
  void removingAnAcceptNarrowsAddingOneDoesNot() {
    assertTrue(Narrowing.narrows(nic(SSH, WEB), nic(SSH)));
    assertFalse(Narrowing.narrows(nic(SSH), nic(SSH, WEB)));
    assertFalse(Narrowing.narrows(nic(SSH, WEB), nic(SSH, WEB)));
  }

  @Test
  void aNewDropNarrowsRemovingADropDoesNot() {
    assertTrue(Narrowing.narrows(nic(SSH), nic(SSH, NO_NET)));
    assertFalse(Narrowing.narrows(nic(SSH, NO_NET), nic(SSH)));
  }

  @Test
  void aDropMovedInFrontOfAnAcceptNarrowsOtherRankShiftsDoNot() {
    FilterRule dropFirst = new FilterRule("INGRESS", 0, NO_NET.match(), false);
    FilterRule sshSecond = new FilterRule("INGRESS", 1, SSH.match(), true);
    assertTrue(Narrowing.narrows(nic(SSH, NO_NET), nic(dropFirst, sshSecond)));
    FilterRule sshThird = new FilterRule("INGRESS", 2, SSH.match(), true);
    FilterRule webSecond = new FilterRule("INGRESS", 1, "tcp,tp_dst=443", true);
    assertFalse(Narrowing.narrows(nic(SSH), nic(new FilterRule("INGRESS", 0, "udp", true), webSecond, sshThird)),
        "accepts inserted in front shift ranks without cutting anything");
  }

  @Test
  void aRemovedAddressNarrows() {
    assertTrue(Narrowing.narrows(nic(SSH), new NicFilter(MAC, List.of(), List.of(SSH))));
    assertFalse(Narrowing.narrows(nic(SSH), new NicFilter(MAC, List.of("10.0.0.5", "fd00::5"), List.of(SSH))));
  }
}
