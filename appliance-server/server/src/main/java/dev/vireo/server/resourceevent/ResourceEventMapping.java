package dev.vireo.server.resourceevent;

import static dev.vireo.api.model.ResourceEventLevel.ERROR;
import static dev.vireo.api.model.ResourceEventLevel.NORMAL;
import static dev.vireo.api.model.ResourceEventLevel.WARNING;
import static java.util.Map.entry;

import dev.vireo.api.model.ResourceEventLevel;
import dev.vireo.api.model.VmState;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Which event-bus events become resource events, in two small tables: the lifecycle event each
 * VM or node state means, and the operation event of a finished job on a VM or node. Pure
 * functions, so the mapping is tested without a database.
 */
public final class ResourceEventMapping {
  /** What happened to one resource, before repeats are counted. */
  public record Occurrence(String resourceType, String resourceId, String eventType, ResourceEventLevel level,
      String content) {}

  /**
   * The lifecycle event a state means. {@code quietAfter}: previous states after which reaching it
   * is no news (the job's event says it: a migration ends RUNNING again, a create without start STOPPED). {@code unexpectedAfter}:
   * previous states from which no operation leads here directly (a guest shut down from inside),
   * reported as "… unexpectedly", at least WARNING.
   */
  record Lifecycle(String eventType, ResourceEventLevel level, Set<String> quietAfter, Set<String> unexpectedAfter) {
    Lifecycle(String eventType, ResourceEventLevel level) {
      this(eventType, level, Set.of(), Set.of());
    }
  }

  /** VM states that are not in the table (STARTING, STOPPING, MIGRATING…) pass without an event. */
  static final Map<String, Lifecycle> VM = Map.ofEntries(
      entry("RUNNING", new Lifecycle("VM started", NORMAL, Set.of("MIGRATING", "REBOOTING"), Set.of())),
      entry("STOPPED", new Lifecycle("VM stopped", NORMAL, Set.of("MIGRATING", "CREATING"), Set.of("RUNNING"))),
      entry("SUSPENDED", new Lifecycle("VM suspended", NORMAL)),
      entry("DELETED", new Lifecycle("VM deleted", NORMAL)),
      entry("UNKNOWN", new Lifecycle("VM state unknown", WARNING)),
      entry("FAILED", new Lifecycle("VM failed", ERROR)));

  /** A node's connection states. */
  static final Map<String, Lifecycle> NODE = Map.ofEntries(
      entry("CONNECTED", new Lifecycle("Node connected", NORMAL)),
      entry("DISCONNECTED", new Lifecycle("Node disconnected", WARNING)),
      entry("DOWN", new Lifecycle("Node down", ERROR)));

  /** A node's scheduling states: a dimension apart from its connection. */
  static final Map<String, Lifecycle> NODE_SCHEDULING = Map.ofEntries(
      entry("LOCKED", new Lifecycle("Node locked", NORMAL)),
      entry("UNLOCKED", new Lifecycle("Node unlocked", NORMAL)),
      entry("MAINTENANCE", new Lifecycle("Node in maintenance", NORMAL)));

  /** Words of job types that are not plain English in lower case. */
  private static final Map<String, String> WORDS = Map.of("vm", "VM", "ha", "HA", "nic", "NIC", "usb", "USB",
      "mac", "MAC", "cdrom", "CD-ROM", "qos", "QoS", "iso", "ISO");

  private ResourceEventMapping() {}

  /**
   * The track a state is kept in: {@code vm}, {@code node}, or {@code node-scheduling}; null for
   * a kind or state that has no lifecycle events (images, disks, a VM's "UPDATED").
   */
  static String track(String kind, String state) {
    if (kind.equals("vm") && isVmState(state)) {
      return "vm";
    }
    if (kind.equals("node")) {
      return NODE.containsKey(state) ? "node" : NODE_SCHEDULING.containsKey(state) ? "node-scheduling" : null;
    }
    return null;
  }

  private static boolean isVmState(String state) {
    for (VmState s : VmState.values()) {
      if (s.name().equals(state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The event of a resource reaching {@code state}. {@code previous}: the state it was last seen
   * in (any, null when not known); {@code lastStable}: the last state of the table it was in (not a
   * transient one such as STOPPING), named in the content.
   */
  static Optional<Occurrence> stateChanged(String track, String id, String previous, String lastStable,
      String state) {
    if (state.equals(previous)) {
      return Optional.empty();
    }
    Lifecycle l = table(track).get(state);
    if (l == null || (previous != null && l.quietAfter().contains(previous))) {
      return Optional.empty();
    }
    String type = l.eventType();
    ResourceEventLevel level = l.level();
    if (previous != null && l.unexpectedAfter().contains(previous)) {
      type += " unexpectedly";
      level = level == ERROR ? ERROR : WARNING;
    }
    String content = lastStable == null || lastStable.equals(state) ? state : lastStable + " → " + state;
    return Optional.of(new Occurrence(track.equals("vm") ? "vm" : "node", id, type, level, content));
  }

  /** Whether {@code state} is in the track's table: a state a resource rests in, not one it passes. */
  static boolean isStable(String track, String state) {
    return table(track).containsKey(state);
  }

  private static Map<String, Lifecycle> table(String track) {
    return switch (track) {
      case "vm" -> VM;
      case "node" -> NODE;
      case "node-scheduling" -> NODE_SCHEDULING;
      default -> Map.of();
    };
  }

  /** A job as the table needs it: {@code detail} is what a success reports (e.g. "placed on node-…"). */
  record FinishedJob(String type, String state, String resourceType, String resourceId, String error,
      String detail) {}

  /** The operation event of a finished job on a VM or node; none for others and for no-op jobs. */
  static Optional<Occurrence> jobEnded(FinishedJob job) {
    if (!(job.resourceType().equals("vm") || job.resourceType().equals("node")) || job.type().equals("NO_OP")) {
      return Optional.empty();
    }
    return switch (job.state()) {
      case "FAILED" -> Optional.of(new Occurrence(job.resourceType(), job.resourceId(), words(job.type()) + " failed",
          ERROR, job.error() == null || job.error().isBlank() ? "failed without a reason" : job.error()));
      case "SUCCEEDED" -> Optional.of(new Occurrence(job.resourceType(), job.resourceId(),
          words(job.type()) + " succeeded", NORMAL, job.detail() == null ? "" : job.detail()));
      default -> Optional.empty();
    };
  }

  /** "MIGRATE_VM_OFFLINE" → "Migrate VM offline". */
  static String words(String jobType) {
    StringJoiner w = new StringJoiner(" ");
    for (String part : jobType.toLowerCase(Locale.ROOT).split("_")) {
      if (!part.isEmpty()) {
        w.add(WORDS.getOrDefault(part, part));
      }
    }
    String s = w.toString();
    return s.isEmpty() ? jobType : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Job types that place a VM on a node: their success says where. */
  static boolean places(String jobType) {
    return Set.of("CREATE_VM", "MIGRATE_VM", "HA_RESTART_VM", "REHOME_VM").contains(jobType);
  }
}
