package dev.vireo.api.model;

/** One point of a {@link MetricSeries}: the bucket's start (or the sample's time), average and maximum. */
public record MetricPoint(java.time.Instant at, double value, double max) {}
