package dev.vireo.agent.protocol;

import java.util.List;

/**
 * Sets the security-group filtering of NICs on this node (ADR 0018). Each of {@code filters}
 * replaces what the node had for that MAC (atomically, one OpenFlow bundle per bridge); the MACs in
 * {@code remove} lose their filtering. The node keeps the wanted state across agent restarts and
 * applies a filter as soon as the NIC's tap appears (a VM starting or migrating in): the server
 * sends this before a VM is defined, started or migrated onto the node, and whenever rules change.
 * A change that narrows what a NIC allowed also ends that NIC's tracked connections. The node
 * chooses each NIC's conntrack zone (and so its flow cookie) itself; a VM that is undefined,
 * forgotten or migrated away loses its NICs' filters on that node without a {@code remove}. A MAC
 * may not be both in {@code filters} and in {@code remove}. Replies {@link NicFiltersReply}.
 */
public record ApplyNicFiltersCommand(List<NicFilter> filters, List<String> remove) implements AgentCommand {}
