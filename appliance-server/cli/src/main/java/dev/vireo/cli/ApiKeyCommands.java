package dev.vireo.cli;

import dev.vireo.api.model.ApiKey;
import dev.vireo.api.model.Page;
import java.util.List;
import java.util.Set;

/**
 * {@code vireo apikey create|list|disable|enable|delete [--account ID]}: API key pairs (white paper
 * 7.2, ADR 0042), of the caller's own account unless {@code --account} names another.
 */
final class ApiKeyCommands {
  private final Session session;
  private final Output out;

  ApiKeyCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    Args args = Args.parse(tokens, Set.of("account", "description"), Set.of());
    var accounts = session.client().accounts();
    String account = args.value("account");
    if (account == null) {
      account = accounts.current().id();
    }
    switch (verb) {
      case "list" -> {
        args.noMorePositionalsThan(0);
        Page<ApiKey> page = accounts.apiKeys(account);
        out.result(page, () -> out.table(List.of("ACCESS KEY", "ENABLED", "DESCRIPTION", "CREATED", "LAST USED"),
            page.items().stream().map(k -> Table.row(k.accessKey(), k.enabled() ? "yes" : "no",
                k.description() == null ? "" : k.description(), Human.time(k.createdAt()),
                k.lastUsedAt() == null ? "never" : Human.time(k.lastUsedAt()))).toList()));
      }
      case "create" -> {
        args.noMorePositionalsThan(0);
        ApiKey k = accounts.createApiKey(account, args.value("description"));
        out.result(k, () -> {
          out.line("access key: " + k.accessKey());
          out.line("secret:     " + k.secret());
          out.line("The secret is shown this once: store it now. Use it with");
          out.line("  export " + Session.ACCESS_KEY_ENV + "=" + k.accessKey() + " " + Session.SECRET_KEY_ENV + "=...");
        });
      }
      case "disable", "enable" -> {
        ApiKey k = accounts.enableApiKey(account, args.target("access key"), verb.equals("enable"));
        out.result(k, () -> out.line("API key " + k.accessKey() + (k.enabled() ? " enabled" : " disabled")));
      }
      case "delete" -> {
        String key = args.target("access key");
        accounts.deleteApiKey(account, key);
        out.line("deleted API key " + key);
      }
      default -> throw new UsageException("unknown command 'apikey " + verb + "'");
    }
  }
}
