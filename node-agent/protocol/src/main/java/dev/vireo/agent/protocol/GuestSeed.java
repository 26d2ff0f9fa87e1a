package dev.vireo.agent.protocol;

import java.util.List;

/**
 * Guest customisation delivered as a NoCloud seed (ADR 0015): a small read-only vfat disk labelled
 * {@code cidata} with {@code meta-data} (instance id, {@code local-hostname}), {@code
 * network-config} (version 2: per NIC, matched by MAC, its static addresses, gateways,
 * nameservers and routes) and {@code user-data} ({@code #cloud-config} with the initial password,
 * already hashed with SHA-512 crypt by the server, or null). The agent writes it next to the VM's
 * disk as {@code seed.img} and attaches it; null in {@link VmDefinition}: no seed.
 */
public record GuestSeed(
    String instanceId,
    String hostname,
    List<SeedNic> nics,
    List<String> dnsServers,
    String passwordHash) {

  /** A NIC's static configuration: CIDR addresses (e.g. 10.0.0.5/24, fd00::5/64), gateways and routes. */
  public record SeedNic(String mac, List<String> addresses, String gateway4, String gateway6, List<SeedRoute> routes) {}

  /** A custom route (white paper N3): destination CIDR via a next hop. */
  public record SeedRoute(String to, String via) {}
}
