-- Custom specs (white paper 6.5, ADR 0048): a spec's name may be chosen when it is modified, so it
-- takes the naming rule's 64 characters; disk specs hold the capacity range of new virtual disks
-- per storage cluster. A storage cluster without a row has the generated range (10 GiB to
-- [storage] max_disk_gib); a row is written when an administrator modifies it.
ALTER TABLE specs ALTER COLUMN name SET DATA TYPE VARCHAR(64);

CREATE TABLE disk_specs (
  storage_cluster_id VARCHAR(40) PRIMARY KEY REFERENCES storage_clusters(id) ON DELETE CASCADE,
  min_gib INT NOT NULL,
  max_gib INT NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
