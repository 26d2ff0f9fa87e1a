package dev.vireo.server.auth;

import dev.vireo.api.model.Account;
import dev.vireo.api.model.AccountScope;
import dev.vireo.api.model.AccountState;
import dev.vireo.api.model.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts, their regions and roles, custom roles, and each account's effective rights (the
 * {@link Principal}), cached per login and dropped on every write to any of them.
 */
public final class AccountStore {
  /** An account's row with what authenticating needs (the hash never leaves the server). */
  public record Row(String id, String login, String email, String displayName, AccountScope scope, boolean readOnly,
      AccountState state, boolean builtIn, String passwordHash, Instant passwordChangedAt, boolean mustChangePassword,
      int failedLogins, Instant lockedUntil, Instant createdAt, List<String> regionIds, List<String> roleIds) {}

  /** What an account may do: its permissions after read-only and scope, and its regions (null: all). */
  public record Principal(String accountId, String login, AccountState state, boolean mustChangePassword,
      Set<String> permissions, Set<String> regions) {}

  private final Jdbi jdbi;
  private final RoleCatalog builtIn;
  private final Map<String, Principal> principals = new ConcurrentHashMap<>();

  public AccountStore(Jdbi jdbi, RoleCatalog builtIn) {
    this.jdbi = jdbi;
    this.builtIn = builtIn;
  }

  public RoleCatalog roleCatalog() {
    return builtIn;
  }

  /** Drops every cached principal: called after each write. */
  public void changed() {
    principals.clear();
  }

  public Optional<Principal> principal(String login) {
    Principal p = principals.get(login);
    if (p == null) {
      Optional<Row> row = byLogin(login);
      if (row.isEmpty()) {
        return Optional.empty();
      }
      p = principalOf(row.get());
      principals.put(login, p);
    }
    return Optional.of(p);
  }

  Principal principalOf(Row a) {
    Set<String> perms = new TreeSet<>();
    for (String roleId : a.roleIds()) {
      role(roleId).ifPresent(r -> perms.addAll(r.permissions()));
    }
    if (a.readOnly()) {
      perms.removeIf(p -> !RoleCatalog.isRead(p));
    }
    if (a.scope() == AccountScope.REGION) {
      perms.removeIf(RoleCatalog::isGlobal);
    }
    return new Principal(a.id(), a.login(), a.state(), a.mustChangePassword(), Set.copyOf(perms),
        a.scope() == AccountScope.SYSTEM ? null : Set.copyOf(a.regionIds()));
  }

  public Account answer(Row a) {
    return new Account(a.id(), a.login(), a.email(), a.displayName(), a.scope(), a.regionIds(), a.readOnly(),
        a.state(), a.builtIn(), a.roleIds(), List.copyOf(principalOf(a).permissions()), a.mustChangePassword(),
        a.passwordChangedAt(), a.lockedUntil(), a.failedLogins(), a.createdAt());
  }

  // ---- accounts

  public Optional<Row> byLogin(String login) {
    return jdbi.withHandle(h -> one(h, "login", login));
  }

  public Optional<Row> get(String id) {
    return jdbi.withHandle(h -> one(h, "id", id));
  }

  public List<Row> list() {
    return jdbi.withHandle(h -> {
      List<Row> rows = h.createQuery("SELECT * FROM accounts ORDER BY created_at, id").map((rs, c) -> row(rs))
          .list();
      return rows.stream().map(r -> withLinks(h, r)).toList();
    });
  }

  private static Optional<Row> one(Handle h, String column, String value) {
    return h.createQuery("SELECT * FROM accounts WHERE " + column + " = :v").bind("v", value)
        .map((rs, c) -> row(rs)).findOne().map(r -> withLinks(h, r));
  }

  private static Row withLinks(Handle h, Row r) {
    List<String> regions = h.createQuery("SELECT region_id FROM account_regions WHERE account_id = :a ORDER BY region_id")
        .bind("a", r.id()).mapTo(String.class).list();
    List<String> roles = h.createQuery("SELECT role_id FROM account_roles WHERE account_id = :a ORDER BY role_id")
        .bind("a", r.id()).mapTo(String.class).list();
    return new Row(r.id(), r.login(), r.email(), r.displayName(), r.scope(), r.readOnly(), r.state(), r.builtIn(),
        r.passwordHash(), r.passwordChangedAt(), r.mustChangePassword(), r.failedLogins(), r.lockedUntil(),
        r.createdAt(), regions, roles);
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString("id"), rs.getString("login"), rs.getString("email"), rs.getString("display_name"),
        AccountScope.valueOf(rs.getString("scope")), rs.getBoolean("read_only"),
        AccountState.valueOf(rs.getString("state")), rs.getBoolean("built_in"), rs.getString("password_hash"),
        instant(rs, "password_changed_at"), rs.getBoolean("must_change_password"), rs.getInt("failed_logins"),
        instant(rs, "locked_until"), instant(rs, "created_at"), List.of(), List.of());
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static OffsetDateTime utc(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  public void insert(Row a) {
    jdbi.useTransaction(h -> {
      h.createUpdate("INSERT INTO accounts (id, login, email, display_name, scope, read_only, state, built_in,"
              + " password_hash, password_changed_at, must_change_password, failed_logins, locked_until, created_at)"
              + " VALUES (:id, :login, :email, :name, :scope, :ro, :state, :builtIn, :hash, :changed, :must, 0, NULL,"
              + " :created)")
          .bind("id", a.id()).bind("login", a.login()).bind("email", a.email()).bind("name", a.displayName())
          .bind("scope", a.scope().name()).bind("ro", a.readOnly()).bind("state", a.state().name())
          .bind("builtIn", a.builtIn()).bind("hash", a.passwordHash()).bind("changed", utc(a.passwordChangedAt()))
          .bind("must", a.mustChangePassword()).bind("created", utc(a.createdAt())).execute();
      links(h, a.id(), a.regionIds(), a.roleIds());
    });
    changed();
  }

  /** Writes the editable fields (login, e-mail, name, scope, read-only, regions, roles). */
  public void update(Row a) {
    jdbi.useTransaction(h -> {
      h.createUpdate("UPDATE accounts SET login = :login, email = :email, display_name = :name, scope = :scope,"
              + " read_only = :ro WHERE id = :id")
          .bind("id", a.id()).bind("login", a.login()).bind("email", a.email()).bind("name", a.displayName())
          .bind("scope", a.scope().name()).bind("ro", a.readOnly()).execute();
      h.createUpdate("DELETE FROM account_regions WHERE account_id = :a").bind("a", a.id()).execute();
      h.createUpdate("DELETE FROM account_roles WHERE account_id = :a").bind("a", a.id()).execute();
      links(h, a.id(), a.regionIds(), a.roleIds());
    });
    changed();
  }

  private static void links(Handle h, String id, List<String> regions, List<String> roles) {
    for (String region : new LinkedHashSet<>(regions)) {
      h.createUpdate("INSERT INTO account_regions (account_id, region_id) VALUES (:a, :r)").bind("a", id)
          .bind("r", region).execute();
    }
    for (String role : new LinkedHashSet<>(roles)) {
      h.createUpdate("INSERT INTO account_roles (account_id, role_id) VALUES (:a, :r)").bind("a", id)
          .bind("r", role).execute();
    }
  }

  public void delete(String id) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM sessions WHERE account_id = :a").bind("a", id).execute();
      h.createUpdate("DELETE FROM accounts WHERE id = :a").bind("a", id).execute();
    });
    changed();
  }

  public void setState(String id, AccountState state) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET state = :s WHERE id = :a").bind("s", state.name())
        .bind("a", id).execute());
    changed();
  }

  public void setPassword(String id, String hash, Instant changedAt, boolean mustChange) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET password_hash = :h, password_changed_at = :t,"
            + " must_change_password = :m, failed_logins = 0, locked_until = NULL WHERE id = :a")
        .bind("h", hash).bind("t", utc(changedAt)).bind("m", mustChange).bind("a", id).execute());
    changed();
  }

  public void setMustChangePassword(String id) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET must_change_password = TRUE WHERE id = :a")
        .bind("a", id).execute());
    changed();
  }

  /** A failed login; at {@code threshold} failures the account is locked until {@code until} and the count restarts. */
  public void loginFailed(String id, int threshold, Instant until) {
    jdbi.useTransaction(h -> {
      int n = h.createQuery("SELECT failed_logins FROM accounts WHERE id = :a").bind("a", id).mapTo(Integer.class)
          .one() + 1;
      boolean lock = until != null && n >= threshold;
      h.createUpdate("UPDATE accounts SET failed_logins = :n, locked_until = :u WHERE id = :a")
          .bind("n", lock ? 0 : n).bind("u", lock ? utc(until) : null).bind("a", id).execute();
    });
  }

  public void loginSucceeded(String id) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = :a"
            + " AND (failed_logins <> 0 OR locked_until IS NOT NULL)").bind("a", id).execute());
  }

  public Set<String> regionIds() {
    return jdbi.withHandle(h -> new TreeSet<>(h.createQuery("SELECT id FROM regions").mapTo(String.class).list()));
  }

  // ---- roles

  public Optional<Role> role(String id) {
    Optional<Role> b = builtIn.get(id);
    if (b.isPresent()) {
      return b;
    }
    return jdbi.withHandle(h -> h.createQuery("SELECT id, name, description, created_at FROM roles WHERE id = :id")
        .bind("id", id).map((rs, c) -> customRole(h, rs)).findOne());
  }

  /** Built-in roles first, then custom roles by creation. */
  public List<Role> roles() {
    List<Role> all = new ArrayList<>(builtIn.builtIn());
    all.addAll(jdbi.withHandle(h -> h.createQuery("SELECT id, name, description, created_at FROM roles"
        + " ORDER BY created_at, id").map((rs, c) -> customRole(h, rs)).list()));
    return all;
  }

  /** A role as answered: with the accounts holding it. */
  public Role withAccounts(Role r) {
    List<String> accounts = jdbi.withHandle(h -> h.createQuery("SELECT account_id FROM account_roles"
        + " WHERE role_id = :r ORDER BY account_id").bind("r", r.id()).mapTo(String.class).list());
    return new Role(r.id(), r.name(), r.description(), r.builtIn(), r.permissions(), accounts, r.createdAt());
  }

  private static Role customRole(Handle h, ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<String> perms = h.createQuery("SELECT permission FROM role_permissions WHERE role_id = :r ORDER BY permission")
        .bind("r", id).mapTo(String.class).list();
    return new Role(id, rs.getString("name"), rs.getString("description"), false, perms, List.of(),
        instant(rs, "created_at"));
  }

  public void saveRole(Role r, boolean create) {
    jdbi.useTransaction(h -> {
      if (create) {
        h.createUpdate("INSERT INTO roles (id, name, description, created_at) VALUES (:id, :n, :d, :t)")
            .bind("id", r.id()).bind("n", r.name()).bind("d", r.description()).bind("t", utc(r.createdAt())).execute();
      } else {
        h.createUpdate("UPDATE roles SET name = :n, description = :d WHERE id = :id").bind("id", r.id())
            .bind("n", r.name()).bind("d", r.description()).execute();
        h.createUpdate("DELETE FROM role_permissions WHERE role_id = :id").bind("id", r.id()).execute();
      }
      for (String p : new TreeSet<>(r.permissions())) {
        h.createUpdate("INSERT INTO role_permissions (role_id, permission) VALUES (:r, :p)").bind("r", r.id())
            .bind("p", p).execute();
      }
    });
    changed();
  }

  public void deleteRole(String id) {
    jdbi.useTransaction(h -> {
      h.createUpdate("DELETE FROM account_roles WHERE role_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM roles WHERE id = :id").bind("id", id).execute();
    });
    changed();
  }

  public boolean roleNameTaken(String name, String exceptId) {
    boolean builtInName = builtIn.builtIn().stream().anyMatch(r -> r.name().equalsIgnoreCase(name));
    return builtInName || jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM roles WHERE LOWER(name) = :n"
        + " AND id <> :id").bind("n", name.toLowerCase()).bind("id", exceptId == null ? "" : exceptId)
        .mapTo(Integer.class).one() > 0);
  }

  static String joined(Set<String> s) {
    return s.stream().collect(Collectors.joining(", "));
  }
}
