package dev.vireo.agent.network;

import dev.vireo.agent.command.CommandFailedException;
import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The files of one network's dnsmasq on one node (ADR 0017): DHCP only ({@code port=0}), bound to
 * the network's OVS internal port, answering only the MACs in its hosts file
 * ({@code dhcp-ignore=tag:!known}), each with its IPAM address; gateway (option 3), DNS servers
 * (option 6) and the network's routes as classless static routes (option 121, RFC 3442 — which
 * makes clients ignore option 3, so the default route via the gateway is repeated there).
 * Everything that goes into a file is validated first: a value cannot add a line.
 */
public final class DnsmasqConfig {
  private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");
  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern CIDR4 = Pattern.compile(IPV4.pattern() + "/([0-9]|[12][0-9]|3[0-2])");
  /** Lease time: short enough that a changed route reaches a guest that missed the live push. */
  static final String LEASE_TIME = "1h";

  /** A VM NIC this node's dnsmasq answers: its MAC, IPAM address and hostname. */
  public record Host(String mac, String ipv4, String hostname) {}

  /**
   * One network's DHCP service on this node.
   *
   * @param address this node's own address in the subnet (allocated through IPAM), on {@code iface}
   * @param subnet the network's IPv4 subnet (CIDR)
   * @param gateway null: no router option and no default route
   */
  public record Spec(String networkId, String address, String subnet, String gateway, List<String> dnsServers,
      List<SeedRoute> routes) {}

  private DnsmasqConfig() {}

  /** The OVS internal port's name: {@code vd-} and 12 hex digits of the network id's SHA-256 (15 characters). */
  public static String interfaceName(String networkId) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(networkId.getBytes(StandardCharsets.UTF_8));
      return "vd-" + HexFormat.of().formatHex(d).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The dnsmasq configuration file. */
  public static String config(Spec s, Path hostsFile, Path pidFile, Path leaseFile) {
    if (s.networkId() == null || s.networkId().isBlank() || s.networkId().chars().anyMatch(Character::isISOControl)) {
      throw invalid("networkId must be non-blank without control characters");
    }
    ipv4("address", s.address());
    Cidr4 subnet = cidr("subnet", s.subnet());
    if (!subnet.contains(s.address())) {
      throw invalid("address " + s.address() + " is not in subnet " + s.subnet());
    }
    StringBuilder b = new StringBuilder();
    b.append("# Vireo agent: DHCP of network ").append(s.networkId()).append(" on this node; generated, do not edit\n");
    b.append("port=0\n");
    b.append("interface=").append(interfaceName(s.networkId())).append('\n');
    b.append("bind-interfaces\n");
    b.append("except-interface=lo\n");
    b.append("dhcp-authoritative\n");
    b.append("dhcp-range=").append(subnet.network()).append(",static,").append(subnet.netmask()).append(',')
        .append(LEASE_TIME).append('\n');
    b.append("dhcp-hostsfile=").append(path(hostsFile)).append('\n');
    b.append("dhcp-ignore=tag:!known\n");
    b.append("dhcp-leasefile=").append(path(leaseFile)).append('\n');
    b.append("pid-file=").append(path(pidFile)).append('\n');
    if (s.gateway() != null) {
      ipv4("gateway", s.gateway());
      b.append("dhcp-option=option:router,").append(s.gateway()).append('\n');
    } else {
      b.append("dhcp-option=option:router\n");
    }
    List<String> dns = s.dnsServers() == null ? List.of() : s.dnsServers().stream().filter(d -> !d.contains(":")).toList();
    for (String d : dns) {
      ipv4("dns server", d);
    }
    if (!dns.isEmpty()) {
      b.append("dhcp-option=option:dns-server,").append(String.join(",", dns)).append('\n');
    }
    StringBuilder routes = new StringBuilder();
    for (SeedRoute r : s.routes() == null ? List.<SeedRoute>of() : s.routes()) {
      if (r.to().contains(":")) {
        continue; // IPv6 routes are not DHCPv4's
      }
      cidr("route destination", r.to());
      ipv4("route next hop", r.via());
      routes.append(',').append(r.to()).append(',').append(r.via());
    }
    if (!routes.isEmpty()) {
      if (s.gateway() != null) {
        routes.append(",0.0.0.0/0,").append(s.gateway());
      }
      b.append("dhcp-option=option:classless-static-route").append(routes).append('\n');
    }
    return b.toString();
  }

  /** The hosts file ({@code dhcp-hostsfile}: {@code MAC,IP,hostname} a line), MACs lower case, sorted. */
  public static String hostsFile(List<Host> hosts) {
    StringBuilder b = new StringBuilder();
    hosts.stream().sorted(java.util.Comparator.comparing(h -> h.mac().toLowerCase(Locale.ROOT))).forEach(h -> {
      if (h.mac() == null || !MAC.matcher(h.mac()).matches()) {
        throw invalid("host MAC must be six hex pairs separated by ':', got " + h.mac());
      }
      ipv4("host address", h.ipv4());
      b.append(h.mac().toLowerCase(Locale.ROOT)).append(',').append(h.ipv4());
      if (h.hostname() != null) {
        if (!HOSTNAME.matcher(h.hostname()).matches()) {
          throw invalid("host name must be an RFC 1123 label, got " + h.hostname());
        }
        b.append(',').append(h.hostname());
      }
      b.append('\n');
    });
    return b.toString();
  }

  private static String path(Path p) {
    String s = p.toAbsolutePath().toString();
    if (s.chars().anyMatch(c -> Character.isISOControl(c) || c == ',')) {
      throw invalid("file path must not hold control characters or commas: " + s);
    }
    return s;
  }

  private static void ipv4(String what, String v) {
    if (v == null || !IPV4.matcher(v).matches()) {
      throw invalid(what + " must be an IPv4 address, got " + v);
    }
  }

  private static Cidr4 cidr(String what, String v) {
    if (v == null || !CIDR4.matcher(v).matches()) {
      throw invalid(what + " must be an IPv4 CIDR, got " + v);
    }
    int slash = v.indexOf('/');
    return new Cidr4(toInt(v.substring(0, slash)), Integer.parseInt(v.substring(slash + 1)));
  }

  private static CommandFailedException invalid(String message) {
    return new CommandFailedException("INVALID_COMMAND", message);
  }

  static int toInt(String ip) {
    String[] p = ip.split("\\.");
    return (Integer.parseInt(p[0]) << 24) | (Integer.parseInt(p[1]) << 16) | (Integer.parseInt(p[2]) << 8)
        | Integer.parseInt(p[3]);
  }

  static String toIp(int v) {
    return ((v >>> 24) & 255) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
  }

  private record Cidr4(int base, int prefix) {
    int mask() {
      return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    String network() {
      return toIp(base & mask());
    }

    String netmask() {
      return toIp(mask());
    }

    boolean contains(String ip) {
      return (toInt(ip) & mask()) == (base & mask());
    }
  }
}
