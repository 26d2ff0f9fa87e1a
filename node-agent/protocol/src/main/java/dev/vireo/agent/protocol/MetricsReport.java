package dev.vireo.agent.protocol;

/**
 * POSTed every {@code [metrics] interval_seconds} to {@link AgentHttp#METRICS_PATH}: one batch of
 * samples of the node itself and of every running Vireo domain, all taken at {@code sampledAt}.
 * The server answers 204.
 */
public record MetricsReport(String nodeId, java.time.Instant sampledAt, java.util.List<MetricSample> samples) {}
