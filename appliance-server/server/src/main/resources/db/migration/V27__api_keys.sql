-- API key pairs per account (white paper 7.2, ADR 0042). The secret is sealed with AES-GCM under
-- the server's api-key-seal file, not hashed: verifying an HMAC signature needs the secret itself.
CREATE TABLE api_keys (
  access_key VARCHAR(32) PRIMARY KEY,
  account_id VARCHAR(40) NOT NULL,
  description VARCHAR(128),
  secret_sealed VARCHAR(256) NOT NULL,
  enabled BOOLEAN NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_used_at TIMESTAMP WITH TIME ZONE,
  CONSTRAINT api_keys_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);
CREATE INDEX api_keys_by_account ON api_keys (account_id);
