package dev.vireo.server.auth;

import dev.vireo.api.model.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The four built-in roles of white paper 5.2.4, computed from the permission catalog so a new
 * operation falls into them without editing a list: system administrator (everything), system
 * read-only (every {@code :read}), region administrator (everything but the platform-wide
 * account, role, security-settings, branding and OAuth-client management) and region read-only
 * (the reads of those).
 */
public final class RoleCatalog {
  public static final String SYSTEM_ADMIN = "system-admin";
  public static final String SYSTEM_READONLY = "system-readonly";
  public static final String REGION_ADMIN = "region-admin";
  public static final String REGION_READONLY = "region-readonly";
  /** Resources managed platform-wide: never granted to region roles nor to REGION-scoped accounts. */
  public static final Set<String> GLOBAL_RESOURCES = Set.of("accounts", "roles", "security-settings", "branding",
      "platform-settings", "tls-certificate",
      "oauth-clients");
  private static final Instant EPOCH = Instant.EPOCH;

  private final PermissionCatalog permissions;
  private final List<Role> roles;

  public RoleCatalog(PermissionCatalog permissions) {
    this.permissions = permissions;
    this.roles = List.of(
        role(SYSTEM_ADMIN, "System administrator", "Every resource and management operation of the platform.",
            p -> true),
        role(SYSTEM_READONLY, "System read-only user", "Reads every resource of the platform.", RoleCatalog::isRead),
        role(REGION_ADMIN, "Region administrator", "Manages every resource of its authorised regions; no account,"
            + " role, security-settings or branding management.", p -> !isGlobal(p)),
        role(REGION_READONLY, "Region read-only user", "Reads the resources of its authorised regions.",
            p -> isRead(p) && !isGlobal(p)));
  }

  private Role role(String id, String name, String description, Predicate<String> grants) {
    List<String> granted = permissions.permissions().keySet().stream().filter(grants).toList();
    return new Role(id, name, description, true, granted, List.of(), EPOCH);
  }

  public static boolean isRead(String permission) {
    return PermissionCatalog.action(permission).equals(PermissionCatalog.READ);
  }

  public static boolean isGlobal(String permission) {
    return GLOBAL_RESOURCES.contains(PermissionCatalog.resource(permission));
  }

  public List<Role> builtIn() {
    return roles;
  }

  public java.util.Optional<Role> get(String id) {
    return roles.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  public PermissionCatalog permissions() {
    return permissions;
  }
}
