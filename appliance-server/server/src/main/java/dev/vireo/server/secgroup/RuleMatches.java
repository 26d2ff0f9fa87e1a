package dev.vireo.server.secgroup;

import dev.vireo.server.network.IpAddresses;
import dev.vireo.server.secgroup.SecurityRules.AddressRange;
import dev.vireo.server.secgroup.SecurityRules.Direction;
import dev.vireo.server.secgroup.SecurityRules.PortRange;
import dev.vireo.server.secgroup.SecurityRules.Protocol;
import dev.vireo.server.secgroup.SecurityRules.ProtocolPorts;
import dev.vireo.server.secgroup.SecurityRules.Rule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenFlow matches of one checked rule (ADR 0018): one per (protocol, CIDR, port mask), in the
 * form {@code NicFilter.FilterRule.match} carries them, e.g. {@code tcp,nw_src=10.0.0.0/24,tp_dst=22}.
 * Address ranges become the fewest covering CIDRs and port ranges the fewest value/mask pairs, so
 * the agent never sees a rule model: tables, anti-spoofing and conntrack are its business.
 */
public final class RuleMatches {
  private RuleMatches() {}

  /**
   * The matches of {@code r}: family, then the remote address (source for ingress, destination for
   * egress; omitted for "any"), then the destination port. ICMPv4 with an IPv6 range (and ICMPv6
   * with an IPv4 one) matches nothing and is left out.
   */
  public static List<String> of(Rule r) {
    List<String> out = new ArrayList<>();
    for (ProtocolPorts pp : r.protocols()) {
      for (AddressRange ar : r.addresses()) {
        if (!SecurityRules.fits(pp.protocol(), ar.bits())) {
          continue;
        }
        String family = family(pp.protocol(), ar.bits());
        String field = (ar.bits() == 32 ? "nw_" : "ipv6_") + (r.direction() == Direction.INGRESS ? "src" : "dst");
        for (String cidr : cidrs(ar)) {
          String base = family + (cidr.endsWith("/0") ? "" : "," + field + "=" + cidr);
          if (pp.protocol() == Protocol.TCP || pp.protocol() == Protocol.UDP) {
            if (pp.ports().isEmpty()) {
              out.add(base);
            }
            for (PortRange pr : pp.ports()) {
              for (String m : portMasks(pr)) {
                out.add(base + ",tp_dst=" + m);
              }
            }
          } else {
            out.add(base);
          }
        }
      }
    }
    return out;
  }

  private static String family(Protocol p, int bits) {
    boolean v4 = bits == 32;
    return switch (p) {
      case TCP -> v4 ? "tcp" : "tcp6";
      case UDP -> v4 ? "udp" : "udp6";
      case ICMPV4 -> "icmp";
      case ICMPV6 -> "icmp6";
      case GRE -> v4 ? "ip,nw_proto=47" : "ipv6,nw_proto=47";
      case ALL -> v4 ? "ip" : "ipv6";
    };
  }

  /** The fewest CIDRs covering exactly the range. */
  static List<String> cidrs(AddressRange r) {
    List<String> out = new ArrayList<>();
    BigInteger start = r.first();
    BigInteger end = r.last();
    while (start.compareTo(end) <= 0) {
      int size = start.signum() == 0 ? r.bits() : Math.min(start.getLowestSetBit(), r.bits());
      while (size > 0 && start.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(end) > 0) {
        size--;
      }
      String a = IpAddresses.format(start, r.bits());
      out.add(a + "/" + (r.bits() - size));
      start = start.add(BigInteger.ONE.shiftLeft(size));
    }
    return out;
  }

  /** The fewest {@code value/mask} port matches covering exactly the range. */
  static List<String> portMasks(PortRange r) {
    List<String> out = new ArrayList<>();
    int start = r.from();
    int end = r.to();
    while (start <= end) {
      int size = Integer.numberOfTrailingZeros(start);
      while (size > 0 && start + (1 << size) - 1 > end) {
        size--;
      }
      out.add(size == 0 ? Integer.toString(start) : String.format("0x%04x/0x%04x", start, 0xffff & ~((1 << size) - 1)));
      start += 1 << size;
    }
    return out;
  }
}
