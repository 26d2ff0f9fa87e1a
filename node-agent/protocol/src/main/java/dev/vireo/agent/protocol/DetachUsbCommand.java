package dev.vireo.agent.protocol;

/** Removes a USB device (ADR 0027) from the domain's definition and the running guest; absent counts as done. */
public record DetachUsbCommand(String domainName, UsbDeviceDefinition usb) implements AgentCommand {}
