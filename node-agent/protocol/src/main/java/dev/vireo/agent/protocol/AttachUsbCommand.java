package dev.vireo.agent.protocol;

/**
 * Adds a USB device (ADR 0027) to the domain's definition and, while it runs, to the guest. An
 * undefined domain counts as done (the next {@link DefineVmCommand} carries it). Replies {@link VmStateReply}.
 */
public record AttachUsbCommand(String domainName, UsbDeviceDefinition usb) implements AgentCommand {}
