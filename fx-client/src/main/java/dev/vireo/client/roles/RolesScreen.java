package dev.vireo.client.roles;

import dev.vireo.api.client.Paging;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Role;
import dev.vireo.api.model.RoleRequest;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.FormValues;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.List;

/**
 * The platform's roles (white paper 5.2.4, GET /api/v1/roles): the built-in ones and custom ones
 * with their permissions; a custom role is made, edited (name, description, permissions chosen from
 * the server's catalogue, GET /api/v1/permissions) and deleted here. Built-in roles cannot be
 * changed or deleted (the server's 409), so those actions are not offered for them.
 */
public final class RolesScreen extends ResourceScreen<Role> {
  public RolesScreen(AppContext ctx, ResourceSession session) {
    super("roles", "main.nav.roles", session, ResourceSource.paged(Role::id,
        (Paging p) -> ctx.client().accounts().roles()).readBy(id -> ctx.client().accounts().role(id)), List.of(
        new ResourceColumn<>("main.col.name", Role::name),
        new ResourceColumn<>("main.col.description", Role::description),
        new ResourceColumn<>("roles.col.builtIn", Role::builtIn),
        new ResourceColumn<>("roles.col.permissions", r -> String.join(", ", r.permissions())),
        new ResourceColumn<>("roles.col.accounts", r -> r.accountIds() == null ? 0 : r.accountIds().size()),
        // built-in roles exist since the platform does: the server dates them at the epoch, shown as nothing
        new ResourceColumn<>("main.col.created", r -> r.builtIn() ? null : r.createdAt())), List.of(
        new ResourceColumn<>("roles.col.id", Role::id)), Role::name, actions(ctx.client()));
  }

  private static List<ResourceAction<Role>> actions(VireoClient c) {
    return List.of(
        ResourceAction.create("roles.action.create", () -> form(c, null, v -> changed(
            c.accounts().createRole(request(v)).id()))),
        ResourceAction.form("roles.action.edit", r -> !r.builtIn(), (Role r) -> form(c, r, v -> changed(
            c.accounts().replaceRole(r.id(), request(v)).id()))),
        ResourceAction.run("roles.action.delete", r -> !r.builtIn(), (Role r) -> {
          c.accounts().deleteRole(r.id());
          return changed(r.id());
        }).confirm("roles.confirm.delete"));
  }

  /** The role's fields, filled from {@code role} when it is edited (null: a new one). */
  private static FormSpec form(VireoClient c, Role role, java.util.function.Function<FormValues, Accepted> send) {
    return new FormSpec(List.of(
        FormField.text("name", "main.col.name", true, role == null ? "" : role.name()),
        FormField.text("description", "main.col.description", false,
            role == null || role.description() == null ? "" : role.description()),
        FormField.multi("permissions", "roles.field.permissions", true, () -> c.accounts().permissions().items()
            .stream().map(p -> new Choice(p.name(), p.name())).toList(), role == null ? List.of() : role.permissions())),
        send);
  }

  /** The request of a filled role form: the chosen permissions in the catalogue's order. */
  static RoleRequest request(FormValues v) {
    return new RoleRequest(v.text("name"), v.text("description"), v.words("permissions"));
  }

  /** Role calls answer at once (no job): the answer only names the row to read again. */
  private static Accepted changed(String roleId) {
    return new Accepted(null, "role", roleId);
  }
}
