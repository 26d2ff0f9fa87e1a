package dev.vireo.agent.secgroup;

import dev.vireo.agent.protocol.NicFilter;
import dev.vireo.agent.protocol.NicFilter.FilterRule;
import java.util.Collection;
import java.util.List;

/**
 * The OpenFlow text of one NIC's security-group filter (ADR 0018), for {@code ovs-ofctl --bundle
 * add-flows}: the same tables as the server's {@code FlowCompiler}, built from the matches the
 * server compiled ({@link NicFilter}). Every NIC's flows carry one cookie ({@link #cookie}), so its
 * text starts with a delete of that cookie and the bundle replaces the NIC's flows at once.
 *
 * <p>Tables: 0 from the VM ({@code in_port=<tap>}: anti-spoofing, then conntrack), 1 egress rules,
 * 2 to the VM ({@code dl_dst=<MAC>}: conntrack), 3 ingress rules. ARP, neighbour discovery and the
 * DHCP/DHCPv6 client exchange pass without rules (the server's FlowCompiler dropped a DHCP DISCOVER
 * from 0.0.0.0 as spoofed, so a filtered DHCP guest lost its lease). {@link #placeholder} is the
 * fail-closed set for a NIC whose tap is not on the node yet: no flow can name a port that does not
 * exist, so the VM's MAC is dropped from every non-uplink port instead and ingress is filtered fully.
 */
public final class NicFlows {
  private NicFlows() {}

  /** Cookies of security-group flows: this prefix, then the NIC's conntrack zone (as the server's). */
  public static final long COOKIE_PREFIX = 0x5356_0000_0000_0000L;
  /** Priority of rank 0; rank r gets {@code TOP - r}. Stateful flows sit above, the final drop below. */
  static final int TOP = 60000;
  /** Above every NIC flow of table 0: traffic from other nodes is never "from a local VM". */
  static final int UPLINK_PRIORITY = 65000;
  /** The placeholder drop of a pending NIC's MAC in table 0 (above a NIC's own drop at 100). */
  static final int PLACEHOLDER_PRIORITY = 150;

  /** The cookie of the NIC with conntrack zone {@code zone}, as ovs-ofctl writes it. */
  public static String cookie(int zone) {
    return "0x" + Long.toHexString(COOKIE_PREFIX | zone);
  }

  /**
   * Flows every bridge with filtered NICs needs, cookie 0 (no NIC's): traffic of unprotected
   * ports goes through tables 0 and 2 to NORMAL, and traffic from the uplink/trunk ports skips table
   * 0 (anti-spoofing is for local VMs only; a remote VM's packets have its MAC as source).
   */
  public static String base(Collection<String> uplinks) {
    StringBuilder out = new StringBuilder(256);
    out.append("add table=0,priority=1,actions=resubmit(,2)\n");
    out.append("add table=2,priority=0,actions=NORMAL\n");
    for (String uplink : uplinks) {
      out.append("add table=0,priority=").append(UPLINK_PRIORITY).append(",in_port=").append(uplink)
          .append(",actions=resubmit(,2)\n");
    }
    return out.toString();
  }

  /** Deletes every flow of the NIC with that zone (removal, or a bridge its tap is not on). */
  public static String delete(int zone) {
    return "delete cookie=" + cookie(zone) + "/-1\n";
  }

  /** The full set replacing the NIC's flows: its tap {@code tap} is a port of the bridge. */
  public static String full(NicFilter filter, String tap, int zone) {
    String c = cookie(zone);
    String mac = filter.mac();
    String in = "in_port=" + tap;
    StringBuilder out = new StringBuilder(1024 + 160 * filter.rules().size());
    out.append(delete(zone));
    // Table 0: from the VM. No DHCP or DHCPv6 server replies; ARP and IP only from its MAC and addresses.
    add(out, c, 0, 300, in + ",udp,tp_src=67", "drop");
    add(out, c, 0, 300, in + ",udp6,tp_src=547", "drop");
    for (String a : filter.addresses()) {
      if (isV6(a)) {
        add(out, c, 0, 200, in + ",dl_src=" + mac + ",ipv6,ipv6_src=" + a, "ct(table=1,zone=" + zone + ")");
      } else {
        add(out, c, 0, 200, in + ",dl_src=" + mac + ",arp,arp_spa=" + a + ",arp_sha=" + mac, "NORMAL");
        add(out, c, 0, 200, in + ",dl_src=" + mac + ",ip,nw_src=" + a, "ct(table=1,zone=" + zone + ")");
      }
    }
    // IPv6 neighbour discovery (router solicitation, neighbour solicitation and advertisement) from its MAC.
    for (int type : new int[] {133, 135, 136}) {
      add(out, c, 0, 210, in + ",dl_src=" + mac + ",icmp6,icmp_type=" + type, "NORMAL");
    }
    // DHCP client (ADR 0017 serves leases on every node): before it has an address, when it renews, and
    // DHCPv6 from its link-local address. Like ARP and ND, not subject to the rules.
    add(out, c, 0, 210, in + ",dl_src=" + mac + ",udp,nw_src=0.0.0.0,tp_src=68,tp_dst=67", "NORMAL");
    for (String a : filter.addresses()) {
      if (!isV6(a)) {
        add(out, c, 0, 210, in + ",dl_src=" + mac + ",udp,nw_src=" + a + ",tp_src=68,tp_dst=67", "NORMAL");
      }
    }
    add(out, c, 0, 210, in + ",dl_src=" + mac + ",udp6,ipv6_src=fe80::/10,tp_src=546,tp_dst=547", "NORMAL");
    add(out, c, 0, 100, in, "drop");
    // Table 1: egress rules.
    stateful(out, c, 1, in, "resubmit(,2)");
    rules(out, c, 1, in, zone, "resubmit(,2)", "EGRESS", filter.rules());
    add(out, c, 1, 1, in, "drop");
    toVm(out, filter, zone);
    return out.toString();
  }

  /**
   * The fail-closed set of a NIC whose tap is not on the node (VM about to start or migrate in):
   * nothing from its MAC on a non-uplink port, ingress (tables 2 and 3) in full.
   */
  public static String placeholder(NicFilter filter, int zone) {
    String c = cookie(zone);
    StringBuilder out = new StringBuilder(1024 + 80 * filter.rules().size());
    out.append(delete(zone));
    add(out, c, 0, PLACEHOLDER_PRIORITY, "dl_src=" + filter.mac(), "drop");
    toVm(out, filter, zone);
    return out.toString();
  }

  /** Tables 2 and 3: to the VM. ARP and neighbour discovery pass; IP is tracked, then ingress rules. */
  private static void toVm(StringBuilder out, NicFilter filter, int zone) {
    String c = cookie(zone);
    String dst = "dl_dst=" + filter.mac();
    add(out, c, 2, 210, dst + ",arp", "NORMAL");
    for (int type : new int[] {134, 135, 136}) {
      add(out, c, 2, 210, dst + ",icmp6,icmp_type=" + type, "NORMAL");
    }
    // DHCP and DHCPv6 server replies (local VMs cannot send them: table 0 drops them at their tap).
    add(out, c, 2, 210, dst + ",udp,tp_src=67,tp_dst=68", "NORMAL");
    add(out, c, 2, 210, dst + ",udp6,tp_src=547,tp_dst=546", "NORMAL");
    add(out, c, 2, 200, dst + ",ip", "ct(table=3,zone=" + zone + ")");
    add(out, c, 2, 200, dst + ",ipv6", "ct(table=3,zone=" + zone + ")");
    add(out, c, 2, 100, dst, "drop");
    stateful(out, c, 3, dst, "NORMAL");
    rules(out, c, 3, dst, zone, "NORMAL", "INGRESS", filter.rules());
    add(out, c, 3, 1, dst, "drop");
  }

  private static void stateful(StringBuilder out, String c, int table, String nicMatch, String pass) {
    add(out, c, table, TOP + 2, nicMatch + ",ct_state=+trk+inv", "drop");
    add(out, c, table, TOP + 1, nicMatch + ",ct_state=+trk+est", pass);
    add(out, c, table, TOP + 1, nicMatch + ",ct_state=+trk+rel", pass);
  }

  private static void rules(StringBuilder out, String c, int table, String nicMatch, int zone, String pass,
      String direction, List<FilterRule> rules) {
    String accept = "ct(commit,zone=" + zone + ")," + pass;
    for (FilterRule r : rules) {
      if (direction.equals(r.direction())) {
        add(out, c, table, TOP - r.rank(), nicMatch + ",ct_state=+trk+new," + r.match(), r.accept() ? accept : "drop");
      }
    }
  }

  static boolean isV6(String address) {
    return address.indexOf(':') >= 0;
  }

  /** How many flows a text adds (its {@code add} lines). */
  public static int countAdds(String text) {
    return (int) text.lines().filter(l -> l.startsWith("add ")).count();
  }

  private static void add(StringBuilder out, String cookie, int table, int priority, String match, String actions) {
    out.append("add cookie=").append(cookie).append(",table=").append(table).append(",priority=").append(priority)
        .append(',').append(match).append(",actions=").append(actions).append('\n');
  }
}
