package dev.vireo.server.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void parsesAnIpv4SubnetAndKnowsItsUsableAddresses() {
    Cidr c = Cidr.parse("192.168.10.0/24");
    assertEquals("192.168.10.0/24", c.toString());
    assertEquals("192.168.10.1", IpAddresses.format(c.firstUsable(), 32));
    assertEquals("192.168.10.254", IpAddresses.format(c.lastUsable(), 32));
    assertTrue(c.usable(IpAddresses.parse("192.168.10.77")));
    assertFalse(c.usable(IpAddresses.parse("192.168.10.0")), "network address");
    assertFalse(c.usable(IpAddresses.parse("192.168.10.255")), "broadcast address");
    assertFalse(c.contains(IpAddresses.parse("192.168.11.1")));
    assertEquals("192.168.10.5/24", c.withPrefix("192.168.10.5"));
  }

  @Test
  void rejectsHostBitsBadPrefixesAndNonLiterals() {
    assertNull(Cidr.parse("192.168.10.1/24"), "host bits set");
    assertNull(Cidr.parse("192.168.10.0/33"));
    assertNull(Cidr.parse("192.168.10.0/0"));
    assertNull(Cidr.parse("192.168.10.0"));
    assertNull(Cidr.parse("300.1.1.0/24"));
    assertNull(Cidr.parse("example.com/24"), "never resolves names");
    assertNull(Cidr.parse("10.1/16"), "no shorthand IPv4");
  }

  @Test
  void handlesIpv6AndPrintsItCompressed() {
    Cidr c = Cidr.parse("fd00:10::/64");
    assertEquals("fd00:10::/64", c.toString());
    assertEquals("fd00:10::1", IpAddresses.format(c.firstUsable(), 128));
    assertTrue(c.usable(IpAddresses.parse("fd00:10::ffff")));
    assertFalse(c.contains(IpAddresses.parse("fd00:11::1")));
    assertFalse(c.contains(IpAddresses.parse("10.0.0.1")), "another family");
    assertEquals("2001:db8::1:0:0:1", IpAddresses.parse("2001:db8:0:0:1:0:0:1").toString());
  }
}
