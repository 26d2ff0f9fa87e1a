package dev.vireo.api.model;

/** One page of a list; {@code total} counts every matching item. */
public record Page<T>(java.util.List<T> items, int total, int offset, int limit) {}
