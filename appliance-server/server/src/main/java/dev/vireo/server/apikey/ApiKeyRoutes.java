package dev.vireo.server.apikey;

import dev.vireo.api.model.ApiKey;
import dev.vireo.api.model.CreateApiKeyRequest;
import dev.vireo.server.auth.AccountStore;
import dev.vireo.server.config.SecretFiles;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * An account's API key pairs (white paper 7.2, ADR 0042): create (the secret is answered once),
 * list, disable, enable, delete; at most {@link #MAX_PER_ACCOUNT} per account. An account manages
 * its own keys; another account's need {@code accounts:read} to list and {@code accounts:update}
 * to change.
 */
public final class ApiKeyRoutes {
  public static final int MAX_PER_ACCOUNT = 5;
  private final ApiKeyStore keys;
  private final AccountStore accounts;
  private final Supplier<Instant> clock;

  public ApiKeyRoutes(ApiKeyStore keys, AccountStore accounts, Supplier<Instant> clock) {
    this.keys = keys;
    this.accounts = accounts;
    this.clock = clock;
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/accounts/{id}/api-keys", Access.USER, this::list)
        .post("/api/v1/accounts/{id}/api-keys", Access.USER, this::create)
        .post("/api/v1/accounts/{id}/api-keys/{keyId}/disable", Access.USER, r -> enable(r, false))
        .post("/api/v1/accounts/{id}/api-keys/{keyId}/enable", Access.USER, r -> enable(r, true))
        .delete("/api/v1/accounts/{id}/api-keys/{keyId}", Access.USER, r -> {
          keys.delete(key(r).accessKey());
          return Response.noContent();
        });
  }

  private Response list(Request r) {
    List<ApiKey> answers = keys.ofAccount(account(r, "accounts:read").id()).stream()
        .map(ApiKeyStore.Stored::answer).toList();
    return Response.ok(r.page(answers));
  }

  private Response create(Request r) {
    AccountStore.Row a = account(r, "accounts:update");
    CreateApiKeyRequest req = r.body().length == 0 ? new CreateApiKeyRequest(null) : r.json(CreateApiKeyRequest.class);
    String description = req.description() == null ? null : req.description().strip();
    if (description != null && description.length() > 128) {
      throw ApiException.invalid("description", "must be at most 128 characters");
    }
    if (keys.countOf(a.id()) >= MAX_PER_ACCOUNT) {
      throw ApiException.conflict("account " + a.login() + " has " + MAX_PER_ACCOUNT
          + " API keys already, the most an account may have: delete one first");
    }
    String accessKey = "VK" + SecretFiles.randomHex(9).toUpperCase(Locale.ROOT);
    String secret = SecretFiles.randomPassword(40);
    Instant now = clock.get();
    keys.insert(new ApiKeyStore.Stored(accessKey, a.id(), description == null || description.isEmpty() ? null
        : description, true, now, null, secret));
    r.note().resource(accessKey);
    return Response.created(new ApiKey(accessKey, a.id(), description, true, now, null, secret),
        "/api/v1/accounts/" + a.id() + "/api-keys");
  }

  private Response enable(Request r, boolean enabled) {
    ApiKeyStore.Stored k = key(r);
    keys.setEnabled(k.accessKey(), enabled);
    return Response.ok(keys.get(k.accessKey()).orElseThrow().answer());
  }

  private ApiKeyStore.Stored key(Request r) {
    AccountStore.Row a = account(r, "accounts:update");
    String id = r.path("keyId");
    return keys.get(id).filter(k -> k.accountId().equals(a.id()))
        .orElseThrow(() -> ApiException.notFound("API key of account " + a.login(), id));
  }

  /** The account of the path (id or login): the caller's own, or another with {@code permission}. */
  private AccountStore.Row account(Request r, String permission) {
    String id = r.path("id");
    AccountStore.Row a = accounts.get(id).or(() -> accounts.byLogin(id))
        .orElseThrow(() -> ApiException.notFound("account", id));
    r.note().resource(a.id());
    AccountStore.Principal p = accounts.principal(r.username()).orElseThrow();
    if (p.mustChangePassword()) {
      throw new ApiException(403, "password_change_required", null,
          "the password must be changed first (POST /api/v1/auth/password)");
    }
    if (!a.login().equals(r.username())) {
      if (!p.permissions().contains(permission)) {
        throw new ApiException(403, "forbidden", null, "account " + p.login() + " lacks permission " + permission
            + " to manage the API keys of another account");
      }
    }
    return a;
  }
}
