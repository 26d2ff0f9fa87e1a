-- White paper 4.5, issue 5 D4; ADR 0025. A disk snapshot: a qcow2 internal snapshot named by its id
-- inside the disk's volume. Rows stay as DELETED, like disks.
-- They go with the disk row when a storage cluster forgets its deleted disks. A snapshot of a VM's
-- system disk (its overlay vms/<id>/system.qcow2) has vm_id instead of disk_id.
CREATE TABLE disk_snapshots (
  id VARCHAR(40) PRIMARY KEY,
  disk_id VARCHAR(40) REFERENCES disks(id) ON DELETE CASCADE,
  vm_id VARCHAR(40) REFERENCES vms(id) ON DELETE CASCADE,
  name VARCHAR(64) NOT NULL,
  description VARCHAR(1024),
  size_gib INT NOT NULL,
  state VARCHAR(16) NOT NULL,
  state_reason VARCHAR(1024),
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX disk_snapshots_disk ON disk_snapshots(disk_id);
CREATE INDEX disk_snapshots_vm ON disk_snapshots(vm_id);

-- Issue 5 D3; ADR 0025. A disk's own I/O limits, overriding the capacity formula (0 = unlimited).
-- No row: the formula of its size applies (when [storage] disk_qos is on).
CREATE TABLE disk_qos (
  disk_id VARCHAR(40) PRIMARY KEY REFERENCES disks(id) ON DELETE CASCADE,
  read_iops INT NOT NULL,
  write_iops INT NOT NULL,
  read_mbps INT NOT NULL,
  write_mbps INT NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
