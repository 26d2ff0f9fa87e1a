package dev.vireo.api.model;

/** The one-time recovery codes of a confirmed two-factor enrolment, shown once (stored hashed). */
public record RecoveryCodes(java.util.List<String> codes) {}
