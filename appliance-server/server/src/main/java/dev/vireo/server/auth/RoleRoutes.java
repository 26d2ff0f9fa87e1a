package dev.vireo.server.auth;

import dev.vireo.api.model.Permission;
import dev.vireo.api.model.Role;
import dev.vireo.api.model.RoleRequest;
import dev.vireo.api.model.SecuritySettings;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import dev.vireo.server.inventory.Ids;
import java.util.ArrayList;
import java.util.List;

/**
 * Roles (white paper 5.2.4): the built-in four, custom roles over the grantable permissions
 * (GET /api/v1/permissions), and the console security settings (white paper 7.1).
 */
public final class RoleRoutes {
  private final Sessions sessions;
  private final AccountStore accounts;
  private final PermissionCatalog catalog;

  public RoleRoutes(Sessions sessions) {
    this.sessions = sessions;
    this.accounts = sessions.accounts();
    this.catalog = accounts.roleCatalog().permissions();
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/roles", Access.USER, r -> Response.ok(r.page(roles())))
        .post("/api/v1/roles", Access.USER, r -> save(r, null))
        .get("/api/v1/roles/{id}", Access.USER, r -> Response.ok(accounts.withAccounts(find(r))))
        .put("/api/v1/roles/{id}", Access.USER, r -> save(r, custom(find(r))))
        .delete("/api/v1/roles/{id}", Access.USER, r -> {
          Role role = custom(find(r));
          if (!accounts.withAccounts(role).accountIds().isEmpty()) {
            throw ApiException.conflict("role " + role.name() + " is held by accounts "
                + accounts.withAccounts(role).accountIds() + ": take it from them first");
          }
          accounts.deleteRole(role.id());
          return Response.noContent();
        })
        .get("/api/v1/permissions", Access.USER, r -> {
          List<Permission> all = new ArrayList<>();
          catalog.permissions().forEach((p, ops) -> all.add(new Permission(p, PermissionCatalog.resource(p),
              PermissionCatalog.action(p), ops)));
          return Response.ok(r.page(all));
        })
        .get("/api/v1/settings/security", Access.USER, r -> Response.ok(sessions.settings().current()))
        .put("/api/v1/settings/security", Access.USER, r -> {
          SecuritySettings s = r.json(SecuritySettings.class);
          return Response.ok(sessions.settings().save(s));
        });
  }

  private List<Role> roles() {
    return accounts.roles().stream().map(accounts::withAccounts).toList();
  }

  private Role find(Request r) {
    String id = r.path("id");
    return accounts.role(id).orElseThrow(() -> ApiException.notFound("role", id));
  }

  private static Role custom(Role role) {
    if (role.builtIn()) {
      throw ApiException.conflict("built-in role " + role.id() + " cannot be changed or deleted");
    }
    return role;
  }

  private Response save(Request r, Role existing) {
    RoleRequest req = r.json(RoleRequest.class);
    if (req.name() == null || req.name().isBlank()) {
      throw ApiException.invalid("name", "is required");
    }
    String name = req.name().strip();
    if (name.length() > 64) {
      throw ApiException.invalid("name", "must be at most 64 characters");
    }
    if (accounts.roleNameTaken(name, existing == null ? null : existing.id())) {
      throw ApiException.conflict("a role named " + name + " exists");
    }
    String description = req.description() == null || req.description().isBlank() ? null : req.description().strip();
    if (description != null && description.length() > 1024) {
      throw ApiException.invalid("description", "must be at most 1024 characters");
    }
    if (req.permissions() == null || req.permissions().isEmpty()) {
      throw ApiException.invalid("permissions", "must grant at least one permission (GET /api/v1/permissions)");
    }
    for (int i = 0; i < req.permissions().size(); i++) {
      String p = req.permissions().get(i);
      if (p == null || !catalog.exists(p)) {
        throw ApiException.invalid("permissions[" + i + "]", "'" + p + "' is no permission (GET /api/v1/permissions)");
      }
    }
    Role role = new Role(existing == null ? Ids.next("role") : existing.id(), name, description, false,
        List.copyOf(new java.util.TreeSet<>(req.permissions())), List.of(),
        existing == null ? sessions.now() : existing.createdAt());
    accounts.saveRole(role, existing == null);
    Role saved = accounts.withAccounts(accounts.role(role.id()).orElseThrow());
    return existing == null ? Response.created(saved, "/api/v1/roles/" + role.id()) : Response.ok(saved);
  }
}
