package dev.vireo.agent.protocol;

/**
 * One measurement: {@code resourceType} "node" or "vm", the node's or VM's (domain's) id, a metric
 * of {@link MetricNames}, and its value (rates already per second, computed by the agent from the
 * counters' difference since its previous sample).
 */
public record MetricSample(String resourceType, String resourceId, String metric, double value) {}
