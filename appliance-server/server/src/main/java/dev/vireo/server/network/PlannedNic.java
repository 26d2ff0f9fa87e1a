package dev.vireo.server.network;

import dev.vireo.api.model.Network;

/** A checked NIC request: its network, and the IPv4 address and MAC asked for (null: allocate). */
public record PlannedNic(Network network, String ipv4Address, String mac) {}
