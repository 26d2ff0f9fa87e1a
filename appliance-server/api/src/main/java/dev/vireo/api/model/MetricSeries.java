package dev.vireo.api.model;

import java.util.List;

/**
 * A metric of one resource over a time range: {@code resolutionSeconds} is 0 for raw samples (the
 * last six hours), 300 for five-minute rollups, 3600 for hourly ones; a point's {@code max} is the
 * largest sample of its bucket (the value itself for raw points).
 */
public record MetricSeries(String resourceType, String resourceId, String metric, int resolutionSeconds,
    List<MetricPoint> points) {}
