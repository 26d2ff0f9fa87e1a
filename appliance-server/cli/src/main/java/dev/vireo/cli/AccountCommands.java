package dev.vireo.cli;

import dev.vireo.api.model.Account;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.Role;
import java.util.List;
import java.util.Set;

/**
 * {@code vireo account list|show|whoami|freeze|unfreeze|delete} and {@code vireo role list}:
 * accounts and roles (white paper 5.2, ADR 0038); the login security verbs are
 * {@link LoginSecurityCommands}.
 */
final class AccountCommands {
  private final Session session;
  private final Output out;

  AccountCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void account(String verb, List<String> tokens) {
    if (LoginSecurityCommands.VERBS.contains(verb)) {
      new LoginSecurityCommands(session).run(verb, tokens);
      return;
    }
    Args args = Args.parse(tokens, Set.of(), Set.of());
    var accounts = session.client().accounts();
    switch (verb) {
      case "list" -> {
        args.noMorePositionalsThan(0);
        Page<Account> page = accounts.list();
        out.result(page, () -> out.table(List.of("ID", "LOGIN", "NAME", "SCOPE", "STATE", "READ-ONLY", "ROLES"),
            page.items().stream().map(a -> Table.row(a.id(), a.login(), a.displayName(), Human.str(a.scope()),
                Human.str(a.state()), a.readOnly() ? "yes" : "no", String.join(",", a.roleIds()))).toList()));
      }
      case "show" -> show(accounts.get(args.target("account id or login")));
      case "whoami" -> show(accounts.current());
      case "freeze" -> show(accounts.freeze(args.target("account id"), true));
      case "unfreeze" -> show(accounts.freeze(args.target("account id"), false));
      case "delete" -> {
        String id = args.target("account id");
        accounts.delete(id);
        out.line("deleted account " + id);
      }
      default -> new LoginSecurityCommands(session).run(verb, tokens);
    }
  }

  void role(String verb, List<String> tokens) {
    Args args = Args.parse(tokens, Set.of(), Set.of());
    if (!verb.equals("list")) {
      throw new UsageException("unknown command 'role " + verb + "'");
    }
    args.noMorePositionalsThan(0);
    Page<Role> page = session.client().accounts().roles();
    out.result(page, () -> out.table(List.of("ID", "NAME", "BUILT-IN", "PERMISSIONS", "ACCOUNTS"),
        page.items().stream().map(r -> Table.row(r.id(), r.name(), r.builtIn() ? "yes" : "no",
            Integer.toString(r.permissions().size()), Integer.toString(r.accountIds().size()))).toList()));
  }

  private void show(Account a) {
    out.result(a, () -> out.table(List.of("FIELD", "VALUE"), List.of(
        Table.row("id", a.id()), Table.row("login", a.login()), Table.row("name", a.displayName()),
        Table.row("scope", Human.str(a.scope())), Table.row("regions", String.join(",", a.regionIds())),
        Table.row("state", Human.str(a.state())), Table.row("read-only", a.readOnly() ? "yes" : "no"),
        Table.row("roles", String.join(",", a.roleIds())),
        Table.row("must change password", a.mustChangePassword() ? "yes" : "no"),
        Table.row("permissions", Integer.toString(a.permissions().size())))));
  }
}
