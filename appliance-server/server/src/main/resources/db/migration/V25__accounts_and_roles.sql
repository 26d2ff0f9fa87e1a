-- Accounts replace the single-admin table (white paper 5.2, ADR 0038). The built-in administrator
-- keeps its login name "admin" and its password; every other account logs in by its e-mail.
CREATE TABLE accounts (
  id VARCHAR(40) PRIMARY KEY,
  login VARCHAR(254) NOT NULL UNIQUE,
  email VARCHAR(254) UNIQUE,
  display_name VARCHAR(64) NOT NULL,
  scope VARCHAR(8) NOT NULL,
  read_only BOOLEAN NOT NULL,
  state VARCHAR(8) NOT NULL,
  built_in BOOLEAN NOT NULL,
  password_hash VARCHAR(256) NOT NULL,
  password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  must_change_password BOOLEAN NOT NULL,
  failed_logins INT DEFAULT 0 NOT NULL,
  locked_until TIMESTAMP WITH TIME ZONE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO accounts (id, login, email, display_name, scope, read_only, state, built_in, password_hash,
    password_changed_at, must_change_password, failed_logins, locked_until, created_at)
  SELECT 'acc-' || username, username, NULL, username, 'SYSTEM', FALSE, 'ACTIVE', TRUE, password_hash,
    created_at, FALSE, 0, NULL, created_at FROM admins;

DROP TABLE admins;

-- Authorised regions of a REGION-scoped account.
CREATE TABLE account_regions (
  account_id VARCHAR(40) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  region_id VARCHAR(40) NOT NULL REFERENCES regions(id),
  PRIMARY KEY (account_id, region_id)
);

-- Custom roles; the four built-in roles live in code (RoleCatalog) and are referred to by id.
CREATE TABLE roles (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE,
  description VARCHAR(1024),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE role_permissions (
  role_id VARCHAR(40) NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  permission VARCHAR(96) NOT NULL,
  PRIMARY KEY (role_id, permission)
);

CREATE TABLE account_roles (
  account_id VARCHAR(40) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  role_id VARCHAR(40) NOT NULL,
  PRIMARY KEY (account_id, role_id)
);

INSERT INTO account_roles (account_id, role_id) SELECT id, 'system-admin' FROM accounts;

-- Sessions belong to an account (revoked with it) and remember their last use (idle logout).
ALTER TABLE sessions ADD COLUMN account_id VARCHAR(40);
ALTER TABLE sessions ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
UPDATE sessions SET account_id = 'acc-' || username, last_used_at = created_at;
DELETE FROM sessions WHERE account_id NOT IN (SELECT id FROM accounts);
CREATE INDEX sessions_account ON sessions(account_id);

-- Console security settings (white paper 7.1): one row.
CREATE TABLE security_settings (
  id INT PRIMARY KEY,
  settings_json VARCHAR(4096) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
