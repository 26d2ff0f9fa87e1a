package dev.vireo.agent.protocol;

/**
 * One virtual NIC of a VM on a flat network (ADR 0015): a virtio interface with this MAC on the
 * node's Open vSwitch bridge that holds the network's {@code uplink} device, tagged with
 * {@code vlanId} (null: untagged). The agent resolves the bridge on its own node (the uplink's
 * bridge), so the server never needs to know bridge names.
 */
public record NicDefinition(String mac, String networkId, String uplink, Integer vlanId) {}
