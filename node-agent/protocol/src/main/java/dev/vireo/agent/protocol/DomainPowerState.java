package dev.vireo.agent.protocol;

/** A libvirt domain's power state as the agent reports it; ABSENT means not defined. */
public enum DomainPowerState {
  RUNNING,
  PAUSED,
  SHUTTING_DOWN,
  SHUTOFF,
  CRASHED,
  PMSUSPENDED,
  BLOCKED,
  NOSTATE,
  ABSENT
}
