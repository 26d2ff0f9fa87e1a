package dev.vireo.api.client;

import dev.vireo.api.model.OperationResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;

/**
 * Which operation-log entries to list or export: any of {@code modules}, one result, operator,
 * operation id, a resource they name, and {@code [from, to)} (nulls: the server's defaults, the
 * last hour; the range spans at most 183 days).
 */
public record OperationLogFilter(List<String> modules, OperationResult result, String operator, String operation,
    String resource, Instant from, Instant to) {
  /** Everything of the last hour. */
  public static final OperationLogFilter LAST_HOUR = new OperationLogFilter(List.of(), null, null, null, null, null,
      null);

  public OperationLogFilter {
    modules = modules == null ? List.of() : List.copyOf(modules);
  }

  public OperationLogFilter since(Instant newFrom) {
    return new OperationLogFilter(modules, result, operator, operation, resource, newFrom, to);
  }

  public OperationLogFilter withResult(OperationResult newResult) {
    return new OperationLogFilter(modules, newResult, operator, operation, resource, from, to);
  }

  public OperationLogFilter withModules(List<String> newModules) {
    return new OperationLogFilter(newModules, result, operator, operation, resource, from, to);
  }

  public OperationLogFilter withResource(String newResource) {
    return new OperationLogFilter(modules, result, operator, operation, newResource, from, to);
  }

  String query() {
    StringJoiner q = new StringJoiner("&");
    if (!modules.isEmpty()) {
      q.add("module=" + encode(String.join(",", modules)));
    }
    add(q, "result", result == null ? null : result.name());
    add(q, "operator", operator);
    add(q, "operation", operation);
    add(q, "resource", resource);
    add(q, "from", from == null ? null : from.toString());
    add(q, "to", to == null ? null : to.toString());
    return q.toString();
  }

  private static void add(StringJoiner q, String name, String value) {
    if (value != null) {
      q.add(name + "=" + encode(value));
    }
  }

  private static String encode(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
