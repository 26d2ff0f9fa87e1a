-- Branding (white paper 6.1, feature M15, ADR 0044): one row of texts and switches as JSON, and
-- one row per uploaded image slot. No row means the product's default (Vireo) branding.
CREATE TABLE branding_settings (
  id INT PRIMARY KEY,
  settings_json VARCHAR(8192) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE branding_images (
  kind VARCHAR(32) PRIMARY KEY,
  content_type VARCHAR(64) NOT NULL,
  data VARBINARY(524288) NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
