package dev.vireo.agent.protocol;

/** The server's answer to a registration: the node's id and how often to send heartbeats. */
public record RegistrationReply(String nodeId, int heartbeatSeconds) {}
