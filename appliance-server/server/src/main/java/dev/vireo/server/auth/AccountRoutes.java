package dev.vireo.server.auth;

import dev.vireo.api.model.Account;
import dev.vireo.api.model.AccountRegionsRequest;
import dev.vireo.api.model.AccountScope;
import dev.vireo.api.model.AccountState;
import dev.vireo.api.model.ChangePasswordRequest;
import dev.vireo.api.model.CreateAccountRequest;
import dev.vireo.api.model.UpdateAccountRequest;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Request;
import dev.vireo.server.inventory.Ids;
import dev.vireo.server.http.Response;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accounts (white paper 5.2.3): create with a forced password change on first login, update,
 * freeze/unfreeze (freezing revokes the tokens), region authorisation, delete; and the caller's
 * own account and password change.
 */
public final class AccountRoutes {
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
      + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
  private final Sessions sessions;
  private final AccountStore accounts;

  public AccountRoutes(Sessions sessions) {
    this.sessions = sessions;
    this.accounts = sessions.accounts();
  }

  public void register(ApiRouter router) {
    router.get("/api/v1/accounts", Access.USER, r -> Response.ok(r.page(answers())))
        .post("/api/v1/accounts", Access.USER, this::create)
        .get("/api/v1/accounts/{id}", Access.USER, r -> Response.ok(accounts.answer(find(r))))
        .patch("/api/v1/accounts/{id}", Access.USER, this::update)
        .delete("/api/v1/accounts/{id}", Access.USER, this::delete)
        .post("/api/v1/accounts/{id}/freeze", Access.USER, r -> state(r, AccountState.FROZEN))
        .post("/api/v1/accounts/{id}/unfreeze", Access.USER, r -> state(r, AccountState.ACTIVE))
        .put("/api/v1/accounts/{id}/regions", Access.USER, this::regions)
        .get("/api/v1/auth/account", Access.USER, r -> Response.ok(accounts.answer(self(r))))
        .post("/api/v1/auth/password", Access.USER, r -> {
          ChangePasswordRequest req = r.json(ChangePasswordRequest.class);
          sessions.changePassword(r.username(), r.header(Headers.AUTHORIZATION_STRING), req.currentPassword(),
              req.newPassword());
          return Response.noContent();
        });
  }

  private List<Account> answers() {
    return accounts.list().stream().map(accounts::answer).toList();
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

  private Response create(Request r) {
    CreateAccountRequest req = r.json(CreateAccountRequest.class);
    String email = email(req.email());
    if (accounts.byLogin(email).isPresent()) {
      throw ApiException.conflict("an account with e-mail " + email + " exists");
    }
    String name = displayName(req.displayName() == null ? email : req.displayName());
    PasswordPolicy.check("password", req.password(), sessions.settings().get());
    if (req.scope() == null) {
      throw ApiException.invalid("scope", "is required: SYSTEM or REGION");
    }
    List<String> regions = regions(req.scope(), req.regionIds());
    List<String> roles = roles(req.roleIds());
    String id = Ids.next("acc");
    r.note().resource(id);
    var now = sessions.now();
    accounts.insert(new AccountStore.Row(id, email, email, name, req.scope(), Boolean.TRUE.equals(req.readOnly()),
        AccountState.ACTIVE, false, PasswordHasher.hash(req.password()), now,
        !Boolean.FALSE.equals(req.mustChangePassword()), 0, null, now, regions, roles));
    Account created = accounts.answer(accounts.get(id).orElseThrow());
    return Response.created(created, "/api/v1/accounts/" + id);
  }

  private Response update(Request r) {
    AccountStore.Row a = find(r);
    UpdateAccountRequest req = r.json(UpdateAccountRequest.class);
    String email = a.email();
    String login = a.login();
    if (req.email() != null) {
      if (a.builtIn()) {
        throw ApiException.invalid("email", "the built-in administrator logs in as " + a.login()
            + " and has no e-mail login");
      }
      email = email(req.email());
      login = email;
      if (!email.equals(a.login()) && accounts.byLogin(email).isPresent()) {
        throw ApiException.conflict("an account with e-mail " + email + " exists");
      }
    }
    String name = req.displayName() == null ? a.displayName() : displayName(req.displayName());
    AccountScope scope = req.scope() == null ? a.scope() : req.scope();
    boolean readOnly = req.readOnly() == null ? a.readOnly() : req.readOnly();
    List<String> roles = req.roleIds() == null ? a.roleIds() : roles(req.roleIds());
    if (a.builtIn() && (scope != AccountScope.SYSTEM || readOnly || !roles.contains(RoleCatalog.SYSTEM_ADMIN))) {
      throw ApiException.conflict("the built-in administrator stays a SYSTEM system-admin account with write access");
    }
    List<String> regions = scope == AccountScope.SYSTEM ? List.of() : a.regionIds();
    if (scope == AccountScope.REGION && regions.isEmpty()) {
      throw ApiException.invalid("scope", "a REGION account needs authorised regions first"
          + " (PUT /api/v1/accounts/{id}/regions or create it with regionIds)");
    }
    accounts.update(new AccountStore.Row(a.id(), login, email, name, scope, readOnly, a.state(), a.builtIn(),
        a.passwordHash(), a.passwordChangedAt(), a.mustChangePassword(), a.failedLogins(), a.lockedUntil(),
        a.createdAt(), regions, roles));
    if (!login.equals(a.login())) {
      sessions.revokeAll(a.id(), null); // tokens name the login they were issued to
    }
    return Response.ok(accounts.answer(accounts.get(a.id()).orElseThrow()));
  }

  private Response delete(Request r) {
    AccountStore.Row a = find(r);
    notSelfNorBuiltIn(r, a, "deleted");
    accounts.delete(a.id());
    return Response.noContent();
  }

  private Response state(Request r, AccountState to) {
    AccountStore.Row a = find(r);
    if (to == AccountState.FROZEN) {
      notSelfNorBuiltIn(r, a, "frozen");
      if (a.state() != AccountState.ACTIVE) {
        throw ApiException.conflict("only an ACTIVE account can be frozen; " + a.login() + " is " + a.state());
      }
    } else if (a.state() != AccountState.FROZEN) {
      throw ApiException.conflict("only a FROZEN account can be unfrozen; " + a.login() + " is " + a.state());
    }
    accounts.setState(a.id(), to);
    if (to == AccountState.FROZEN) {
      sessions.revokeAll(a.id(), null);
    }
    return Response.ok(accounts.answer(accounts.get(a.id()).orElseThrow()));
  }

  private Response regions(Request r) {
    AccountStore.Row a = find(r);
    AccountRegionsRequest req = r.json(AccountRegionsRequest.class);
    if (a.scope() != AccountScope.REGION) {
      throw ApiException.conflict(a.login() + " is a SYSTEM account: it sees every region");
    }
    List<String> regions = regions(AccountScope.REGION, req.regionIds());
    accounts.update(new AccountStore.Row(a.id(), a.login(), a.email(), a.displayName(), a.scope(), a.readOnly(),
        a.state(), a.builtIn(), a.passwordHash(), a.passwordChangedAt(), a.mustChangePassword(), a.failedLogins(),
        a.lockedUntil(), a.createdAt(), regions, a.roleIds()));
    return Response.ok(accounts.answer(accounts.get(a.id()).orElseThrow()));
  }

  private static void notSelfNorBuiltIn(Request r, AccountStore.Row a, String what) {
    if (a.builtIn()) {
      throw ApiException.conflict("the built-in administrator cannot be " + what);
    }
    if (a.login().equals(r.username())) {
      throw ApiException.conflict("an account cannot be " + what + " by itself");
    }
  }

  private static String email(String raw) {
    return email("email", raw);
  }

  static String email(String field, String raw) {
    if (raw == null || raw.isBlank()) {
      throw ApiException.invalid(field, "is required");
    }
    String e = raw.strip().toLowerCase(java.util.Locale.ROOT);
    if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
      throw ApiException.invalid(field, "must be an e-mail address such as ops@example.com (got '" + raw + "')");
    }
    return e;
  }

  private static String displayName(String raw) {
    String n = raw.strip();
    if (n.isEmpty() || n.length() > 64) {
      throw ApiException.invalid("displayName", "must be 1 to 64 characters");
    }
    return n;
  }

  private List<String> regions(AccountScope scope, List<String> ids) {
    if (scope == AccountScope.SYSTEM) {
      if (ids != null && !ids.isEmpty()) {
        throw ApiException.invalid("regionIds", "must be empty for a SYSTEM account (it sees every region)");
      }
      return List.of();
    }
    if (ids == null || ids.isEmpty()) {
      throw ApiException.invalid("regionIds", "a REGION account needs at least one region (GET /api/v1/regions)");
    }
    Set<String> known = accounts.regionIds();
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null || !known.contains(ids.get(i))) {
        throw ApiException.invalid("regionIds[" + i + "]", "region " + ids.get(i) + " does not exist (GET /api/v1/regions)");
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(ids));
  }

  private List<String> roles(List<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw ApiException.invalid("roleIds", "must name at least one role (GET /api/v1/roles)");
    }
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null || accounts.role(ids.get(i)).isEmpty()) {
        throw ApiException.invalid("roleIds[" + i + "]", "role " + ids.get(i) + " does not exist (GET /api/v1/roles)");
      }
    }
    return List.copyOf(new java.util.LinkedHashSet<>(ids));
  }
}
