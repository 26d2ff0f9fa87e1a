package dev.vireo.client.resources;

import java.util.function.Function;

/** One column of a resource table: its title key and the cell value of a row (sortable if Comparable). */
public record ResourceColumn<T>(String titleKey, Function<T, ?> value) {}
