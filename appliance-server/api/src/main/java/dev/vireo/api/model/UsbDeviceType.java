package dev.vireo.api.model;

/** How a VM gets a USB device (ADR 0027): a host device of its node, or a client's device over TCP. */
public enum UsbDeviceType {
  /** hostdev of a USB device of the VM's node; live migration is refused while one is attached. */
  PASSTHROUGH,
  /** usbredir over TCP to a client's usbredir server; a network redirect, it survives live migration. */
  REDIRECT
}
