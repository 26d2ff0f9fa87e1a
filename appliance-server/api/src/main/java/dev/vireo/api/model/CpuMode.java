package dev.vireo.api.model;

/**
 * A VM's CPU mode (white paper 4.2.17): {@code CUSTOM} ("自定义") gives the guest a named,
 * migration-safe CPU model that every node of the cluster offers; {@code HOST_PASSTHROUGH} gives it
 * the node's own CPU (fastest, but a running VM migrates live only between nodes that report the
 * same CPU model). Chosen at create, changeable while the VM is STOPPED.
 */
public enum CpuMode {
  CUSTOM,
  HOST_PASSTHROUGH
}
