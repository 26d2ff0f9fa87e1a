package dev.vireo.api.model;

/** CPU architecture of a cluster and its nodes. */
public enum CpuArch {
  X86_64,
  AARCH64
}
