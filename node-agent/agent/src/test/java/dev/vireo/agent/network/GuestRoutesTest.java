package dev.vireo.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestRoutesTest {
  static final String TABLE = """
      default via 10.0.0.1 dev eth0
      10.0.0.0/24 dev eth0 scope link  src 10.0.0.5
      192.168.50.0/24 via 10.0.0.254 dev eth0
      172.16.0.0/12 via 10.0.0.1 dev eth0
      10.99.0.0/16 via 10.0.0.9 dev eth0
      """;

  @Test
  void addsNewRoutesAndKeepsTheOthers() {
    List<SeedRoute> old = List.of(new SeedRoute("192.168.50.0/24", "10.0.0.254"));
    List<SeedRoute> want = List.of(new SeedRoute("192.168.50.0/24", "10.0.0.254"), new SeedRoute("10.77.0.0/16", "10.0.0.1"));
    assertEquals(List.of(List.of("route", "replace", "10.77.0.0/16", "via", "10.0.0.1")),
        GuestRoutes.plan(TABLE, old, want));
  }

  @Test
  void removesOnlyRoutesThePlatformHadPutThere() {
    List<SeedRoute> old = List.of(new SeedRoute("192.168.50.0/24", "10.0.0.254"), new SeedRoute("172.16.0.0/12", "10.0.0.1"));
    // 10.99.0.0/16 is the guest user's own route: in neither list, it stays
    assertEquals(List.of(List.of("route", "del", "192.168.50.0/24"), List.of("route", "del", "172.16.0.0/12")),
        GuestRoutes.plan(TABLE, old, List.of()));
  }

  @Test
  void changedNextHopIsReplacedAndAnAbsentOldRouteIsNotDeleted() {
    List<SeedRoute> old = List.of(new SeedRoute("172.16.0.0/12", "10.0.0.1"), new SeedRoute("10.5.0.0/16", "10.0.0.1"));
    List<SeedRoute> want = List.of(new SeedRoute("172.16.0.0/12", "10.0.0.2"));
    assertEquals(List.of(List.of("route", "replace", "172.16.0.0/12", "via", "10.0.0.2")),
        GuestRoutes.plan(TABLE, old, want));
  }

  @Test
  void nothingToDoWhenTheGuestHasItAll() {
    List<SeedRoute> want = List.of(new SeedRoute("192.168.50.0/24", "10.0.0.254"), new SeedRoute("172.16.0.0/12", "10.0.0.1"));
    assertEquals(List.of(), GuestRoutes.plan(TABLE, want, want));
  }

  @Test
  void hostRoutesWithoutPrefixAreSlash32() {
    assertEquals(List.of(), GuestRoutes.plan("10.1.2.3 via 10.0.0.1 dev eth0\n", List.of(),
        List.of(new SeedRoute("10.1.2.3/32", "10.0.0.1"))));
  }
}
