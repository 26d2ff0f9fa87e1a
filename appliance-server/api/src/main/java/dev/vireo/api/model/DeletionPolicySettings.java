package dev.vireo.api.model;

/** The global deletion switch (white paper 6.3.3): when true every delete operation is refused (409). */
public record DeletionPolicySettings(Boolean deletionForbidden) {}
