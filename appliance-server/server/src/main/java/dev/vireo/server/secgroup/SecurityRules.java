package dev.vireo.server.secgroup;

import dev.vireo.server.http.ApiException;
import dev.vireo.server.network.Cidr;
import dev.vireo.server.network.IpAddresses;
import dev.vireo.server.network.IpAddresses.Ip;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Security-group rules (white paper 4.2.8, ADR 0018): checks the rules as written, expands
 * shortcuts, port groups and IP groups, and puts the rules of a NIC in the one order that both the
 * packet tester ({@link PacketTester}) and the filter compiler ({@link FilterCompiler}) use. Every
 * failing check is a 422 naming the field.
 */
public final class SecurityRules {
  private SecurityRules() {}

  public enum Direction { INGRESS, EGRESS }

  public enum Protocol { TCP, UDP, ICMPV4, ICMPV6, GRE, ALL;
    boolean hasPorts() {
      return this == TCP || this == UDP;
    }
  }

  public enum Action { ACCEPT, DROP }

  /** High rules are evaluated before medium, medium before low. */
  public enum Priority { HIGH, MEDIUM, LOW }

  /** A port range, both ends included, 1-65535. */
  public record PortRange(int from, int to) {
    public int size() {
      return to - from + 1;
    }

    public boolean contains(int port) {
      return port >= from && port <= to;
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }

  /** An address range, both ends included, in one family (32 or 128 bits). */
  public record AddressRange(BigInteger first, BigInteger last, int bits) {
    public BigInteger size() {
      return last.subtract(first).add(BigInteger.ONE);
    }

    public boolean contains(Ip ip) {
      return ip != null && ip.bits() == bits && ip.value().compareTo(first) >= 0 && ip.value().compareTo(last) <= 0;
    }

    @Override
    public String toString() {
      String a = IpAddresses.format(first, bits);
      return first.equals(last) ? a : a + "-" + IpAddresses.format(last, bits);
    }
  }

  /** One protocol and, for TCP and UDP, its ports (empty: every port). */
  public record ProtocolPorts(Protocol protocol, List<PortRange> ports) {
    /** How many (protocol, port) pairs this matches: the "exactness" of the port part. */
    long size() {
      if (protocol == Protocol.ALL) {
        return Long.MAX_VALUE / 4;
      }
      if (!protocol.hasPorts()) {
        return 1;
      }
      return ports.isEmpty() ? 65535 : ports.stream().mapToLong(PortRange::size).sum();
    }

    boolean matches(Protocol p, Integer port) {
      if (protocol == Protocol.ALL) {
        return true;
      }
      if (protocol != p) {
        return false;
      }
      return ports.isEmpty() || (port != null && ports.stream().anyMatch(r -> r.contains(port)));
    }
  }

  /** A port group: named lines {@code PROTO:ports}, e.g. {@code TCP:80,443,3306-10000}. */
  public record PortGroup(String id, String name, List<String> entries) {}

  /** An IP group: addresses, CIDRs and ranges such as {@code 10.0.0.1-10.0.0.100}. */
  public record IpGroup(String id, String name, List<String> entries) {}

  /** A rule as the user writes it. Exactly one of protocol/portGroup and of address/ipGroup. */
  public record RuleSpec(String direction, String protocol, String ports, String portGroup, String address,
      String ipGroup, String action, String priority, String description) {}

  /**
   * A checked, expanded rule. {@code label} names it for people ({@code group#index}); {@code group}
   * and {@code index} are its place as written, the last tie-breaker of the order.
   */
  public record Rule(String label, int group, int index, Direction direction, List<ProtocolPorts> protocols,
      List<AddressRange> addresses, Action action, Priority priority) {

    /** Addresses matched, summed over the ranges: fewer is more exact. */
    public BigInteger addressCount() {
      return addresses.stream().map(AddressRange::size).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** (protocol, port) pairs matched: fewer is more exact. */
    public long portCount() {
      return protocols.stream().mapToLong(ProtocolPorts::size).reduce(0, (a, b) -> Math.min(Long.MAX_VALUE / 2, a + b));
    }

    public boolean matches(Direction d, Protocol p, Ip remote, Integer port) {
      return direction == d && remote != null && fits(p, remote.bits())
          && protocols.stream().anyMatch(pp -> pp.matches(p, port) && fits(pp.protocol(), remote.bits()))
          && addresses.stream().anyMatch(a -> a.contains(remote));
    }
  }

  /**
   * The evaluation order (ADR 0018): priority high, medium, low; within a priority the more exact
   * rule first: fewer addresses, then fewer (protocol, port) pairs; then drop before accept; then
   * the order the rules were written in (group, then index).
   */
  public static final Comparator<Rule> ORDER = Comparator.comparing(Rule::priority)
      .thenComparing(Rule::addressCount)
      .thenComparingLong(Rule::portCount)
      .thenComparing(r -> r.action() == Action.ACCEPT)
      .thenComparingInt(Rule::group)
      .thenComparingInt(Rule::index);

  /** The shortcuts of white paper 4.2.8.2, as protocol and ports. */
  public static final Map<String, List<ProtocolPorts>> SHORTCUTS = Map.of(
      "HTTP", List.of(tcp(80, 80)),
      "HTTPS", List.of(tcp(443, 443)),
      "SSH", List.of(tcp(22, 22)),
      "RDP", List.of(tcp(3389, 3389)),
      "FTP", List.of(tcp(20, 21)),
      "PING", List.of(new ProtocolPorts(Protocol.ICMPV4, List.of()), new ProtocolPorts(Protocol.ICMPV6, List.of())),
      "OPENVPN", List.of(new ProtocolPorts(Protocol.UDP, List.of(new PortRange(1194, 1194)))),
      "PPTP", List.of(tcp(1723, 1723), new ProtocolPorts(Protocol.GRE, List.of())));

  private static ProtocolPorts tcp(int from, int to) {
    return new ProtocolPorts(Protocol.TCP, List.of(new PortRange(from, to)));
  }

  /**
   * The checked rules of one group, at position {@code group} among a NIC's groups.
   *
   * @param field the request field holding the rules, e.g. {@code rules}
   */
  public static List<Rule> check(String groupName, int group, String field, List<RuleSpec> specs,
      Map<String, PortGroup> portGroups, Map<String, IpGroup> ipGroups) {
    List<Rule> out = new ArrayList<>();
    for (int i = 0; i < (specs == null ? 0 : specs.size()); i++) {
      out.add(check(groupName + "#" + i, group, i, field + "[" + i + "]", specs.get(i), portGroups, ipGroups));
    }
    return out;
  }

  public static Rule check(String label, int group, int index, String f, RuleSpec s, Map<String, PortGroup> portGroups,
      Map<String, IpGroup> ipGroups) {
    if (s == null) {
      throw ApiException.invalid(f, "must be a rule object");
    }
    Direction dir = choice(f + ".direction", s.direction(), Direction.class, null);
    Action action = choice(f + ".action", s.action(), Action.class, null);
    Priority priority = choice(f + ".priority", s.priority(), Priority.class, Priority.MEDIUM);
    List<ProtocolPorts> protocols;
    if (s.portGroup() != null) {
      if (s.protocol() != null || s.ports() != null) {
        throw ApiException.invalid(f + ".portGroup", "cannot be given with protocol or ports (the port group names both)");
      }
      PortGroup pg = portGroups.get(s.portGroup());
      if (pg == null) {
        throw ApiException.invalid(f + ".portGroup", "port group " + s.portGroup() + " does not exist");
      }
      protocols = portGroupEntries(f + ".portGroup.entries", pg.entries());
    } else {
      protocols = protocol(f, s.protocol(), s.ports());
    }
    List<AddressRange> addresses;
    if (s.ipGroup() != null) {
      if (s.address() != null) {
        throw ApiException.invalid(f + ".ipGroup", "cannot be given with address");
      }
      IpGroup ig = ipGroups.get(s.ipGroup());
      if (ig == null) {
        throw ApiException.invalid(f + ".ipGroup", "IP group " + s.ipGroup() + " does not exist");
      }
      addresses = ipGroupEntries(f + ".ipGroup.entries", ig.entries());
    } else if (s.address() == null) {
      throw ApiException.invalid(f + ".address", "is required: an address or CIDR (0.0.0.0/0 or ::/0 for any), or give ipGroup");
    } else {
      addresses = List.of(addressOrCidr(f + ".address", s.address()));
    }
    if (protocols.stream().noneMatch(pp -> addresses.stream().anyMatch(a -> fits(pp.protocol(), a.bits())))) {
      throw ApiException.invalid(f + (s.ipGroup() != null ? ".ipGroup" : ".address"), protocols.get(0).protocol()
          + " needs " + (protocols.get(0).protocol() == Protocol.ICMPV4 ? "IPv4" : "IPv6") + " addresses");
    }
    return new Rule(label, group, index, dir, protocols, addresses, action, priority);
  }

  /** Whether the protocol exists in the address family (ICMPv4 only with IPv4, ICMPv6 only with IPv6). */
  public static boolean fits(Protocol p, int bits) {
    return !(p == Protocol.ICMPV4 && bits != 32) && !(p == Protocol.ICMPV6 && bits != 128);
  }

  private static <E extends Enum<E>> E choice(String field, String value, Class<E> type, E dflt) {
    if (value == null) {
      if (dflt != null) {
        return dflt;
      }
      throw ApiException.invalid(field, "is required, one of " + names(type));
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(field, "must be one of " + names(type) + " (got " + value + ")");
    }
  }

  private static <E extends Enum<E>> String names(Class<E> type) {
    List<String> n = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      n.add(e.name().toLowerCase(Locale.ROOT));
    }
    return String.join(", ", n);
  }

  static List<ProtocolPorts> protocol(String f, String protocol, String ports) {
    if (protocol == null) {
      throw ApiException.invalid(f + ".protocol", "is required (or give portGroup)");
    }
    String p = protocol.strip().toUpperCase(Locale.ROOT);
    List<ProtocolPorts> shortcut = SHORTCUTS.get(p);
    if (shortcut != null) {
      if (ports != null) {
        throw ApiException.invalid(f + ".ports", "cannot be given with the shortcut " + p + " (it sets its own ports)");
      }
      return shortcut;
    }
    Protocol proto;
    try {
      proto = Protocol.valueOf(p);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(f + ".protocol", "must be one of tcp, udp, icmpv4, icmpv6, gre, all or a shortcut "
          + String.join(", ", SHORTCUTS.keySet().stream().sorted().toList()).toLowerCase(Locale.ROOT) + " (got " + protocol + ")");
    }
    if (!proto.hasPorts()) {
      if (ports != null) {
        throw ApiException.invalid(f + ".ports", "must be omitted for " + proto.name().toLowerCase(Locale.ROOT)
            + " (ports exist only for tcp and udp)");
      }
      return List.of(new ProtocolPorts(proto, List.of()));
    }
    return List.of(new ProtocolPorts(proto, ports == null ? List.of() : ports(f + ".ports", ports)));
  }

  /** {@code 80}, {@code 80,443}, {@code 3306-20000} and lists of these. */
  static List<PortRange> ports(String f, String text) {
    List<PortRange> out = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String t = part.strip();
      String[] ends = t.split("-", -1);
      if (ends.length > 2 || !ends[0].strip().matches("\\d{1,6}") || (ends.length == 2 && !ends[1].strip().matches("\\d{1,6}"))) {
        throw ApiException.invalid(f, "must be ports or ranges such as 80,443,3306-10000 (got '" + t + "')");
      }
      int from = Integer.parseInt(ends[0].strip());
      int to = ends.length == 2 ? Integer.parseInt(ends[1].strip()) : from;
      if (from < 1 || from > 65535 || to < 1 || to > 65535) {
        throw ApiException.invalid(f, "ports must be between 1 and 65535 (got '" + t + "')");
      }
      if (to < from) {
        throw ApiException.invalid(f, "range " + t + " is reversed: the first port must not be above the last");
      }
      for (PortRange other : out) {
        if (from <= other.to() && other.from() <= to) {
          throw ApiException.invalid(f, "ports " + other + " and " + t + " overlap: give each port once");
        }
      }
      out.add(new PortRange(from, to));
    }
    return List.copyOf(out);
  }

  /** The entries of a port group; a bad one is a 422 naming {@code f[i]}. */
  public static List<ProtocolPorts> portGroupEntries(String f, List<String> entries) {
    if (entries == null || entries.isEmpty()) {
      throw ApiException.invalid(f, "the port group has no entries");
    }
    List<ProtocolPorts> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i) == null ? "" : entries.get(i).strip();
      int colon = e.indexOf(':');
      String proto = colon < 0 ? e : e.substring(0, colon);
      String pts = colon < 0 ? null : e.substring(colon + 1);
      String p = proto.strip().toUpperCase(Locale.ROOT);
      if (!p.equals("TCP") && !p.equals("UDP")) {
        throw ApiException.invalid(f + "[" + i + "]", "must be TCP:ports or UDP:ports, e.g. TCP:80,443,3306-10000 (got '" + e + "')");
      }
      List<ProtocolPorts> mine;
      try {
        mine = protocol(f + "[" + i + "]", p, pts);
      } catch (ApiException bad) {
        throw ApiException.invalid(f + "[" + i + "]", bad.getMessage().substring(bad.getMessage().indexOf(": ") + 2));
      }
      for (int j = 0; j < out.size(); j++) {
        ProtocolPorts other = out.get(j);
        if (other.protocol() == mine.get(0).protocol() && overlap(other.ports(), mine.get(0).ports())) {
          throw ApiException.invalid(f + "[" + i + "]", "'" + e + "' overlaps the " + other.protocol() + " ports of "
              + f + "[" + j + "]: give each port once");
        }
      }
      out.addAll(mine);
    }
    return List.copyOf(out);
  }

  /** The entries of an IP group; a bad one is a 422 naming {@code f[i]}. */
  public static List<AddressRange> ipGroupEntries(String f, List<String> entries) {
    if (entries == null || entries.isEmpty()) {
      throw ApiException.invalid(f, "the IP group has no entries");
    }
    List<AddressRange> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i) == null ? "" : entries.get(i).strip();
      String ef = f + "[" + i + "]";
      if (e.contains("-")) {
        String[] ends = e.split("-", 2);
        Ip a = IpAddresses.parse(ends[0]);
        Ip b = IpAddresses.parse(ends[1]);
        if (a == null || b == null || a.bits() != b.bits()) {
          throw ApiException.invalid(ef, "must be an address, a CIDR or a range of one family such as 10.0.0.1-10.0.0.100 (got '" + e + "')");
        }
        if (b.value().compareTo(a.value()) < 0) {
          throw ApiException.invalid(ef, "range " + e + " is reversed");
        }
        add(ef, e, new AddressRange(a.value(), b.value(), a.bits()), out, f);
      } else {
        add(ef, e, addressOrCidr(ef, e), out, f);
      }
    }
    return List.copyOf(out);
  }

  /** An IP-group entry, refused when it overlaps an earlier one (each address once). */
  private static void add(String ef, String text, AddressRange r, List<AddressRange> out, String f) {
    for (int j = 0; j < out.size(); j++) {
      AddressRange o = out.get(j);
      if (o.bits() == r.bits() && o.first().compareTo(r.last()) <= 0 && r.first().compareTo(o.last()) <= 0) {
        throw ApiException.invalid(ef, "'" + text + "' overlaps " + f + "[" + j + "] (" + o + "): give each address once");
      }
    }
    out.add(r);
  }

  /** Whether two port lists share a port; an empty list is every port. */
  private static boolean overlap(List<PortRange> a, List<PortRange> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return true;
    }
    return a.stream().anyMatch(x -> b.stream().anyMatch(y -> x.from() <= y.to() && y.from() <= x.to()));
  }

  /** {@code 120.132.69.216}, {@code 0.0.0.0/0}, {@code ::/0}, {@code FF05:B5::/60}. */
  static AddressRange addressOrCidr(String f, String text) {
    String t = text.strip();
    if (t.endsWith("/0")) {
      Ip ip = IpAddresses.parse(t.substring(0, t.length() - 2));
      if (ip != null && ip.value().signum() == 0) {
        return new AddressRange(BigInteger.ZERO, BigInteger.ONE.shiftLeft(ip.bits()).subtract(BigInteger.ONE), ip.bits());
      }
    } else if (!t.contains("/")) {
      Ip ip = IpAddresses.parse(t);
      if (ip != null) {
        return new AddressRange(ip.value(), ip.value(), ip.bits());
      }
    } else {
      Cidr c = Cidr.parse(t);
      if (c != null) {
        return new AddressRange(c.first(), c.last(), c.bits());
      }
    }
    throw ApiException.invalid(f, "must be an IPv4 or IPv6 address or CIDR with zero host bits, e.g. 10.0.0.0/24, "
        + "0.0.0.0/0 or ::/0 (got '" + text + "')");
  }

  /** The rules of a NIC's groups (in the order the groups are attached), in evaluation order. */
  public static List<Rule> ordered(List<List<Rule>> groups) {
    List<Rule> all = new ArrayList<>();
    groups.forEach(all::addAll);
    all.sort(ORDER);
    return List.copyOf(all);
  }
}
