-- Login security of accounts (white paper 5.2.2; ADR 0041): TOTP two-factor, one-time recovery
-- codes, the login IP allow-list, password recovery by e-mail, and where each session logged in from.

-- An account's TOTP secret, sealed with AES-GCM under <dataDir>/totp-key; confirmed once the first
-- code was accepted; last_step is the newest 30 s step a code was accepted for (no replay).
CREATE TABLE account_totp (
  account_id VARCHAR(40) PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  secret_sealed VARCHAR(256) NOT NULL,
  confirmed BOOLEAN NOT NULL,
  last_step BIGINT DEFAULT -1 NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One-time recovery codes, stored as SHA-256 hashes; used_at is set when one is spent.
CREATE TABLE account_recovery_codes (
  account_id VARCHAR(40) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  code_hash VARCHAR(64) NOT NULL,
  used_at TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (account_id, code_hash)
);

-- Addresses and CIDR blocks an account may log in and call the API from; none: anywhere.
CREATE TABLE account_ip_allow_list (
  account_id VARCHAR(40) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  position INT NOT NULL,
  entry VARCHAR(64) NOT NULL,
  PRIMARY KEY (account_id, position)
);

-- Password recovery links: the token's SHA-256, valid 30 minutes, usable once.
CREATE TABLE password_reset_tokens (
  token_hash VARCHAR(64) PRIMARY KEY,
  account_id VARCHAR(40) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  used_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX password_reset_tokens_account ON password_reset_tokens(account_id);

ALTER TABLE sessions ADD COLUMN source_ip VARCHAR(45);
