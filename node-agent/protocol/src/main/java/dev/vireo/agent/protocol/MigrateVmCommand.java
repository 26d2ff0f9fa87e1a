package dev.vireo.agent.protocol;

/**
 * Live-migrates a running domain from this node to the libvirt at {@code destinationUri}
 * ({@code qemu+tcp://<destination management address>/system}): live, peer-to-peer, persistent on
 * the destination, undefined on this node, auto-converge. Idempotent by target state: a domain that
 * already runs on the destination and is gone here counts as migrated. {@code maxDowntimeMillis}
 * (null: QEMU's default, 300 ms) bounds the final pause. Replies {@link MigrationReply}.
 */
public record MigrateVmCommand(String domainName, String destinationUri, Long maxDowntimeMillis)
    implements AgentCommand {}
