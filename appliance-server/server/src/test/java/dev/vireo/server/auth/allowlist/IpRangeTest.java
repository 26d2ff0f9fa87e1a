package dev.vireo.server.auth.allowlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.server.http.ApiException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpRangeTest {
  private static IpRange range(String s) {
    return IpRange.parse(s, new String[1]).orElseThrow();
  }

  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void matchesIpv4AddressesAndBlocks() throws Exception {
    assertTrue(range("10.0.0.0/8").contains(ip("10.200.3.4")));
    assertFalse(range("10.0.0.0/8").contains(ip("11.0.0.1")));
    assertTrue(range("192.168.1.7").contains(ip("192.168.1.7")));
    assertFalse(range("192.168.1.7").contains(ip("192.168.1.8")));
    assertTrue(range("0.0.0.0/0").contains(ip("203.0.113.9")));
    assertTrue(range("10.1.2.3/8").contains(ip("10.9.9.9")), "host bits are ignored");
    assertTrue(range("10.0.0.0/8").contains(ip("::ffff:10.0.0.1")), "an IPv4-mapped client");
  }

  @Test
  void matchesIpv6AddressesAndBlocks() throws Exception {
    assertTrue(range("2001:db8::/32").contains(ip("2001:db8:1::5")));
    assertFalse(range("2001:db8::/32").contains(ip("2001:db9::1")));
    assertTrue(range("::1").contains(ip("::1")));
    assertFalse(range("::1").contains(ip("127.0.0.1")), "families do not mix");
    assertTrue(range("::/0").contains(ip("fe80::1")));
    assertTrue(range("fd00::/7").contains(ip("fdff::1")));
  }

  @Test
  void badEntriesAreRefused400NamingTheEntry() {
    for (String bad : List.of("10.0.0.0/33", "2001:db8::/129", "example.com", "10.0.0", "1.2.3.4/x", "",
        "10.0.0.256", "::g")) {
      ApiException e = assertThrows(ApiException.class, () -> IpAllowLists.validate(List.of("10.0.0.1", bad)), bad);
      assertEquals(400, e.status(), bad);
      assertEquals("entries[1]", e.field(), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertEquals(2, IpAllowLists.validate(List.of("10.0.0.0/8", "2001:db8::/32")).size());
    assertTrue(IpAllowLists.allows(List.of(), null), "empty: anywhere");
  }
}
