-- OAuth 2.0 / OpenID Connect provider (ADR 0043). Secrets, codes and tokens are stored only as
-- SHA-256 hashes of high-entropy random values.
CREATE TABLE oauth_clients (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  confidential BOOLEAN NOT NULL,
  secret_hash VARCHAR(64),
  redirect_uris VARCHAR(8192) NOT NULL,
  grant_types VARCHAR(256) NOT NULL,
  scopes VARCHAR(256) NOT NULL,
  account_id VARCHAR(40) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Authorization codes: single use, 60 s; family_id names the tokens issued for the code.
CREATE TABLE oauth_codes (
  code_hash VARCHAR(64) PRIMARY KEY,
  client_id VARCHAR(40) NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
  account_id VARCHAR(40) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  redirect_uri VARCHAR(2048) NOT NULL,
  scope VARCHAR(256) NOT NULL,
  nonce VARCHAR(256),
  code_challenge VARCHAR(128),
  family_id VARCHAR(40) NOT NULL,
  used BOOLEAN NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Access and refresh tokens (kind ACCESS or REFRESH); a refresh token is used once, and the
-- reuse of a used one revokes its whole family.
CREATE TABLE oauth_tokens (
  token_hash VARCHAR(64) PRIMARY KEY,
  kind VARCHAR(8) NOT NULL,
  client_id VARCHAR(40) NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,
  account_id VARCHAR(40) NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  scope VARCHAR(256) NOT NULL,
  family_id VARCHAR(40) NOT NULL,
  used BOOLEAN NOT NULL,
  revoked BOOLEAN NOT NULL,
  expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX oauth_tokens_family ON oauth_tokens(family_id);
CREATE INDEX oauth_tokens_expiry ON oauth_tokens(expires_at);
