package dev.vireo.client.accounts;

import dev.vireo.api.client.Paging;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Account;
import dev.vireo.api.model.AccountScope;
import dev.vireo.api.model.AccountState;
import dev.vireo.api.model.CreateAccountRequest;
import dev.vireo.client.app.AppContext;
import dev.vireo.client.resources.Choice;
import dev.vireo.client.resources.FormField;
import dev.vireo.client.resources.FormSpec;
import dev.vireo.client.resources.ResourceAction;
import dev.vireo.client.resources.ResourceColumn;
import dev.vireo.client.resources.ResourceScreen;
import dev.vireo.client.resources.ResourceSession;
import dev.vireo.client.resources.ResourceSource;
import java.util.Arrays;
import java.util.List;

/**
 * The platform's accounts (white paper 5.2, GET /api/v1/accounts): create one (e-mail as login,
 * an initial password it must change at first login, system or region scope, a role), freeze and
 * unfreeze, reset its two-factor authentication, end its sessions, delete it. Account changes need
 * no job: each answer refreshes the row it names.
 */
public final class AccountsScreen extends ResourceScreen<Account> {
  public AccountsScreen(AppContext ctx, ResourceSession session) {
    super("accounts", "main.nav.accounts", session, ResourceSource.paged(Account::id,
        (Paging p) -> ctx.client().accounts().list()).readBy(id -> ctx.client().accounts().get(id)), List.of(
        new ResourceColumn<>("accounts.col.login", Account::login),
        new ResourceColumn<>("main.col.name", Account::displayName),
        new ResourceColumn<>("accounts.col.scope", Account::scope),
        new ResourceColumn<>("main.col.state", Account::state),
        new ResourceColumn<>("accounts.col.roles", a -> String.join(", ", a.roleIds())),
        new ResourceColumn<>("accounts.col.regions", a -> a.regionIds() == null ? "" : String.join(", ", a.regionIds())),
        new ResourceColumn<>("main.col.created", Account::createdAt)), List.of(
        new ResourceColumn<>("accounts.col.readOnly", Account::readOnly),
        new ResourceColumn<>("accounts.col.mustChangePassword", Account::mustChangePassword),
        new ResourceColumn<>("accounts.col.failedLogins", Account::failedLogins),
        new ResourceColumn<>("accounts.col.lockedUntil", Account::lockedUntil),
        new ResourceColumn<>("accounts.col.id", Account::id)), Account::login, actions(ctx.client()));
  }

  private static List<ResourceAction<Account>> actions(VireoClient c) {
    return List.of(
        ResourceAction.create("accounts.action.create", () -> new FormSpec(List.of(
            FormField.text("email", "accounts.field.email", true),
            FormField.text("displayName", "main.col.name", false),
            FormField.secret("password", "accounts.field.password", true),
            FormField.fixed("scope", "accounts.col.scope", List.of(new Choice("SYSTEM", "SYSTEM"),
                new Choice("REGION", "REGION"))),
            FormField.choice("roleIds", "accounts.field.role", true, () -> c.accounts().roles().items().stream()
                .map(r -> new Choice(r.id(), r.name())).toList()),
            FormField.text("regionIds", "accounts.field.regions", false)),
            v -> {
              Account a = c.accounts().create(new CreateAccountRequest(v.text("email"), v.text("displayName"),
                  v.text("password"), AccountScope.valueOf(v.text("scope")), regions(v.text("regionIds")), false,
                  List.of(v.text("roleIds")), true));
              return changed(a.id());
            })),
        ResourceAction.run("accounts.action.freeze", a -> !a.builtIn() && a.state() == AccountState.ACTIVE,
            (Account a) -> changed(c.accounts().freeze(a.id(), true).id())).confirm("accounts.confirm.freeze"),
        ResourceAction.run("accounts.action.unfreeze", a -> a.state() == AccountState.FROZEN,
            (Account a) -> changed(c.accounts().freeze(a.id(), false).id())),
        ResourceAction.run("accounts.action.reset-totp", a -> true, (Account a) -> {
          c.accounts().resetTotp(a.id());
          return changed(a.id());
        }).confirm("accounts.confirm.reset-totp"),
        ResourceAction.run("accounts.action.revoke-sessions", a -> true, (Account a) -> {
          c.accounts().revokeSessions(a.id(), null);
          return changed(a.id());
        }).confirm("accounts.confirm.revoke-sessions"),
        ResourceAction.run("accounts.action.delete", a -> !a.builtIn(), (Account a) -> {
          c.accounts().delete(a.id());
          return changed(a.id());
        }).confirm("accounts.confirm.delete"));
  }

  /** Account calls answer at once (no job): the answer only names the row to read again. */
  private static Accepted changed(String accountId) {
    return new Accepted(null, "account", accountId);
  }

  /** "r1, r2" → [r1, r2]; blank → none. */
  static List<String> regions(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
  }
}
