package dev.vireo.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The permission each operation requires, read from the {@code x-vireo-permission} of its entry in
 * the openapi.yaml the server serves (ADR 0038): one declaration per operation, next to its
 * documentation, so an undeclared route cannot slip by (the router refuses to register it).
 */
public final class PermissionCatalog {
  /** Any logged-in account may call it (ping, logout, its own account and password). */
  public static final String AUTHENTICATED = "authenticated";
  public static final String READ = "read";

  private final Map<String, String> byRoute;
  private final SortedMap<String, List<String>> operations;

  private PermissionCatalog(Map<String, String> byRoute) {
    this.byRoute = Map.copyOf(byRoute);
    SortedMap<String, List<String>> ops = new TreeMap<>();
    byRoute.forEach((route, p) -> {
      if (!p.equals(AUTHENTICATED)) {
        ops.computeIfAbsent(p, k -> new java.util.ArrayList<>()).add(route);
      }
    });
    ops.replaceAll((p, routes) -> List.copyOf(new TreeSet<>(routes)));
    this.operations = java.util.Collections.unmodifiableSortedMap(ops);
  }

  public static PermissionCatalog load() throws IOException {
    try (InputStream in = PermissionCatalog.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IOException("openapi.yaml is not on the classpath");
      }
      return parse(new YAMLMapper().readTree(in));
    }
  }

  static PermissionCatalog parse(JsonNode root) {
    Map<String, String> routes = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
        Map.Entry<String, JsonNode> m = methods.next();
        JsonNode p = m.getValue().path("x-vireo-permission");
        if (p.isTextual()) {
          String perm = p.asText();
          if (!perm.equals(AUTHENTICATED) && !perm.matches("[a-z][a-z0-9-]*:[a-z][a-z0-9-]*")) {
            throw new IllegalStateException("x-vireo-permission of " + m.getKey() + " " + path.getKey()
                + " must be resource:action or " + AUTHENTICATED + " (got '" + perm + "')");
          }
          routes.put(m.getKey().toUpperCase() + " " + path.getKey(), perm);
        }
      }
    }
    return new PermissionCatalog(routes);
  }

  /** The declared permission of a route, or null when it declares none. */
  public String of(String method, String template) {
    return byRoute.get(method + " " + template);
  }

  /** Every grantable permission (not {@link #AUTHENTICATED}) with the operations it opens, sorted. */
  public SortedMap<String, List<String>> permissions() {
    return operations;
  }

  public boolean exists(String permission) {
    return operations.containsKey(permission);
  }

  public static String resource(String permission) {
    return permission.substring(0, permission.indexOf(':'));
  }

  public static String action(String permission) {
    return permission.substring(permission.indexOf(':') + 1);
  }
}
