package dev.vireo.agent.protocol;

/**
 * How far the block copy of the disk at {@code target} ({@code vda}, {@code vdc}, ...) of the
 * running domain has come (ADR 0028): the server asks while a storage migration runs, to report
 * progress on its job. Replies {@link BlockCopyReply}; no copy job (not started, or done) is an
 * inactive reply, not an error.
 */
public record QueryBlockCopyCommand(String domainName, String target) implements AgentCommand {}
