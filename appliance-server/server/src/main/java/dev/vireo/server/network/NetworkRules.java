package dev.vireo.server.network;

import dev.vireo.api.model.CreateNetworkRequest;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.inventory.Names;
import dev.vireo.server.network.IpAddresses.Ip;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a network request and fills its defaults (white paper 3.3, 4.2.14). Every rule failing is
 * a 422 naming the field; rules against other networks (names, VLAN, overlap) are in
 * {@link NetworkRoutes}.
 */
public final class NetworkRules {
  /** White paper 4.2.14: a VM's DNS server unless the user gives up to two of their own. */
  public static final String DEFAULT_DNS = "114.114.114.114";
  public static final int MAX_DNS = 2;
  public static final int MAX_ROUTES = 32;
  /** A Linux interface name: 1-15 characters, no '/', whitespace or ':' (IFNAMSIZ is 16 with the NUL). */
  private static final Pattern UPLINK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,14}");

  private NetworkRules() {}

  /** The network the request describes, with defaults, not yet checked against other networks. */
  public static Network check(String id, String clusterId, CreateNetworkRequest req) {
    String name = Names.require("name", req.name());
    if (req.uplink() == null || !UPLINK.matcher(req.uplink()).matches()) {
      throw ApiException.invalid("uplink", "must be a node network device name (1-15 letters, digits, '.', '_'"
          + " or '-', starting with a letter or digit), e.g. trunk0 or bond0");
    }
    if (req.vlanId() != null && (req.vlanId() < 1 || req.vlanId() > 4094)) {
      throw ApiException.invalid("vlanId", "must be between 1 and 4094, or omitted for an untagged network (got "
          + req.vlanId() + ")");
    }
    Cidr v4 = subnet("ipv4Subnet", req.ipv4Subnet(), true);
    if (v4 == null) {
      throw ApiException.invalid("ipv4Subnet", "is required (a CIDR such as 192.168.10.0/24)");
    }
    String gw4 = gateway("ipv4Gateway", req.ipv4Gateway(), v4);
    BigInteger[] range4 = range("ipv4Range", req.ipv4RangeStart(), req.ipv4RangeEnd(), v4, gw4);
    Cidr v6 = subnet("ipv6Subnet", req.ipv6Subnet(), false);
    String gw6 = null;
    BigInteger[] range6 = null;
    if (v6 == null) {
      if (req.ipv6Gateway() != null || req.ipv6RangeStart() != null || req.ipv6RangeEnd() != null) {
        throw ApiException.invalid("ipv6Subnet", "is required with an IPv6 gateway or range");
      }
    } else {
      gw6 = gateway("ipv6Gateway", req.ipv6Gateway(), v6);
      range6 = range("ipv6Range", req.ipv6RangeStart(), req.ipv6RangeEnd(), v6, gw6);
    }
    List<String> dns = dnsServers("dnsServers", req.dnsServers());
    List<NetworkRoute> routes = routes(req.routes(), v4, v6);
    return new Network(id, name, clusterId, req.uplink(), req.vlanId(), v4.toString(), gw4,
        IpAddresses.format(range4[0], 32), IpAddresses.format(range4[1], 32), v6 == null ? null : v6.toString(), gw6,
        range6 == null ? null : IpAddresses.format(range6[0], 128),
        range6 == null ? null : IpAddresses.format(range6[1], 128),
        dns.isEmpty() ? List.of(DEFAULT_DNS) : dns, req.dhcp() != null && req.dhcp(), routes, 0, Instant.now());
  }

  /** 0-2 DNS server addresses, IPv4 or IPv6, without repeats. */
  public static List<String> dnsServers(String field, List<String> given) {
    if (given == null) {
      return List.of();
    }
    if (given.size() > MAX_DNS) {
      throw ApiException.invalid(field, "at most " + MAX_DNS + " DNS servers (got " + given.size() + ")");
    }
    List<String> out = new ArrayList<>();
    for (String s : given) {
      Ip ip = IpAddresses.parse(s);
      if (ip == null) {
        throw ApiException.invalid(field, "'" + s + "' is not an IP address");
      }
      if (!out.contains(ip.toString())) {
        out.add(ip.toString());
      }
    }
    return out;
  }

  private static Cidr subnet(String field, String text, boolean v4) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Cidr c = Cidr.parse(text);
    if (c == null || c.isV4() != v4) {
      throw ApiException.invalid(field, "'" + text + "' is not an " + (v4 ? "IPv4" : "IPv6")
          + " CIDR with zero host bits (e.g. " + (v4 ? "192.168.10.0/24" : "fd00:10::/64") + ")");
    }
    if (v4 && c.prefix() > 30) {
      throw ApiException.invalid(field, "must be /30 or larger to hold a gateway and hosts (got /" + c.prefix() + ")");
    }
    if (!v4 && c.prefix() > 126) {
      throw ApiException.invalid(field, "must be /126 or larger (got /" + c.prefix() + ")");
    }
    return c;
  }

  private static String gateway(String field, String text, Cidr subnet) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Ip ip = IpAddresses.parse(text);
    if (ip == null || ip.bits() != subnet.bits()) {
      throw ApiException.invalid(field, "'" + text + "' is not an " + (subnet.isV4() ? "IPv4" : "IPv6") + " address");
    }
    if (!subnet.usable(ip)) {
      throw ApiException.invalid(field, ip + " is not a usable address of " + subnet
          + " (outside it, or its network or broadcast address)");
    }
    return ip.toString();
  }

  private static BigInteger[] range(String field, String start, String end, Cidr subnet, String gateway) {
    BigInteger from = subnet.firstUsable();
    BigInteger to = subnet.lastUsable();
    if (start != null && !start.isBlank()) {
      from = rangeEnd(field + "Start", start, subnet);
    } else if (gateway != null && IpAddresses.parse(gateway).value().equals(from)) {
      from = from.add(BigInteger.ONE); // the usual x.x.x.1 gateway: start after it
    }
    if (end != null && !end.isBlank()) {
      to = rangeEnd(field + "End", end, subnet);
    } else if (gateway != null && IpAddresses.parse(gateway).value().equals(to)) {
      to = to.subtract(BigInteger.ONE);
    }
    if (from.compareTo(to) > 0) {
      throw ApiException.invalid(field + "Start", "the range " + IpAddresses.format(from, subnet.bits()) + " - "
          + IpAddresses.format(to, subnet.bits()) + " is empty (start after end)");
    }
    return new BigInteger[] {from, to};
  }

  private static BigInteger rangeEnd(String field, String text, Cidr subnet) {
    Ip ip = IpAddresses.parse(text);
    if (ip == null || !subnet.usable(ip)) {
      throw ApiException.invalid(field, "'" + text + "' is not a usable address of " + subnet);
    }
    return ip.value();
  }

  /** New routes for an existing network, checked as at create (422 naming routes.*). */
  public static List<NetworkRoute> routes(Network n, List<NetworkRoute> given) {
    if (given == null) {
      throw ApiException.invalid("routes", "is required (a list of {destination, nextHop}; [] removes every route)");
    }
    return routes(given, Cidr.parse(n.ipv4Subnet()), n.ipv6Subnet() == null ? null : Cidr.parse(n.ipv6Subnet()));
  }

  private static List<NetworkRoute> routes(List<NetworkRoute> given, Cidr v4, Cidr v6) {
    if (given == null) {
      return List.of();
    }
    if (given.size() > MAX_ROUTES) {
      throw ApiException.invalid("routes", "at most " + MAX_ROUTES + " routes (got " + given.size() + ")");
    }
    List<NetworkRoute> out = new ArrayList<>();
    for (NetworkRoute r : given) {
      Cidr dest = r == null ? null : Cidr.parse(r.destination());
      if (dest == null) {
        throw ApiException.invalid("routes.destination", "'" + (r == null ? null : r.destination())
            + "' is not a CIDR with zero host bits (e.g. 10.20.0.0/16)");
      }
      Ip hop = IpAddresses.parse(r.nextHop());
      Cidr own = dest.isV4() ? v4 : v6;
      if (hop == null || own == null || !own.usable(hop)) {
        throw ApiException.invalid("routes.nextHop", "'" + r.nextHop() + "' (route to " + dest
            + ") must be a usable address of the network's " + (dest.isV4() ? "IPv4" : "IPv6") + " subnet");
      }
      out.add(new NetworkRoute(dest.toString(), hop.toString()));
    }
    return out;
  }
}
