package dev.vireo.server.resourceevent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.server.http.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * What a succeeded job's event says besides its type: the other resources its context names (the
 * disk an attach attached) and, for a VM, the node it is on now ("placed on node-…" after a
 * placement); for a node, its host name.
 */
final class JobDetail {
  private static final Pattern RESOURCE_ID = Pattern.compile("[a-z]+(?:-[a-z]+)*-[0-9a-f]{12,32}");

  private JobDetail() {}

  static String of(Jdbi jdbi, String jobType, String resourceType, String resourceId, String contextJson) {
    StringJoiner detail = new StringJoiner("; ");
    String named = contextIds(contextJson, resourceId);
    if (!named.isEmpty()) {
      detail.add(named);
    }
    if (resourceType.equals("vm")) {
      jdbi.withHandle(h -> h.createQuery("SELECT node_id FROM vms WHERE id = :id").bind("id", resourceId)
              .mapTo(String.class).findFirst())
          .ifPresent(node -> detail.add((ResourceEventMapping.places(jobType) ? "placed on " : "on ") + node));
    } else if (resourceType.equals("node")) {
      jdbi.withHandle(h -> h.createQuery("SELECT hostname FROM nodes WHERE id = :id").bind("id", resourceId)
              .mapTo(String.class).findFirst())
          .ifPresent(host -> detail.add("host " + host));
    }
    return detail.toString();
  }

  /** Ids in the context's top-level {@code …Id} fields other than the resource itself and nodes. */
  static String contextIds(String contextJson, String resourceId) {
    StringJoiner ids = new StringJoiner(", ");
    try {
      JsonNode root = Json.MAPPER.readTree(contextJson == null ? "{}" : contextJson);
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String v = f.getValue().asText("");
        boolean isNode = f.getKey().toLowerCase(java.util.Locale.ROOT).endsWith("nodeid");
        if (f.getKey().endsWith("Id") && !isNode && f.getValue().isTextual() && !v.equals(resourceId)
            && RESOURCE_ID.matcher(v).matches()) {
          ids.add(v);
        }
      }
    } catch (IOException | RuntimeException e) {
      return "";
    }
    return ids.toString();
  }
}
