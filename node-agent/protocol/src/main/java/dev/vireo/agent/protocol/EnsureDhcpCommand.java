package dev.vireo.agent.protocol;

import dev.vireo.agent.protocol.GuestSeed.SeedRoute;
import java.util.List;

/**
 * Runs (or updates) this node's dnsmasq for a flat network with {@code dhcp} (ADR 0017): an OVS
 * internal port on the uplink's bridge, tagged {@code vlanId}, with this node's own {@code address}
 * (allocated through IPAM, prefix of {@code subnet}); it answers only {@code hosts} — the NICs on
 * this network of the VMs defined on this node — with their IPAM address, the gateway (option 3),
 * DNS servers (option 6) and the routes (option 121). Idempotent: the full target state each time;
 * a changed host list is a SIGHUP, changed options a restart. The agent remembers it and re-creates
 * it when it starts, and restarts a dnsmasq that died. Replies {@link NetworkReply} (bridge: the
 * internal port's name).
 */
public record EnsureDhcpCommand(String networkId, String uplink, Integer vlanId, String address, String subnet,
    String gateway, List<String> dnsServers, List<SeedRoute> routes, List<DhcpHost> hosts) implements AgentCommand {

  /** A VM NIC the node's dnsmasq answers. */
  public record DhcpHost(String mac, String ipv4, String hostname) {}
}
