package dev.vireo.api.client;

import static dev.vireo.api.client.UrlParts.segment;

import dev.vireo.api.model.Account;
import dev.vireo.api.model.AccountRegionsRequest;
import dev.vireo.api.model.ChangePasswordRequest;
import dev.vireo.api.model.CreateAccountRequest;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.Permission;
import dev.vireo.api.model.Role;
import dev.vireo.api.model.RoleRequest;
import dev.vireo.api.model.SecuritySettings;
import dev.vireo.api.model.UpdateAccountRequest;
import java.util.List;
import java.util.Map;

/**
 * Accounts, roles, permissions and the console security settings (white paper 5.2, 7.1; ADR 0038,
 * 0039); from {@link VireoClient#accounts()}.
 */
public final class AccountClient {
  private static final String V1 = "/api/v1";
  private final HttpTransport http;

  AccountClient(HttpTransport http) {
    this.http = http;
  }

  public Page<Account> list() {
    return http.send("GET", V1 + "/accounts?" + Paging.FIRST_1000.query(), null, Map.of(), http.pageOf(Account.class));
  }

  public Account get(String idOrLogin) {
    return http.send("GET", V1 + "/accounts/" + segment(idOrLogin), null, Map.of(), http.type(Account.class));
  }

  /** The caller's own account with its effective permissions. */
  public Account current() {
    return http.send("GET", V1 + "/auth/account", null, Map.of(), http.type(Account.class));
  }

  public Account create(CreateAccountRequest request) {
    return http.send("POST", V1 + "/accounts", request, Map.of(), http.type(Account.class));
  }

  public Account update(String id, UpdateAccountRequest request) {
    return http.send("PATCH", V1 + "/accounts/" + segment(id), request, Map.of(), http.type(Account.class));
  }

  public void delete(String id) {
    http.send("DELETE", V1 + "/accounts/" + segment(id), null, Map.of(), null);
  }

  /** Freezes (true: no login, tokens revoked) or unfreezes an account. */
  public Account freeze(String id, boolean freeze) {
    return http.send("POST", V1 + "/accounts/" + segment(id) + (freeze ? "/freeze" : "/unfreeze"), null, Map.of(),
        http.type(Account.class));
  }

  public Account authorizeRegions(String id, List<String> regionIds) {
    return http.send("PUT", V1 + "/accounts/" + segment(id) + "/regions", new AccountRegionsRequest(regionIds),
        Map.of(), http.type(Account.class));
  }

  /** Changes the caller's own password; its other tokens are revoked. */
  public void changePassword(String current, String next) {
    http.send("POST", V1 + "/auth/password", new ChangePasswordRequest(current, next), Map.of(), null);
  }

  public Page<Role> roles() {
    return http.send("GET", V1 + "/roles?" + Paging.FIRST_1000.query(), null, Map.of(), http.pageOf(Role.class));
  }

  public Role role(String id) {
    return http.send("GET", V1 + "/roles/" + segment(id), null, Map.of(), http.type(Role.class));
  }

  public Role createRole(RoleRequest request) {
    return http.send("POST", V1 + "/roles", request, Map.of(), http.type(Role.class));
  }

  public Role replaceRole(String id, RoleRequest request) {
    return http.send("PUT", V1 + "/roles/" + segment(id), request, Map.of(), http.type(Role.class));
  }

  public void deleteRole(String id) {
    http.send("DELETE", V1 + "/roles/" + segment(id), null, Map.of(), null);
  }

  public Page<Permission> permissions() {
    return http.send("GET", V1 + "/permissions?" + Paging.FIRST_1000.query(), null, Map.of(),
        http.pageOf(Permission.class));
  }

  public SecuritySettings securitySettings() {
    return http.send("GET", V1 + "/settings/security", null, Map.of(), http.type(SecuritySettings.class));
  }

  public SecuritySettings setSecuritySettings(SecuritySettings settings) {
    return http.send("PUT", V1 + "/settings/security", settings, Map.of(), http.type(SecuritySettings.class));
  }

  // --- API key pairs (ADR 0042) ---

  /** The API keys of an account (id or login), without secrets. */
  public Page<dev.vireo.api.model.ApiKey> apiKeys(String account) {
    return http.send("GET", V1 + "/accounts/" + segment(account) + "/api-keys?" + Paging.FIRST_1000.query(), null,
        Map.of(), http.pageOf(dev.vireo.api.model.ApiKey.class));
  }

  /** A new key pair of the account; its {@code secret} is in this answer only. */
  public dev.vireo.api.model.ApiKey createApiKey(String account, String description) {
    return http.send("POST", V1 + "/accounts/" + segment(account) + "/api-keys",
        new dev.vireo.api.model.CreateApiKeyRequest(description), Map.of(), http.type(dev.vireo.api.model.ApiKey.class));
  }

  /** Enables (true) or disables a key pair. */
  public dev.vireo.api.model.ApiKey enableApiKey(String account, String accessKey, boolean enable) {
    return http.send("POST", V1 + "/accounts/" + segment(account) + "/api-keys/" + segment(accessKey)
        + (enable ? "/enable" : "/disable"), null, Map.of(), http.type(dev.vireo.api.model.ApiKey.class));
  }

  public void deleteApiKey(String account, String accessKey) {
    http.send("DELETE", V1 + "/accounts/" + segment(account) + "/api-keys/" + segment(accessKey), null, Map.of(),
        null);
  }
}
