package dev.vireo.api.client;

import dev.vireo.api.model.ResourceEventLevel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;

/**
 * Which resource events to list or export: region, resource type ({@code vm}, {@code node}) and
 * id, any of {@code levels}, an event type, and {@code [from, to)} (nulls: the server's defaults,
 * the last 24 hours; the range spans at most 183 days).
 */
public record ResourceEventFilter(String regionId, String resourceType, String resourceId,
    List<ResourceEventLevel> levels, String eventType, Instant from, Instant to) {
  /** Everything of the last 24 hours. */
  public static final ResourceEventFilter LAST_DAY = new ResourceEventFilter(null, null, null, List.of(), null, null,
      null);

  public ResourceEventFilter {
    levels = levels == null ? List.of() : List.copyOf(levels);
  }

  public ResourceEventFilter since(Instant newFrom) {
    return new ResourceEventFilter(regionId, resourceType, resourceId, levels, eventType, newFrom, to);
  }

  public ResourceEventFilter withResource(String newResourceId) {
    return new ResourceEventFilter(regionId, resourceType, newResourceId, levels, eventType, from, to);
  }

  public ResourceEventFilter withLevels(List<ResourceEventLevel> newLevels) {
    return new ResourceEventFilter(regionId, resourceType, resourceId, newLevels, eventType, from, to);
  }

  String query() {
    StringJoiner q = new StringJoiner("&");
    add(q, "regionId", regionId);
    add(q, "resourceType", resourceType);
    add(q, "resourceId", resourceId);
    if (!levels.isEmpty()) {
      q.add("level=" + encode(String.join(",", levels.stream().map(Enum::name).toList())));
    }
    add(q, "eventType", eventType);
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
