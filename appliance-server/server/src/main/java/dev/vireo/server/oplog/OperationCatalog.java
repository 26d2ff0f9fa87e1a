package dev.vireo.server.oplog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Names of the API's operations, read from the openapi.yaml the server serves: "POST
 * /api/v1/vms/{id}/start" is operation {@code startVm} of module {@code vms}. One source for the
 * API's names and the log's, so they cannot drift apart.
 */
public final class OperationCatalog {
  /** An operation's id and its first tag. */
  public record Operation(String id, String module) {}

  private final Map<String, Operation> byRoute;

  private OperationCatalog(Map<String, Operation> byRoute) {
    this.byRoute = Map.copyOf(byRoute);
  }

  public static OperationCatalog load() throws IOException {
    try (InputStream in = OperationCatalog.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IOException("openapi.yaml is not on the classpath");
      }
      return parse(new YAMLMapper().readTree(in));
    }
  }

  static OperationCatalog parse(JsonNode root) {
    Map<String, Operation> ops = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
        Map.Entry<String, JsonNode> m = methods.next();
        JsonNode op = m.getValue();
        if (op.has("operationId")) {
          ops.put(m.getKey().toUpperCase() + " " + path.getKey(),
              new Operation(op.get("operationId").asText(), op.path("tags").path(0).asText("platform")));
        }
      }
    }
    return new OperationCatalog(ops);
  }

  /** Every module (first tag) of a recorded operation, sorted. */
  public java.util.SortedSet<String> modules() {
    java.util.SortedSet<String> out = new java.util.TreeSet<>();
    byRoute.values().forEach(o -> out.add(o.module()));
    out.remove("agent");
    return out;
  }

  /** The operation of a route; an undocumented one (which the conformance test forbids) by its route. */
  public Operation of(String method, String template) {
    Operation op = byRoute.get(method + " " + template);
    return op != null ? op : new Operation(method.toLowerCase() + " " + template, "platform");
  }
}
