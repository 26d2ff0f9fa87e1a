package dev.vireo.server.secgroup;

import dev.vireo.server.network.IpAddresses;
import dev.vireo.server.network.IpAddresses.Ip;
import dev.vireo.server.secgroup.SecurityRules.Action;
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
 * Compiles a NIC's ordered rules ({@link SecurityRules#ordered}) into OpenFlow flows for
 * {@code ovs-ofctl --bundle add-flows} on the NIC's bridge (ADR 0018). The flows of one NIC carry
 * one cookie, so the text first deletes that cookie's flows and the bundle replaces them at once.
 *
 * <p>Tables: 0 anti-spoofing and conntrack for traffic from the VM (in_port = its tap); 1 egress
 * rules; 2 conntrack for traffic to the VM (dl_dst = its MAC); 3 ingress rules. Established and
 * related traffic passes, new traffic passes when an accept rule matches first, the rest drops.
 * Traffic not from or to a protected NIC goes through tables 0 and 2 to NORMAL ({@link #baseFlows}).
 */
public final class FlowCompiler {
  private FlowCompiler() {}

  /** Cookies of security-group flows: this prefix, then the NIC's conntrack zone. */
  public static final long COOKIE_PREFIX = 0x5356_0000_0000_0000L;
  static final int TOP = 60000;

  /**
   * A NIC to protect.
   *
   * @param port the OVS port (tap) name, e.g. {@code vm525400aabbcc}
   * @param addresses its IPAM addresses (IPv4 and IPv6): the only allowed sources
   * @param zone its conntrack zone, 1-65535, unique on the node
   */
  public record Nic(String port, String mac, List<String> addresses, int zone) {
    public String cookie() {
      return "0x" + Long.toHexString(COOKIE_PREFIX | zone);
    }
  }

  /** Flows every bridge with protected NICs needs once (cookie 0x0 is not a NIC's). */
  public static String baseFlows() {
    return "table=0,priority=1,actions=resubmit(,2)\n"
        + "table=2,priority=0,actions=NORMAL\n";
  }

  /** The bundle text replacing the NIC's flows: a delete of its cookie, then its flows. */
  public static String compile(Nic nic, List<Rule> ordered) {
    StringBuilder out = new StringBuilder(4096);
    String c = nic.cookie();
    String in = "in_port=" + nic.port();
    String dst = "dl_dst=" + nic.mac();
    out.append("delete cookie=").append(c).append("/-1\n");
    // Table 0: from the VM. No DHCP or DHCPv6 server replies; ARP and IP only from its MAC and addresses.
    add(out, c, 0, 300, in + ",udp,tp_src=67", "drop");
    add(out, c, 0, 300, in + ",udp6,tp_src=547", "drop");
    for (String a : nic.addresses()) {
      Ip ip = IpAddresses.parse(a);
      if (ip == null) {
        throw new IllegalArgumentException("not an address: " + a);
      }
      if (ip.isV4()) {
        add(out, c, 0, 200, in + ",dl_src=" + nic.mac() + ",arp,arp_spa=" + ip + ",arp_sha=" + nic.mac(), "NORMAL");
        add(out, c, 0, 200, in + ",dl_src=" + nic.mac() + ",ip,nw_src=" + ip, "ct(table=1,zone=" + nic.zone() + ")");
      } else {
        add(out, c, 0, 200, in + ",dl_src=" + nic.mac() + ",ipv6,ipv6_src=" + ip, "ct(table=1,zone=" + nic.zone() + ")");
      }
    }
    // IPv6 neighbour discovery (router solicitation, neighbour solicitation and advertisement) from its MAC.
    for (int type : new int[] {133, 135, 136}) {
      add(out, c, 0, 210, in + ",dl_src=" + nic.mac() + ",icmp6,icmp_type=" + type, "NORMAL");
    }
    add(out, c, 0, 100, in, "drop");
    // Table 1: egress rules.
    stateful(out, c, 1, in, nic.zone(), "resubmit(,2)");
    rules(out, c, 1, in, nic.zone(), "resubmit(,2)", Direction.EGRESS, ordered);
    add(out, c, 1, 1, in, "drop");
    // Table 2: to the VM. ARP and neighbour discovery pass; IP is tracked.
    add(out, c, 2, 210, dst + ",arp", "NORMAL");
    for (int type : new int[] {134, 135, 136}) {
      add(out, c, 2, 210, dst + ",icmp6,icmp_type=" + type, "NORMAL");
    }
    add(out, c, 2, 200, dst + ",ip", "ct(table=3,zone=" + nic.zone() + ")");
    add(out, c, 2, 200, dst + ",ipv6", "ct(table=3,zone=" + nic.zone() + ")");
    add(out, c, 2, 100, dst, "drop");
    // Table 3: ingress rules.
    stateful(out, c, 3, dst, nic.zone(), "NORMAL");
    rules(out, c, 3, dst, nic.zone(), "NORMAL", Direction.INGRESS, ordered);
    add(out, c, 3, 1, dst, "drop");
    return out.toString();
  }

  private static void stateful(StringBuilder out, String c, int table, String nicMatch, int zone, String pass) {
    add(out, c, table, TOP + 2, nicMatch + ",ct_state=+trk+inv", "drop");
    add(out, c, table, TOP + 1, nicMatch + ",ct_state=+trk+est", pass);
    add(out, c, table, TOP + 1, nicMatch + ",ct_state=+trk+rel", pass);
  }

  private static void rules(StringBuilder out, String c, int table, String nicMatch, int zone, String pass,
      Direction direction, List<Rule> ordered) {
    int priority = TOP;
    for (Rule r : ordered) {
      if (r.direction() != direction) {
        continue;
      }
      if (priority <= 2) {
        throw new IllegalArgumentException("too many rules for one NIC (at most " + (TOP - 2) + " per direction)");
      }
      String actions = r.action() == Action.ACCEPT ? "ct(commit,zone=" + zone + ")," + pass : "drop";
      for (ProtocolPorts pp : r.protocols()) {
        for (AddressRange ar : r.addresses()) {
          if (pp.protocol() == Protocol.ICMPV4 && ar.bits() != 32 || pp.protocol() == Protocol.ICMPV6 && ar.bits() != 128) {
            continue;
          }
          String family = proto(pp.protocol(), ar.bits());
          String field = (ar.bits() == 32 ? "nw_" : "ipv6_") + (direction == Direction.INGRESS ? "src" : "dst");
          for (String cidr : cidrs(ar)) {
            String base = nicMatch + ",ct_state=+trk+new," + family + (isAll(cidr, ar.bits()) ? "" : "," + field + "=" + cidr);
            if (pp.protocol().hasPorts() && !pp.ports().isEmpty()) {
              for (PortRange pr : pp.ports()) {
                for (String m : portMasks(pr)) {
                  add(out, c, table, priority, base + ",tp_dst=" + m, actions);
                }
              }
            } else {
              add(out, c, table, priority, base, actions);
            }
          }
        }
      }
      priority--;
    }
  }

  private static boolean isAll(String cidr, int bits) {
    return cidr.endsWith("/0");
  }

  private static String proto(Protocol p, int bits) {
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

  private static void add(StringBuilder out, String cookie, int table, int priority, String match, String actions) {
    out.append("add cookie=").append(cookie).append(",table=").append(table).append(",priority=").append(priority)
        .append(',').append(match).append(",actions=").append(actions).append('\n');
  }
}
