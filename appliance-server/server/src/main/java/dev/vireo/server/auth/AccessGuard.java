package dev.vireo.server.auth;

import dev.vireo.api.model.AccountState;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Authorizer;
import dev.vireo.server.http.Request;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * The router's authorisation (ADR 0038, 0039): the route's declared permission against the
 * caller's roles, then, for a REGION account, the region of the addressed resource. Item routes
 * of VMs, clusters, nodes, networks, storage clusters (and their disk specs), disks, security
 * groups and isolation groups (and everything under them) are refused when the resource, found
 * by id or name, lies outside the caller's regions; the resources a body names are checked with
 * one query per kind (ADR 0047). While the
 * deletion policy forbids deletion, every {@code :delete} operation is refused here (ADR 0045).
 */
public final class AccessGuard implements Authorizer {
  /**
   * Path prefix of an item route, and where the region of the resource it names is read: the rows
   * of {@code from} whose {@code idColumn} (else, when {@code nameColumn} is set, whose name, for rows
   * meeting {@code nameCondition}) is the key give {@code region}.
   */
  private record Regional(String prefix, String from, String region, String idColumn, String nameColumn,
      String nameCondition) {
    /** One query for many keys: rows found by id marked 'i', by name 'n'. */
    String batch() {
      String byId = "SELECT 'i', " + idColumn + ", " + region + " FROM " + from + " WHERE " + idColumn + " IN (<keys>)";
      return nameColumn == null ? byId : byId + " UNION ALL SELECT 'n', " + nameColumn + ", " + region + " FROM "
          + from + " WHERE " + nameColumn + " IN (<keys>)" + (nameCondition == null ? "" : " AND " + nameCondition);
    }
  }

  private static final String VIA_CLUSTER = " JOIN clusters c ON c.id = x.cluster_id WHERE ";
  private static final List<Regional> REGIONAL = List.of(
      new Regional("/api/v1/vms/{id}", "vms x", "x.region_id", "x.id", "x.name", "x.state <> 'DELETED'"),
      new Regional("/api/v1/clusters/{id}", "clusters x", "x.region_id", "x.id", "x.name", null),
      new Regional("/api/v1/nodes/{id}", "nodes x JOIN clusters c ON c.id = x.cluster_id", "c.region_id", "x.id",
          "x.hostname", null),
      new Regional("/api/v1/networks/{id}", "networks x JOIN clusters c ON c.id = x.cluster_id", "c.region_id",
          "x.id", "x.name", null),
      new Regional("/api/v1/storage-clusters/{id}", "storage_clusters x JOIN clusters c ON c.id = x.cluster_id",
          "c.region_id", "x.id", "x.name", null),
      new Regional("/api/v1/disk-specs/{id}", "storage_clusters x JOIN clusters c ON c.id = x.cluster_id",
          "c.region_id", "x.id", "x.name", null),
      new Regional("/api/v1/disks/{id}", "disks d JOIN storage_clusters x ON x.id = d.storage_cluster_id"
          + " JOIN clusters c ON c.id = x.cluster_id", "c.region_id", "d.id", "d.name", "d.state <> 'DELETED'"),
      // ADR 0047: groups carry their region; isolation groups are named by id only
      new Regional("/api/v1/security-groups/{id}", "security_groups x", "x.region_id", "x.id", "x.name", null),
      new Regional("/api/v1/groups/{id}", "isolation_groups x", "x.region_id", "x.id", null, null));

  private final Jdbi jdbi;
  private final PermissionCatalog catalog;
  private final AccountStore accounts;

  private final java.util.function.Supplier<String> defaultClusterId;
  private volatile dev.vireo.server.auth.allowlist.IpAllowLists allowLists;
  private final dev.vireo.server.settings.DeletionPolicy deletion;

  /**
   * {@code defaultClusterId}: the cluster a create naming none falls to (null when there is none yet);
   * {@code deletion}: the global deletion switch, checked on every {@code :delete} operation (ADR 0045).
   */
  public AccessGuard(Jdbi jdbi, PermissionCatalog catalog, AccountStore accounts,
      java.util.function.Supplier<String> defaultClusterId, dev.vireo.server.settings.DeletionPolicy deletion) {
    this.jdbi = jdbi;
    this.catalog = catalog;
    this.accounts = accounts;
    this.defaultClusterId = defaultClusterId;
    this.deletion = deletion;
  }

  /** Every authenticated request is also held to its account's IP allow-list (ADR 0041). */
  public AccessGuard useIpAllowLists(dev.vireo.server.auth.allowlist.IpAllowLists allowLists) {
    this.allowLists = allowLists;
    return this;
  }

  /** The client's address as the connection shows it (no forwarding header is trusted). */
  public static java.net.InetAddress clientAddress(Request request) {
    java.net.InetSocketAddress source = request.exchange() == null ? null : request.exchange().getSourceAddress();
    return source == null ? null : source.getAddress();
  }

  @Override
  public String permissionOf(String method, String template) {
    return catalog.of(method, template);
  }

  @Override
  public Set<String> authorize(String caller, String permission, String template, Request request) {
    AccountStore.Principal p = accounts.principal(caller).orElse(null);
    if (p == null || p.state() != AccountState.ACTIVE) {
      throw new ApiException(401, "unauthorized", null, "the account of this token is frozen or no longer exists");
    }
    if (allowLists != null) {
      allowLists.check(p.accountId(), p.login(), clientAddress(request));
    }
    if (permission.equals(PermissionCatalog.AUTHENTICATED)) {
      return p.regions();
    }
    if (p.mustChangePassword()) {
      throw new ApiException(403, "password_change_required", null,
          "the password must be changed first (POST /api/v1/auth/password)");
    }
    if (!p.permissions().contains(permission)) {
      throw new ApiException(403, "forbidden", null, "account " + p.login() + " lacks permission " + permission);
    }
    deletion.check(permission);
    if (p.regions() != null) {
      List<Reference> refs = new java.util.ArrayList<>();
      for (Regional r : REGIONAL) {
        if (template.startsWith(r.prefix())) {
          refs.add(new Reference(r, request.path("id")));
        }
      }
      // a metric series names its resource in the query
      String type = request.query("resourceType");
      String id = request.query("resourceId");
      if (template.equals("/api/v1/metrics") && type != null && id != null && RESOURCE_TYPES.containsKey(type)) {
        refs.add(new Reference(byPrefix(RESOURCE_TYPES.get(type)), id));
      }
      check(p, refs);
    }
    return p.regions();
  }

  /** Body fields naming a regional resource (at any depth, e.g. a NIC's networkId), by the item route they name. */
  private static final Map<String, String> BODY_REFERENCES = Map.ofEntries(
      Map.entry("clusterId", "/api/v1/clusters/{id}"),
      Map.entry("storageClusterId", "/api/v1/storage-clusters/{id}"),
      Map.entry("systemStorageClusterId", "/api/v1/storage-clusters/{id}"),
      Map.entry("nodeId", "/api/v1/nodes/{id}"), Map.entry("nodeIds", "/api/v1/nodes/{id}"),
      Map.entry("targetNodeId", "/api/v1/nodes/{id}"),
      Map.entry("vmId", "/api/v1/vms/{id}"), Map.entry("vmIds", "/api/v1/vms/{id}"),
      Map.entry("networkId", "/api/v1/networks/{id}"), Map.entry("network", "/api/v1/networks/{id}"),
      Map.entry("bootDisk", "/api/v1/disks/{id}"),
      Map.entry("diskId", "/api/v1/disks/{id}"), Map.entry("diskIds", "/api/v1/disks/{id}"),
      // ADR 0047: a NIC's (or a packet test's) security groups, the isolation groups a VM joins
      Map.entry("securityGroups", "/api/v1/security-groups/{id}"), Map.entry("groupIds", "/api/v1/groups/{id}"));
  /** A metric's or alarm rule's resourceType, and the item route of that kind. */
  private static final Map<String, String> RESOURCE_TYPES = Map.of("vm", "/api/v1/vms/{id}",
      "node", "/api/v1/nodes/{id}", "cluster", "/api/v1/clusters/{id}",
      "storage_cluster", "/api/v1/storage-clusters/{id}");
  /** Creates (POST paths) that fall to the default cluster when the body names no cluster (nor storage cluster). */
  public static final Set<String> CREATES_IN_A_CLUSTER = Set.of("/api/v1/vms",
      "/api/v1/networks", "/api/v1/storage-clusters", "/api/v1/specs", "/api/v1/disks", "/api/v1/placements/dry-run");
  /** Creates (POST paths) that fall to the default region when the body names no {@code regionId} (ADR 0047). */
  public static final Set<String> CREATES_IN_A_REGION = Set.of("/api/v1/security-groups", "/api/v1/groups");

  /** A resource a request names (by id or name), of kind {@code kind}; or, with no kind, a region id. */
  private record Reference(Regional kind, String key) {}

  /**
   * Every resource a body names, at any depth ({@code clusterId}, a NIC's {@code networkId}, a
   * migration's {@code nodeId}, {@code vmIds}, a rule's {@code resourceType}+{@code resourceId}
   * …), must lie in the caller's regions, and so must the default cluster a create without a
   * cluster falls to.
   */
  @Override
  public void checkBody(Request request) {
    AccountStore.Principal p = accounts.principal(request.username()).orElse(null);
    if (p == null || p.regions() == null) {
      return;
    }
    com.fasterxml.jackson.databind.JsonNode body;
    try {
      body = dev.vireo.server.http.Json.MAPPER.readTree(request.body());
    } catch (java.io.IOException e) {
      return; // the handler answers 400
    }
    if (body == null || !body.isObject()) {
      return;
    }
    List<Reference> refs = new java.util.ArrayList<>();
    references(body, 0, refs);
    String path = request.exchange().getRelativePath();
    boolean post = request.exchange().getRequestMethod().toString().equals("POST");
    if (post && CREATES_IN_A_CLUSTER.contains(path)
        && !body.path("clusterId").isTextual() && !body.path("storageClusterId").isTextual()) {
      String fallback = defaultClusterId.get();
      if (fallback != null) {
        refs.add(new Reference(byPrefix("/api/v1/clusters/{id}"), fallback));
      }
    }
    if (post && CREATES_IN_A_REGION.contains(path) && !body.path("regionId").isTextual()) {
      jdbi.withHandle(h -> h.createQuery("SELECT MIN(id) FROM regions WHERE is_default").mapTo(String.class)
          .findOne()).ifPresent(region -> refs.add(new Reference(null, region)));
    }
    check(p, refs);
  }

  /** The resources and regions a body names, in the order they occur. */
  private static void references(com.fasterxml.jackson.databind.JsonNode node, int depth, List<Reference> out) {
    if (depth > 4) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> references(n, depth + 1, out));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f = it.next();
      String route = BODY_REFERENCES.get(f.getKey());
      if (route != null) {
        for (String id : texts(f.getValue())) {
          out.add(new Reference(byPrefix(route), id));
        }
      } else if (f.getKey().equals("regionId") || f.getKey().equals("regionIds")) {
        for (String region : texts(f.getValue())) {
          out.add(new Reference(null, region));
        }
      } else {
        references(f.getValue(), depth + 1, out);
      }
    }
    String type = node.path("resourceType").asText("");
    if (RESOURCE_TYPES.containsKey(type)) {
      for (String id : texts(node.has("resourceIds") ? node.path("resourceIds") : node.path("resourceId"))) {
        out.add(new Reference(byPrefix(RESOURCE_TYPES.get(type)), id));
      }
    }
  }

  private static List<String> texts(com.fasterxml.jackson.databind.JsonNode v) {
    if (v.isTextual()) {
      return List.of(v.asText());
    }
    List<String> out = new java.util.ArrayList<>();
    if (v.isArray()) {
      v.forEach(e -> {
        if (e.isTextual()) {
          out.add(e.asText());
        }
      });
    }
    return out;
  }

  private static Regional byPrefix(String prefix) {
    return REGIONAL.stream().filter(r -> r.prefix().equals(prefix)).findFirst().orElseThrow();
  }

  /**
   * Refuses (403) the first of {@code refs}, in order, that lies outside the caller's regions. The
   * regions are read with one query per kind of resource, however many a body names; a key is
   * looked up by id, else by name; a resource that does not exist passes (the handler answers).
   */
  private void check(AccountStore.Principal p, List<Reference> refs) {
    Map<Regional, Set<String>> keys = new java.util.LinkedHashMap<>();
    for (Reference ref : refs) {
      if (ref.kind() != null) {
        keys.computeIfAbsent(ref.kind(), k -> new java.util.LinkedHashSet<>()).add(ref.key());
      }
    }
    Map<Regional, Found> found = keys.isEmpty() ? Map.of() : jdbi.withHandle(h -> {
      Map<Regional, Found> out = new java.util.HashMap<>();
      keys.forEach((kind, ks) -> {
        Found f = new Found(new java.util.HashMap<>(), new java.util.HashMap<>());
        h.createQuery(kind.batch()).bindList("keys", List.copyOf(ks)).map((rs, c) -> new String[] {rs.getString(1),
            rs.getString(2), rs.getString(3)}).forEach(row -> {
              if (row[2] != null) {
                (row[0].equals("i") ? f.byId() : f.byName()).computeIfAbsent(row[1], k -> new TreeSet<>()).add(row[2]);
              }
            });
        out.put(kind, f);
      });
      return out;
    });
    for (Reference ref : refs) {
      if (ref.kind() == null) {
        if (!p.regions().contains(ref.key())) {
          throw new ApiException(403, "forbidden", null, "account " + p.login() + " is not authorised for region "
              + ref.key());
        }
        continue;
      }
      for (String region : found.get(ref.kind()).regionsOf(ref.key())) {
        if (!p.regions().contains(region)) {
          throw new ApiException(403, "forbidden", null, "account " + p.login() + " is not authorised for region "
              + region + " of " + ref.key());
        }
      }
    }
  }

  /** The regions of the keys of one kind found by id and by name. */
  private record Found(Map<String, Set<String>> byId, Map<String, Set<String>> byName) {
    Set<String> regionsOf(String key) {
      Set<String> regions = byId.get(key);
      return regions != null ? regions : byName.getOrDefault(key, Set.of());
    }
  }

  /**
   * The jobs a caller of {@code scope} sees (an SQL condition over {@code jobs}; null: all): those of
   * VMs, nodes, disks and networks in its regions, and those of images (images are global). A job
   * of a resource gone for good (its row deleted) is no longer shown to a REGION account.
   */
  public static String jobsInScope(dev.vireo.server.http.RegionClause scope) {
    String in = scope.list();
    if (in == null) {
      return null;
    }
    return "((resource_type = 'vm' AND resource_id IN (SELECT id FROM vms WHERE region_id IN " + in + "))"
        + " OR (resource_type = 'node' AND resource_id IN (SELECT x.id FROM nodes x" + VIA_CLUSTER
        + "c.region_id IN " + in + "))"
        + " OR (resource_type = 'network' AND resource_id IN (SELECT x.id FROM networks x" + VIA_CLUSTER
        + "c.region_id IN " + in + "))"
        + " OR (resource_type = 'disk' AND resource_id IN (SELECT d.id FROM disks d JOIN storage_clusters x"
        + " ON x.id = d.storage_cluster_id" + VIA_CLUSTER + "c.region_id IN " + in + "))"
        + " OR (resource_type = 'security-group' AND resource_id IN (SELECT id FROM security_groups WHERE region_id IN "
        + in + "))"
        + " OR (resource_type = 'group' AND resource_id IN (SELECT id FROM isolation_groups WHERE region_id IN " + in
        + "))"
        + " OR resource_type = 'image')";
  }

  /** Region of each cluster, for the list filters of cluster-bound resources. */
  public static Map<String, String> clusterRegions(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, region_id FROM clusters")
        .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
