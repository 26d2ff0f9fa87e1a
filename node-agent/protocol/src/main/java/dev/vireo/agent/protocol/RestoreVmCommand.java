package dev.vireo.agent.protocol;

/**
 * Restores a suspended domain from the image at {@code saveImagePath} (written by
 * {@link SuspendVmCommand}), then deletes the image; sent by the server's RESUME job after the
 * domain is defined on this node. A running domain counts as done; a shut-off one without the
 * image fails ({@code NO_SAVE_IMAGE}) rather than booting afresh. Replies {@link VmStateReply}.
 */
public record RestoreVmCommand(String domainName, String saveImagePath) implements AgentCommand {}
