package dev.vireo.server.auth;

import dev.vireo.api.model.ChangeEmailRequest;
import dev.vireo.api.model.CurrentPasswordRequest;
import dev.vireo.api.model.IpAllowList;
import dev.vireo.api.model.TotpCodeRequest;
import dev.vireo.server.auth.allowlist.IpAllowLists;
import dev.vireo.server.auth.allowlist.IpRange;
import dev.vireo.server.auth.twofactor.TwoFactor;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.http.Response;
import io.undertow.util.Headers;
import java.util.List;

/**
 * The login security of accounts (white paper 5.2.2, ADR 0041): the caller's own TOTP enrolment,
 * its confirmation and turning it off, its login e-mail; and for administrators an account's 2FA
 * reset, IP allow-list and sessions (list, revoke).
 */
public final class LoginSecurityRoutes {
  private final Sessions sessions;
  private final AccountStore accounts;
  private final TwoFactor twoFactor;
  private final IpAllowLists allowLists;

  public LoginSecurityRoutes(Sessions sessions, TwoFactor twoFactor, IpAllowLists allowLists) {
    this.sessions = sessions;
    this.accounts = sessions.accounts();
    this.twoFactor = twoFactor;
    this.allowLists = allowLists;
  }

  public void register(ApiRouter router) {
    router.post("/api/v1/auth/totp", Access.USER, r -> {
          if (r.body().length > 0) {
            throw ApiException.badRequest("POST /api/v1/auth/totp takes no body");
          }
          AccountStore.Row a = self(r);
          return Response.ok(twoFactor.enrol(a.id(), a.login()));
        })
        .post("/api/v1/auth/totp/confirm", Access.USER, r -> Response.ok(twoFactor.confirm(self(r).id(),
            r.json(TotpCodeRequest.class).code())))
        .post("/api/v1/auth/totp/disable", Access.USER, r -> {
          AccountStore.Row a = self(r);
          checkPassword(a, r.json(CurrentPasswordRequest.class).currentPassword());
          if (!twoFactor.disable(a.id())) {
            throw ApiException.conflict("two-factor authentication is not on for " + a.login());
          }
          return Response.noContent();
        })
        .post("/api/v1/auth/email", Access.USER, this::changeEmail)
        .delete("/api/v1/accounts/{id}/totp", Access.USER, r -> {
          twoFactor.disable(find(r).id());
          return Response.noContent();
        })
        .get("/api/v1/accounts/{id}/ip-allow-list", Access.USER, r -> Response.ok(new IpAllowList(
            allowLists.entries(find(r).id()))))
        .put("/api/v1/accounts/{id}/ip-allow-list", Access.USER, this::setAllowList)
        .get("/api/v1/accounts/{id}/sessions", Access.USER, r -> Response.ok(r.page(sessions.sessionsOf(find(r).id(),
            r.header(Headers.AUTHORIZATION_STRING)))))
        .delete("/api/v1/accounts/{id}/sessions", Access.USER, r -> {
          sessions.revokeAll(find(r).id(), null);
          return Response.noContent();
        })
        .delete("/api/v1/accounts/{id}/sessions/{sessionId}", Access.USER, r -> {
          AccountStore.Row a = find(r);
          if (!sessions.revokeSession(a.id(), r.path("sessionId"))) {
            throw ApiException.notFound("session", r.path("sessionId") + " of account " + a.login());
          }
          return Response.noContent();
        });
  }

  private Response setAllowList(Request r) {
    AccountStore.Row a = find(r);
    IpAllowList req = r.json(IpAllowList.class);
    List<IpRange> ranges = IpAllowLists.validate(req == null ? null : req.entries());
    // an administrator does not lock itself out by mistake
    java.net.InetAddress client = AccessGuard.clientAddress(r);
    if (a.login().equals(r.username()) && !IpAllowLists.allows(ranges, client)) {
      throw ApiException.conflict("the list does not contain this client's address " + client.getHostAddress()
          + ": the account would lock itself out");
    }
    allowLists.set(a.id(), ranges);
    return Response.ok(new IpAllowList(allowLists.entries(a.id())));
  }

  private Response changeEmail(Request r) {
    AccountStore.Row a = self(r);
    ChangeEmailRequest req = r.json(ChangeEmailRequest.class);
    checkPassword(a, req.currentPassword());
    if (a.builtIn()) {
      throw ApiException.invalid("newEmail", "the built-in administrator logs in as " + a.login()
          + " and has no e-mail login");
    }
    String email = AccountRoutes.email("newEmail", req.newEmail());
    if (email.equals(a.login())) {
      throw ApiException.invalid("newEmail", "is already the account's e-mail");
    }
    if (accounts.byLogin(email).isPresent()) {
      throw ApiException.conflict("an account with e-mail " + email + " exists");
    }
    accounts.update(new AccountStore.Row(a.id(), email, email, a.displayName().equals(a.login()) ? email
        : a.displayName(), a.scope(), a.readOnly(), a.state(), a.builtIn(), a.passwordHash(), a.passwordChangedAt(),
        a.mustChangePassword(), a.failedLogins(), a.lockedUntil(), a.createdAt(), a.regionIds(), a.roleIds()));
    sessions.renameSessions(a.id(), email);
    r.note().resource(a.id());
    return Response.ok(accounts.answer(accounts.get(a.id()).orElseThrow()));
  }

  private static void checkPassword(AccountStore.Row a, String current) {
    if (current == null || current.isEmpty()) {
      throw ApiException.invalid("currentPassword", "is required");
    }
    if (!PasswordHasher.verify(current, a.passwordHash())) {
      throw ApiException.invalid("currentPassword", "is not the account's password");
    }
  }

  private AccountStore.Row self(Request r) {
    return accounts.byLogin(r.username()).orElseThrow(() -> new ApiException(401, "unauthorized", null,
        "the account no longer exists"));
  }

  private AccountStore.Row find(Request r) {
    String id = r.path("id");
    r.note().resource(id);
    return accounts.get(id).or(() -> accounts.byLogin(id)).orElseThrow(() -> ApiException.notFound("account", id));
  }
}
