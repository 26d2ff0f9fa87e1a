package dev.vireo.client.dashboard;

/** One line of a top-5 list: the resource's id, its name (the id when unknown) and the metric's value. */
public record TopEntry(String id, String name, double value) {}
