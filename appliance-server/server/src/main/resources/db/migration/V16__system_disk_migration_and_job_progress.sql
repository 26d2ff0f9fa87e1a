-- System disk migration (ADR 0028): the storage cluster a VM's system disk was moved to; NULL while
-- it is on its compute cluster's default storage cluster (the storage root, ADR 0004).
ALTER TABLE vms ADD COLUMN system_storage_cluster_id VARCHAR(40);
-- Measured progress of a job's running step (whole percent), NULL for steps that report none.
ALTER TABLE jobs ADD COLUMN progress INT;
