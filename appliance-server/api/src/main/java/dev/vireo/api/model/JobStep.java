package dev.vireo.api.model;

/** One ordered step of a job. */
public record JobStep(int index, String name, StepState state, String error) {}
