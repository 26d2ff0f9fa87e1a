package dev.vireo.api.model;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the operation log (white paper 5.12): {@code operation} is the API operation's id in
 * openapi.yaml (clients show it translated), {@code module} its tag; {@code resources} every
 * resource the call named or created; {@code reason} why it failed; {@code status} the HTTP
 * status the call was answered with.
 */
public record OperationLogEntry(
    long id,
    String operation,
    String module,
    String method,
    String path,
    String regionId,
    List<String> resources,
    String operator,
    String sourceIp,
    OperationResult result,
    int status,
    String errorCode,
    String reason,
    String remark,
    String jobId,
    Instant occurredAt,
    Instant finishedAt) {}
