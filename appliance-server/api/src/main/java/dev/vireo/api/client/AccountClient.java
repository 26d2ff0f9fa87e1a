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
import dev.vireo.api.model.ChangeEmailRequest;
import dev.vireo.api.model.CurrentPasswordRequest;
import dev.vireo.api.model.IpAllowList;
import dev.vireo.api.model.PasswordRecoveryRequest;
import dev.vireo.api.model.PasswordResetRequest;
import dev.vireo.api.model.RecoveryCodes;
import dev.vireo.api.model.SessionInfo;
import dev.vireo.api.model.TotpCodeRequest;
import dev.vireo.api.model.TotpEnrolment;
import java.util.List;
import java.util.Map;

/**
 * Accounts, roles, permissions and the console security settings (white paper 5.2, 7.1; ADR 0038,
 * 0039), and login security: two-factor authentication, IP allow-lists, sessions, password
 * recovery (ADR 0041); from {@link VireoClient#accounts()}.
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

  // ---- login security (ADR 0041)

  /** Starts the caller's own TOTP enrolment: the secret, its otpauth:// URI and an SVG QR code. */
  public TotpEnrolment enrolTotp() {
    return http.send("POST", V1 + "/auth/totp", null, Map.of(), http.type(TotpEnrolment.class));
  }

  /** Confirms the enrolment with a first code; answers the 10 one-time recovery codes, shown once. */
  public RecoveryCodes confirmTotp(String code) {
    return http.send("POST", V1 + "/auth/totp/confirm", new TotpCodeRequest(code), Map.of(),
        http.type(RecoveryCodes.class));
  }

  /** Turns the caller's own two-factor authentication off. */
  public void disableTotp(String currentPassword) {
    http.send("POST", V1 + "/auth/totp/disable", new CurrentPasswordRequest(currentPassword), Map.of(), null);
  }

  /** An administrator turns another account's two-factor authentication off (a lost device). */
  public void resetTotp(String accountId) {
    http.send("DELETE", V1 + "/accounts/" + segment(accountId) + "/totp", null, Map.of(), null);
  }

  public IpAllowList ipAllowList(String accountId) {
    return http.send("GET", V1 + "/accounts/" + segment(accountId) + "/ip-allow-list", null, Map.of(),
        http.type(IpAllowList.class));
  }

  /** Replaces the addresses and CIDR blocks the account may log in from; empty: anywhere. */
  public IpAllowList setIpAllowList(String accountId, List<String> entries) {
    return http.send("PUT", V1 + "/accounts/" + segment(accountId) + "/ip-allow-list", new IpAllowList(entries),
        Map.of(), http.type(IpAllowList.class));
  }

  public Page<SessionInfo> sessions(String accountId) {
    return http.send("GET", V1 + "/accounts/" + segment(accountId) + "/sessions?" + Paging.FIRST_1000.query(), null,
        Map.of(), http.pageOf(SessionInfo.class));
  }

  /** Revokes one session of the account, or every one when {@code sessionId} is null. */
  public void revokeSessions(String accountId, String sessionId) {
    http.send("DELETE", V1 + "/accounts/" + segment(accountId) + "/sessions"
        + (sessionId == null ? "" : "/" + segment(sessionId)), null, Map.of(), null);
  }

  /** Changes the caller's own login e-mail. */
  public Account changeEmail(String currentPassword, String newEmail) {
    return http.send("POST", V1 + "/auth/email", new ChangeEmailRequest(currentPassword, newEmail), Map.of(),
        http.type(Account.class));
  }

  /** Asks for a password recovery link by mail (needs no login; the answer is the same for any address). */
  public void requestPasswordRecovery(String email) {
    http.send("POST", V1 + "/auth/password-recovery", new PasswordRecoveryRequest(email), Map.of(), null);
  }

  /** Sets a new password with the token of a recovery link (needs no login). */
  public void resetPassword(String token, String newPassword) {
    http.send("POST", V1 + "/auth/password-reset", new PasswordResetRequest(token, newPassword), Map.of(), null);
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
