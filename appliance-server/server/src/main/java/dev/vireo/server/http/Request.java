package dev.vireo.server.http;

import dev.vireo.api.model.Page;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.List;

/**
 * What a handler sees of a request: path parameters, query, headers, body, the caller, and the
 * note it may add to the call's operation-log entry.
 */
public record Request(HttpServerExchange exchange, byte[] body, String username, OperationNote note,
    java.util.Set<String> regions) {

  public Request(HttpServerExchange exchange, byte[] body, String username) {
    this(exchange, body, username, new OperationNote(), null);
  }

  /** The same request seen by a caller limited to {@code regions} (null: every region). */
  public Request withRegions(java.util.Set<String> regions) {
    return new Request(exchange, body, username, note, regions);
  }

  /** Whether the caller may see a resource of {@code regionId} (a REGION account: only its regions). */
  public boolean sees(String regionId) {
    return regions == null || regions.contains(regionId);
  }

  public String path(String name) {
    return exchange.getQueryParameters().get(name).getFirst();
  }

  public String query(String name) {
    Deque<String> v = exchange.getQueryParameters().get(name);
    return v == null || v.isEmpty() ? null : v.getFirst();
  }

  /**
   * A comma-separated list of constants of {@code type}, in any case (empty when absent); 422
   * naming the parameter and the allowed values otherwise.
   */
  public <E extends Enum<E>> List<E> queryEnums(String name, Class<E> type) {
    String v = query(name);
    List<E> out = new java.util.ArrayList<>();
    if (v == null || v.isBlank()) {
      return out;
    }
    for (String one : v.split(",")) {
      try {
        out.add(Enum.valueOf(type, one.strip().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid(name, "must be a comma-separated list of "
            + java.util.Arrays.toString(type.getEnumConstants()) + " (got '" + one.strip() + "')");
      }
    }
    return out;
  }

  public int queryInt(String name, int fallback, int min, int max) {
    String v = query(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw ApiException.invalid(name, "must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.invalid(name, "must be an integer");
    }
  }

  /** One page of {@code all} per {@code ?offset=&limit=} (limit 1..1000, default 100). */
  public <T> Page<T> page(List<T> all) {
    return pageOf(all);
  }

  /** {@link #page} of the items of {@code all} in the caller's regions ({@code regionOf} of each item). */
  public <T> Page<T> page(List<T> all, java.util.function.Function<T, String> regionOf) {
    return pageOf(regions == null ? all : all.stream().filter(t -> regions.contains(regionOf.apply(t))).toList());
  }

  private <T> Page<T> pageOf(List<T> all) {
    int offset = queryInt("offset", 0, 0, Integer.MAX_VALUE);
    int limit = queryInt("limit", 100, 1, 1000);
    // long: offset + limit overflows an int near Integer.MAX_VALUE
    int to = (int) Math.min(all.size(), (long) offset + limit);
    return new Page<>(List.copyOf(all.subList(Math.min(offset, to), to)), all.size(), offset, limit);
  }

  /** An ISO-8601 instant parameter, {@code fallback} when absent; 422 naming it when malformed. */
  public java.time.Instant queryInstant(String name, java.time.Instant fallback) {
    String v = query(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return java.time.Instant.parse(v.strip());
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiException.invalid(name, "must be an ISO-8601 instant such as 2026-12-07T08:00:00Z");
    }
  }

  public String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  public <T> T json(Class<T> type) {
    return Json.read(body, type);
  }
}
