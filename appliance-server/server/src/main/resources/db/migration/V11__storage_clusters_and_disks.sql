-- White paper 4.1.2.2 and 4.5 (storage clusters, virtual disks); ADR 0021.
-- A storage cluster: shared storage mounted at `path` on every node of a compute cluster. Each
-- compute cluster has one default storage cluster: the storage root its VMs' system disks live in.
CREATE TABLE storage_clusters (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE,
  cluster_id VARCHAR(40) NOT NULL REFERENCES clusters(id),
  path VARCHAR(1024) NOT NULL,
  description VARCHAR(1024),
  default_for_cluster BOOLEAN DEFAULT FALSE NOT NULL,
  state VARCHAR(16) NOT NULL,
  capacity_bytes BIGINT,
  used_bytes BIGINT,
  measured_at TIMESTAMP WITH TIME ZONE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT storage_clusters_path UNIQUE (cluster_id, path)
);

-- A virtual disk: a thin qcow2 volume <path>/disks/<id>.qcow2 of its storage cluster, attached to at
-- most one VM (vm_id) at guest target vdc, vdd, ...; the unique key keeps two disks off one target.
-- Rows stay as DELETED, like VMs.
CREATE TABLE disks (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL,
  description VARCHAR(1024),
  storage_cluster_id VARCHAR(40) NOT NULL REFERENCES storage_clusters(id),
  size_gib INT NOT NULL,
  state VARCHAR(16) NOT NULL,
  state_reason VARCHAR(1024),
  vm_id VARCHAR(40) REFERENCES vms(id),
  target VARCHAR(8),
  allocated_bytes BIGINT,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT disks_vm_target UNIQUE (vm_id, target)
);
CREATE INDEX disks_storage ON disks(storage_cluster_id);
CREATE INDEX disks_vm ON disks(vm_id);
