-- White paper 4.5, issue 5 D4; ADR 0025. A disk snapshot: a qcow2 internal snapshot named by its id
-- inside the disk's volume. Rows stay as DELETED, like disks.
-- They go with the disk row when a storage cluster forgets its deleted disks.
CREATE TABLE disk_snapshots (
  id VARCHAR(40) PRIMARY KEY,
  disk_id VARCHAR(40) NOT NULL REFERENCES disks(id) ON DELETE CASCADE,
  name VARCHAR(64) NOT NULL,
  description VARCHAR(1024),
  size_gib INT NOT NULL,
  state VARCHAR(16) NOT NULL,
  state_reason VARCHAR(1024),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX disk_snapshots_disk ON disk_snapshots(disk_id);
