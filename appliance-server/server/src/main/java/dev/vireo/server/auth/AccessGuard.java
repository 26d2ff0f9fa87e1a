package dev.vireo.server.auth;

import dev.vireo.api.model.AccountState;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.Authorizer;
import dev.vireo.server.http.Request;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * The router's authorisation (ADR 0038, 0039): the route's declared permission against the
 * caller's roles, then, for a REGION account, the region of the addressed resource. Item routes
 * of VMs, clusters, nodes, networks, storage clusters and disks (and everything under them) are
 * refused when the resource, found by id or name, lies outside the caller's regions.
 */
public final class AccessGuard implements Authorizer {
  /** Path prefix of an item route, and the query giving the region of the resource it names. */
  private record Regional(String prefix, String byId, String byName) {}

  private static final String VIA_CLUSTER = " JOIN clusters c ON c.id = x.cluster_id WHERE ";
  private static final List<Regional> REGIONAL = List.of(
      new Regional("/api/v1/vms/{id}", "SELECT region_id FROM vms WHERE id = :x",
          "SELECT region_id FROM vms WHERE name = :x AND state <> 'DELETED'"),
      new Regional("/api/v1/clusters/{id}", "SELECT region_id FROM clusters WHERE id = :x",
          "SELECT region_id FROM clusters WHERE name = :x"),
      new Regional("/api/v1/nodes/{id}", "SELECT c.region_id FROM nodes x" + VIA_CLUSTER + "x.id = :x",
          "SELECT c.region_id FROM nodes x" + VIA_CLUSTER + "x.hostname = :x"),
      new Regional("/api/v1/networks/{id}", "SELECT c.region_id FROM networks x" + VIA_CLUSTER + "x.id = :x",
          "SELECT c.region_id FROM networks x" + VIA_CLUSTER + "x.name = :x"),
      new Regional("/api/v1/storage-clusters/{id}", "SELECT c.region_id FROM storage_clusters x" + VIA_CLUSTER
          + "x.id = :x", "SELECT c.region_id FROM storage_clusters x" + VIA_CLUSTER + "x.name = :x"),
      new Regional("/api/v1/disks/{id}", "SELECT c.region_id FROM disks d JOIN storage_clusters x"
          + " ON x.id = d.storage_cluster_id" + VIA_CLUSTER + "d.id = :x", "SELECT c.region_id FROM disks d"
          + " JOIN storage_clusters x ON x.id = d.storage_cluster_id" + VIA_CLUSTER
          + "d.name = :x AND d.state <> 'DELETED'"));

  private final Jdbi jdbi;
  private final PermissionCatalog catalog;
  private final AccountStore accounts;

  public AccessGuard(Jdbi jdbi, PermissionCatalog catalog, AccountStore accounts) {
    this.jdbi = jdbi;
    this.catalog = catalog;
    this.accounts = accounts;
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
    if (p.regions() != null) {
      for (Regional r : REGIONAL) {
        if (template.startsWith(r.prefix())) {
          checkRegion(p, r, request.path("id"));
        }
      }
    }
    return p.regions();
  }

  /**
   * A body's top-level {@code clusterId} or {@code storageClusterId} (creating a VM, network,
   * storage cluster, spec or disk there, migrating there) must lie in the caller's regions.
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
    if (body.path("clusterId").isTextual()) {
      checkRegion(p, byPrefix("/api/v1/clusters/{id}"), body.path("clusterId").asText());
    }
    if (body.path("storageClusterId").isTextual()) {
      checkRegion(p, byPrefix("/api/v1/storage-clusters/{id}"), body.path("storageClusterId").asText());
    }
  }

  private static Regional byPrefix(String prefix) {
    return REGIONAL.stream().filter(r -> r.prefix().equals(prefix)).findFirst().orElseThrow();
  }

  private void checkRegion(AccountStore.Principal p, Regional r, String idOrName) {
    Set<String> regions = jdbi.withHandle(h -> {
      Set<String> found = new TreeSet<>(h.createQuery(r.byId()).bind("x", idOrName).mapTo(String.class).list());
      if (found.isEmpty()) {
        found.addAll(h.createQuery(r.byName()).bind("x", idOrName).mapTo(String.class).list());
      }
      return found;
    });
    for (String region : regions) {
      if (!p.regions().contains(region)) {
        throw new ApiException(403, "forbidden", null, "account " + p.login() + " is not authorised for region "
            + region + " of " + idOrName);
      }
    }
  }

  /** Region of each cluster, for the list filters of cluster-bound resources. */
  public static Map<String, String> clusterRegions(Jdbi jdbi) {
    return jdbi.withHandle(h -> h.createQuery("SELECT id, region_id FROM clusters")
        .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
