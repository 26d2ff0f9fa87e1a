package dev.vireo.server.network;

import dev.vireo.agent.protocol.GuestSeed;
import dev.vireo.agent.protocol.GuestSeed.SeedNic;
import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import dev.vireo.agent.protocol.NicDefinition;
import dev.vireo.api.model.Network;
import dev.vireo.api.model.NetworkRoute;
import dev.vireo.api.model.VmNic;
import java.util.ArrayList;
import java.util.List;

/**
 * What a VM's domain needs of its networks: a {@link NicDefinition} per NIC (uplink and VLAN of
 * its network) and the NoCloud {@link GuestSeed}: hostname, static addresses with the subnet's
 * prefix, gateways, the network's routes, DNS servers (the VM's own, else its first network's,
 * else 114.114.114.114, white paper 4.2.14) and the password hash.
 */
public final class GuestSeeds {
  private final NetworkStore networks;
  private final Ipam ipam;

  public GuestSeeds(NetworkStore networks, Ipam ipam) {
    this.networks = networks;
    this.ipam = ipam;
  }

  /** The VM's NICs and seed. */
  public record Parts(List<NicDefinition> nics, GuestSeed seed) {}

  /**
   * @param hostname null for a VM created before networks existed: no NICs or seed then
   * @param dnsServers the VM's own DNS servers, or empty
   */
  public Parts of(String vmId, String hostname, List<String> dnsServers, String passwordHash) {
    if (hostname == null) {
      return new Parts(List.of(), null);
    }
    List<NicDefinition> defs = new ArrayList<>();
    List<SeedNic> seedNics = new ArrayList<>();
    List<String> networkDns = null;
    for (VmNic nic : ipam.nicsOf(vmId)) {
      Network n = networks.get(nic.networkId()).orElseThrow(() -> new IllegalStateException(
          "network " + nic.networkId() + " of VM " + vmId + " is missing"));
      if (networkDns == null) {
        networkDns = n.dnsServers();
      }
      defs.add(new NicDefinition(nic.mac(), n.id(), n.uplink(), n.vlanId()));
      if (n.dhcp()) {
        // DHCP network (ADR 0017): no static address, gateway or routes in the seed — the guest runs
        // DHCP and its node's dnsmasq hands out the IPAM address, gateway, DNS and routes (option 121)
        seedNics.add(new SeedNic(nic.mac(), List.of(), null, null, List.of()));
        continue;
      }
      List<String> addresses = new ArrayList<>();
      if (nic.ipv4Address() != null) {
        addresses.add(Cidr.parse(n.ipv4Subnet()).withPrefix(nic.ipv4Address()));
      }
      if (nic.ipv6Address() != null) {
        addresses.add(Cidr.parse(n.ipv6Subnet()).withPrefix(nic.ipv6Address()));
      }
      List<SeedRoute> routes = new ArrayList<>();
      for (NetworkRoute r : n.routes()) {
        routes.add(new SeedRoute(r.destination(), r.nextHop()));
      }
      seedNics.add(new SeedNic(nic.mac(), addresses, n.ipv4Gateway(), n.ipv6Gateway(), routes));
    }
    List<String> dns = dnsServers != null && !dnsServers.isEmpty() ? dnsServers
        : networkDns != null ? networkDns : List.of(NetworkRules.DEFAULT_DNS);
    return new Parts(defs, new GuestSeed(vmId, hostname, seedNics, dns, passwordHash));
  }
}
