package dev.vireo.api.model;

/** A region; exactly one is the default. */
public record Region(String id, String name, boolean isDefault) {}
