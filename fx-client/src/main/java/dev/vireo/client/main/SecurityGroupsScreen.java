package dev.vireo.client.main;

import dev.vireo.api.model.SecurityGroup;
import dev.vireo.client.app.AppContext;
import java.util.List;

/** The security groups (GET /api/v1/security-groups), read-only. */
public final class SecurityGroupsScreen extends ResourceScreen<SecurityGroup> {
  public SecurityGroupsScreen(AppContext ctx) {
    super("main.nav.securityGroups", ctx, () -> ctx.client().listSecurityGroups().items(), List.of(
        new ResourceColumn<>("main.col.name", SecurityGroup::name),
        new ResourceColumn<>("main.col.rules", g -> g.rules().size()),
        new ResourceColumn<>("main.col.description", SecurityGroup::description),
        new ResourceColumn<>("main.col.created", SecurityGroup::createdAt)));
  }
}
