package dev.vireo.client.secgroups;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.CreateSecurityGroupRequest;
import dev.vireo.api.model.SecurityGroup;
import dev.vireo.api.model.SecurityGroupRule;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The security groups (GET /api/v1/security-groups), live on "security-group" events: create one,
 * add or remove a rule (the group is read, changed and written back with PUT, whose job pushes it
 * to the nodes), delete one (refused while a NIC carries it).
 */
public final class SecurityGroupsScreen extends ResourceScreen<SecurityGroup> {
  public SecurityGroupsScreen(AppContext ctx, ResourceSession session) {
    super("secgroups", "main.nav.securityGroups", session, ResourceSource.paged(SecurityGroup::id,
        ctx.client()::listSecurityGroups).readBy(ctx.client()::getSecurityGroup).liveOn("security-group")
        .inRegion(SecurityGroup::regionId), List.of(
        new ResourceColumn<>("main.col.name", SecurityGroup::name),
        new ResourceColumn<>("main.col.rules", g -> g.rules() == null ? 0 : g.rules().size()),
        new ResourceColumn<>("main.col.description", SecurityGroup::description),
        new ResourceColumn<>("main.col.created", SecurityGroup::createdAt)), List.of(
        new ResourceColumn<>("secgroups.col.ruleList", g -> Rules.describe(g.rules()))),
        SecurityGroup::name, actions(ctx.client()));
  }

  private static List<ResourceAction<SecurityGroup>> actions(VireoClient c) {
    return List.of(
        ResourceAction.create("secgroups.action.create", () -> new FormSpec(List.of(
            FormField.text("name", "main.col.name", true),
            FormField.text("description", "main.col.description", false)),
            v -> c.createSecurityGroup(new CreateSecurityGroupRequest(v.text("name"), v.text("description"),
                List.of()), UUID.randomUUID().toString()))),
        ResourceAction.form("secgroups.action.add-rule", g -> true, g -> new FormSpec(List.of(
            FormField.fixed("direction", "secgroups.rule.direction", choices("ingress", "egress")),
            FormField.text("protocol", "secgroups.rule.protocol", true, "tcp"),
            FormField.text("ports", "secgroups.rule.ports", false),
            FormField.text("address", "secgroups.rule.address", false, "0.0.0.0/0"),
            FormField.fixed("action", "secgroups.rule.action", choices("accept", "drop")),
            FormField.fixed("priority", "secgroups.rule.priority", choices("medium", "high", "low")),
            FormField.text("description", "main.col.description", false)),
            v -> {
              SecurityGroup now = c.getSecurityGroup(g.id());
              List<SecurityGroupRule> rules = new ArrayList<>(now.rules() == null ? List.of() : now.rules());
              rules.add(new SecurityGroupRule(v.text("direction"), v.text("protocol"), v.text("ports"), null,
                  v.text("address"), null, v.text("action"), v.text("priority"), v.text("description")));
              return c.replaceSecurityGroup(g.id(), new CreateSecurityGroupRequest(now.name(), now.description(),
                  rules));
            })),
        ResourceAction.form("secgroups.action.remove-rule", g -> g.rules() != null && !g.rules().isEmpty(),
            g -> new FormSpec(List.of(FormField.fixed("rule", "secgroups.rule.which", Rules.choices(g.rules()))),
            v -> {
              SecurityGroup now = c.getSecurityGroup(g.id());
              List<SecurityGroupRule> rules = new ArrayList<>(now.rules());
              int at = v.integer("rule");
              if (at < 0 || at >= rules.size()) {
                throw new dev.vireo.client.resources.FormValues.FieldException("rule", "secgroups.rule.gone");
              }
              rules.remove(at);
              return c.replaceSecurityGroup(g.id(), new CreateSecurityGroupRequest(now.name(), now.description(),
                  rules));
            })),
        ResourceAction.run("secgroups.action.delete", g -> true, (SecurityGroup g) -> c.deleteSecurityGroup(g.id()))
            .confirm("secgroups.confirm.delete"));
  }

  private static List<Choice> choices(String... values) {
    return java.util.Arrays.stream(values).map(v -> new Choice(v, v)).toList();
  }
}
