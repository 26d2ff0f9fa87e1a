package dev.vireo.server.scheduler;

/** How an isolation group relates a VM to its members or to its nodes. */
public enum Relation {
  /** Together: on the same node as the group's VMs, or on one of the group's nodes. */
  AFFINITY,
  /** Apart: never next to the group's VMs, or never on the group's nodes. */
  ANTI_AFFINITY;

  String label() {
    return this == AFFINITY ? "affinity" : "anti-affinity";
  }
}
