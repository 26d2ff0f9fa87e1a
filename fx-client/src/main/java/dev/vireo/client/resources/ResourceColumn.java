package dev.vireo.client.main;

import java.util.function.Function;

/** One column of a {@link ResourceTableView}: its title key and the cell value of a row (sortable if Comparable). */
public record ResourceColumn<T>(String titleKey, Function<T, ?> value) {}
