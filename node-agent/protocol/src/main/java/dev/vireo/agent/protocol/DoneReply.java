package dev.vireo.agent.protocol;

/** Reply of commands with nothing to report beyond success. */
public record DoneReply() implements AgentReply {}
