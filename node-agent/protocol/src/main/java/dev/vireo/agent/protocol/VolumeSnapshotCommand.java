package dev.vireo.agent.protocol;

/**
 * Creates, deletes or reverts to the qcow2 internal snapshot {@code snapshot} of the data volume at
 * {@code path} ({@code <storagePath>/disks/<diskId>.qcow2}), ADR 0025. CREATE and DELETE may be
 * sent for a volume a running domain {@code domainName} has open (done live, crash-consistent);
 * REVERT only for a volume no domain runs on. Idempotent: an existing snapshot of that name counts
 * as created, an absent one as deleted. Replies {@link VolumeReply}.
 */
public record VolumeSnapshotCommand(Action action, String diskId, String storagePath, String path,
    String snapshot, String domainName) implements AgentCommand {

  /** What to do with the snapshot. */
  public enum Action { CREATE, DELETE, REVERT }
}
