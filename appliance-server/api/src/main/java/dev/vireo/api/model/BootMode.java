package dev.vireo.api.model;

/** Firmware a VM boots with. */
public enum BootMode {
  BIOS,
  UEFI
}
