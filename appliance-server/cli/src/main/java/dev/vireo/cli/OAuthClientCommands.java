package dev.vireo.cli;

import dev.vireo.api.model.CreateOAuthClientRequest;
import dev.vireo.api.model.OAuthClient;
import dev.vireo.api.model.OAuthClientCreated;
import dev.vireo.api.model.Page;
import java.util.List;
import java.util.Set;

/** {@code vireo oauth-client create|list|show|delete|signing-keys|rotate-signing-key}: applications of the OAuth 2.0 provider (ADR 0043). */
final class OAuthClientCommands {
  private final Session session;
  private final Output out;

  OAuthClientCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    Args args = Args.parse(tokens, Set.of("name", "reason"), Set.of("public"), Set.of("redirect-uri", "grant", "scope"));
    var clients = session.client().oauthClients();
    switch (verb) {
      case "create" -> {
        args.noMorePositionalsThan(0);
        OAuthClientCreated c = clients.create(new CreateOAuthClientRequest(args.required("name"),
            !args.flag("public"), args.values("redirect-uri"), args.values("grant"), args.values("scope")));
        out.result(c, () -> out.table(List.of("FIELD", "VALUE"), List.of(
            Table.row("client_id", c.id()), Table.row("client_secret", c.clientSecret() == null ? "(public client)"
                : c.clientSecret() + "   (shown only now)"),
            Table.row("redirect URIs", String.join(" ", c.redirectUris())),
            Table.row("grants", String.join(" ", c.grantTypes())), Table.row("scopes", String.join(" ", c.scopes())))));
      }
      case "list" -> {
        args.noMorePositionalsThan(0);
        Page<OAuthClient> page = clients.list();
        out.result(page, () -> out.table(List.of("CLIENT_ID", "NAME", "TYPE", "GRANTS", "SCOPES", "REDIRECT URIS"),
            page.items().stream().map(c -> Table.row(c.id(), c.name(), c.confidential() ? "confidential" : "public",
                String.join(",", c.grantTypes()), String.join(",", c.scopes()), String.join(" ", c.redirectUris())))
                .toList()));
      }
      case "show" -> {
        OAuthClient c = clients.get(args.target("client id"));
        out.result(c, () -> out.table(List.of("FIELD", "VALUE"), List.of(Table.row("client_id", c.id()),
            Table.row("name", c.name()), Table.row("type", c.confidential() ? "confidential" : "public"),
            Table.row("redirect URIs", String.join(" ", c.redirectUris())),
            Table.row("grants", String.join(" ", c.grantTypes())), Table.row("scopes", String.join(" ", c.scopes())),
            Table.row("account", c.accountId()))));
      }
      case "delete" -> {
        String id = args.target("client id");
        clients.delete(id);
        out.line("deleted OAuth client " + id);
      }
      case "signing-keys" -> {
        args.noMorePositionalsThan(0);
        var keys = clients.signingKeys();
        out.result(keys, () -> out.table(List.of("KEY_ID", "USE", "SINCE"), keys.items().stream()
            .map(k -> Table.row(k.keyId(), k.current() ? "signs" : "verifies only", String.valueOf(k.since()))).toList()));
      }
      case "rotate-signing-key" -> {
        args.noMorePositionalsThan(0);
        var rotated = clients.rotateSigningKey(args.value("reason"));
        out.result(rotated, () -> out.line("new signing key " + rotated.keyId() + "; " + rotated.previousKeyId()
            + " still verifies until the next rotation"));
      }
      default -> throw new UsageException("unknown command 'oauth-client " + verb + "'");
    }
  }
}
