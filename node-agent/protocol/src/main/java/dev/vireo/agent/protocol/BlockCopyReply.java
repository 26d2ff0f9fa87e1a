package dev.vireo.agent.protocol;

/**
 * Reply to {@link QueryBlockCopyCommand}: whether a copy job runs on the disk, and libvirt's
 * figures for it ({@code cur} of {@code end} bytes; they are equal once the mirror is ready).
 */
public record BlockCopyReply(String domainName, String target, boolean active, long cur, long end)
    implements AgentReply {
  /** Whole percent done, 0..100 (0 while {@code end} is unknown). */
  public int percent() {
    if (end <= 0) {
      return 0;
    }
    return (int) Math.min(100, Math.max(0, cur * 100 / end));
  }
}
