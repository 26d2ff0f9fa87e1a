package dev.vireo.server.network;

import dev.vireo.api.model.Network;
import dev.vireo.api.model.VmNic;
import dev.vireo.api.model.VmNicRequest;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.network.IpAddresses.Ip;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * IP address management (white paper 4.2.7/4.2.8, ADR 0016) and VM NICs. Addresses and MACs are
 * handed out inside the transaction that records the VM; the primary key of {@code ip_allocations}
 * and the unique MAC of {@code vm_nics} refuse a second holder even when two creates race, and the
 * loser retries the whole transaction (see {@link #lostRace}).
 */
public final class Ipam {
  public static final int MAX_NICS = 8;
  private final Jdbi jdbi;
  private final NetworkStore networks;

  public Ipam(Jdbi jdbi, NetworkStore networks) {
    this.jdbi = jdbi;
    this.networks = networks;
  }

  /** Checks the NIC requests of a VM to create in {@code clusterId} (422 naming the field). */
  public List<PlannedNic> plan(String clusterId, List<VmNicRequest> requests) {
    if (requests == null) {
      return List.of();
    }
    if (requests.size() > MAX_NICS) {
      throw ApiException.invalid("nics", "at most " + MAX_NICS + " NICs (got " + requests.size() + ")");
    }
    List<PlannedNic> out = new ArrayList<>();
    Set<String> macs = new HashSet<>();
    for (int i = 0; i < requests.size(); i++) {
      VmNicRequest r = requests.get(i);
      String field = "nics[" + i + "]";
      if (r == null || r.network() == null || r.network().isBlank()) {
        throw ApiException.invalid(field + ".network", "is required (a network id or name)");
      }
      Network n = networks.resolve(r.network()).orElseThrow(() -> ApiException.invalid(field + ".network",
          "unknown network '" + r.network() + "'"));
      if (!n.clusterId().equals(clusterId)) {
        throw ApiException.invalid(field + ".network", "network " + n.name() + " is in another cluster than the VM");
      }
      String ip = null;
      if (r.ipv4Address() != null && !r.ipv4Address().isBlank()) {
        Ip parsed = IpAddresses.parse(r.ipv4Address());
        if (parsed == null || !parsed.isV4()) {
          throw ApiException.invalid(field + ".ipv4Address", "'" + r.ipv4Address() + "' is not an IPv4 address");
        }
        if (!inRange(parsed, n.ipv4RangeStart(), n.ipv4RangeEnd()) || parsed.toString().equals(n.ipv4Gateway())) {
          throw ApiException.invalid(field + ".ipv4Address", parsed + " is outside the allocation range "
              + n.ipv4RangeStart() + " - " + n.ipv4RangeEnd() + " of network " + n.name() + " (" + n.ipv4Subnet() + ")");
        }
        ip = parsed.toString();
      }
      String mac = null;
      if (r.macAddress() != null && !r.macAddress().isBlank()) {
        mac = MacAddresses.normalize(r.macAddress());
        if (mac == null) {
          throw ApiException.invalid(field + ".macAddress", "'" + r.macAddress()
              + "' is not a unicast MAC address (six hex pairs, e.g. 52:54:00:12:34:56, first octet even)");
        }
        if (!macs.add(mac)) {
          throw ApiException.invalid(field + ".macAddress", mac + " is given twice");
        }
      }
      out.add(new PlannedNic(n, ip, mac));
    }
    return out;
  }

  /** Records the VM's NICs with their MACs and addresses, inside the VM's create transaction. */
  public List<VmNic> allocate(Handle h, String vmId, List<PlannedNic> plan) {
    List<VmNic> nics = new ArrayList<>();
    Set<String> macsHere = new HashSet<>();
    for (int i = 0; i < plan.size(); i++) {
      PlannedNic p = plan.get(i);
      Network n = networks.get(h, p.network().id()).orElseThrow(() -> ApiException.conflict("network "
          + p.network().name() + " was deleted meanwhile"));
      String mac = p.mac() == null ? freeMac(h, macsHere) : p.mac();
      if (p.mac() != null && macTaken(h, mac)) {
        String field = "nics[" + i + "].macAddress";
        throw new ApiException(409, "conflict", field, field + ": MAC address " + mac
            + " is already used by another VM (a MAC is unique on the platform)");
      }
      macsHere.add(mac);
      String v4 = p.ipv4Address();
      if (v4 != null) {
        if (taken(h, n.id()).contains(v4)) {
          throw ApiException.conflict("address " + v4 + " of network " + n.name() + " is already allocated");
        }
      } else {
        v4 = firstFree(h, n, n.ipv4RangeStart(), n.ipv4RangeEnd(), n.ipv4Gateway());
      }
      hold(h, n.id(), v4, vmId);
      String v6 = null;
      if (n.ipv6Subnet() != null) {
        v6 = firstFree(h, n, n.ipv6RangeStart(), n.ipv6RangeEnd(), n.ipv6Gateway());
        hold(h, n.id(), v6, vmId);
      }
      h.createUpdate("INSERT INTO vm_nics (vm_id, nic_index, network_id, mac, ipv4_address, ipv6_address)"
              + " VALUES (:vm, :i, :n, :mac, :v4, :v6)")
          .bind("vm", vmId).bind("i", i).bind("n", n.id()).bind("mac", mac).bind("v4", v4).bind("v6", v6).execute();
      nics.add(new VmNic(n.id(), mac, v4, v6, List.of())); // its security groups are recorded next (ADR 0018)
    }
    return nics;
  }

  /**
   * Gives the VM's NIC {@code index} a new MAC inside the caller's transaction; returns the old
   * one. 404 for no such NIC, 409 when another NIC already has the MAC.
   */
  public static String changeMac(Handle h, String vmId, int index, String mac) {
    String old = h.createQuery("SELECT mac FROM vm_nics WHERE vm_id = :v AND nic_index = :i").bind("v", vmId)
        .bind("i", index).mapTo(String.class).findOne()
        .orElseThrow(() -> ApiException.notFound("NIC", vmId + "/" + index));
    if (!old.equals(mac) && macTaken(h, mac)) {
      throw new ApiException(409, "conflict", "macAddress", "macAddress: MAC address " + mac
          + " is already used by a VM (a MAC is unique on the platform)");
    }
    h.createUpdate("UPDATE vm_nics SET mac = :m WHERE vm_id = :v AND nic_index = :i").bind("m", mac)
        .bind("v", vmId).bind("i", index).execute();
    return old;
  }

  /** Puts a NIC's previous MAC back (its change failed on the node). */
  public void restoreMac(String vmId, int index, String mac) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE vm_nics SET mac = :m WHERE vm_id = :v AND nic_index = :i")
        .bind("m", mac).bind("v", vmId).bind("i", index).execute());
  }

  /**
   * The address of {@code nodeId}'s DHCP server on a network (ADR 0017): the node's allocation, or
   * the first free address of the range taken for it now (retried when a concurrent allocation wins).
   */
  public String nodeAddress(String networkId, String nodeId) {
    for (int attempt = 0; ; attempt++) {
      try {
        return jdbi.inTransaction(h -> {
          java.util.Optional<String> held = h.createQuery(
                  "SELECT address FROM ip_allocations WHERE network_id = :n AND node_id = :node AND vm_id IS NULL")
              .bind("n", networkId).bind("node", nodeId).mapTo(String.class).findFirst();
          if (held.isPresent()) {
            return held.get();
          }
          Network n = networks.get(h, networkId).orElseThrow(() -> ApiException.conflict("network " + networkId
              + " was deleted meanwhile"));
          String a = firstFree(h, n, n.ipv4RangeStart(), n.ipv4RangeEnd(), n.ipv4Gateway());
          h.createUpdate("INSERT INTO ip_allocations (network_id, address, node_id) VALUES (:n, :a, :node)")
              .bind("n", networkId).bind("a", a).bind("node", nodeId).execute();
          return a;
        });
      } catch (RuntimeException e) {
        if (attempt >= 5 || !lostRace(e)) {
          throw e;
        }
      }
    }
  }

  /** Frees the VM's addresses and MACs (VM deleted, or its create failed). */
  public void release(String vmId) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM ip_allocations WHERE vm_id = :v").bind("v", vmId).execute();
      h.createUpdate("DELETE FROM vm_nic_security_groups WHERE vm_id = :v").bind("v", vmId).execute();
      h.createUpdate("DELETE FROM vm_nics WHERE vm_id = :v").bind("v", vmId).execute();
    });
  }

  /** The NICs of these VMs, in guest order. */
  public static Map<String, List<VmNic>> nicsOf(Handle h, List<String> vmIds) {
    Map<String, List<VmNic>> out = new HashMap<>();
    if (vmIds.isEmpty()) {
      return out;
    }
    Map<String, List<String>> groups = new HashMap<>(); // "vm/index" -> security group ids in order
    h.createQuery("SELECT vm_id, nic_index, security_group_id FROM vm_nic_security_groups WHERE vm_id IN (<ids>)"
            + " ORDER BY vm_id, nic_index, place").bindList("ids", vmIds)
        .map((rs, c) -> Map.entry(rs.getString(1) + "/" + rs.getInt(2), rs.getString(3)))
        .forEach(e -> groups.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    h.createQuery("SELECT * FROM vm_nics WHERE vm_id IN (<ids>) ORDER BY vm_id, nic_index").bindList("ids", vmIds)
        .map((rs, c) -> Map.entry(rs.getString("vm_id"), new VmNic(rs.getString("network_id"), rs.getString("mac"),
            rs.getString("ipv4_address"), rs.getString("ipv6_address"),
            List.copyOf(groups.getOrDefault(rs.getString("vm_id") + "/" + rs.getInt("nic_index"), List.of())))))
        .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return out;
  }

  public List<VmNic> nicsOf(String vmId) {
    return jdbi.withHandle(h -> nicsOf(h, List.of(vmId)).getOrDefault(vmId, List.of()));
  }

  /**
   * Whether a transaction failed only because a concurrent one took the same address or MAC first
   * (unique key, 23xxx) or MVCC picked it as the loser (40001): retrying it sees the winner's rows.
   */
  public static boolean lostRace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("23") || s.getSQLState().startsWith("40"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean inRange(Ip ip, String start, String end) {
    return ip.value().compareTo(IpAddresses.parse(start).value()) >= 0
        && ip.value().compareTo(IpAddresses.parse(end).value()) <= 0;
  }

  private static Set<String> taken(Handle h, String networkId) {
    return new HashSet<>(h.createQuery("SELECT address FROM ip_allocations WHERE network_id = :n")
        .bind("n", networkId).mapTo(String.class).list());
  }

  private static String firstFree(Handle h, Network n, String start, String end, String gateway) {
    Set<String> taken = taken(h, n.id());
    Ip from = IpAddresses.parse(start);
    BigInteger last = IpAddresses.parse(end).value();
    for (BigInteger a = from.value(); a.compareTo(last) <= 0; a = a.add(BigInteger.ONE)) {
      String text = IpAddresses.format(a, from.bits());
      if (!taken.contains(text) && !text.equals(gateway)) {
        return text;
      }
    }
    throw ApiException.conflict("no free address in network " + n.name() + " (range " + start + " - " + end
        + " is fully allocated)");
  }

  private static void hold(Handle h, String networkId, String address, String vmId) {
    h.createUpdate("INSERT INTO ip_allocations (network_id, address, vm_id) VALUES (:n, :a, :v)")
        .bind("n", networkId).bind("a", address).bind("v", vmId).execute();
  }

  private static boolean macTaken(Handle h, String mac) {
    return h.createQuery("SELECT COUNT(*) FROM vm_nics WHERE mac = :m").bind("m", mac).mapTo(Integer.class).one() > 0;
  }

  private static String freeMac(Handle h, Set<String> alsoTaken) {
    for (int attempt = 0; attempt < 100; attempt++) {
      String mac = MacAddresses.random();
      if (!alsoTaken.contains(mac) && !macTaken(h, mac)) {
        return mac;
      }
    }
    throw ApiException.conflict("could not find a free MAC address in 52:54:00:xx:xx:xx");
  }
}
