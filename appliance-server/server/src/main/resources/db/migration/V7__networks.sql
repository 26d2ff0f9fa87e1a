-- White paper 3.3 and 4.2.7/4.2.8 (flat networks, IPAM), 4.2.13-4.2.15 (hostname, DNS, MAC); ADR 0016.
-- A flat network of a cluster: a VLAN (or untagged) on a node uplink, its IPv4 (and optional IPv6)
-- subnet, gateway and allocation range; DNS servers and custom routes as JSON lists.
CREATE TABLE networks (
  id VARCHAR(40) PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE,
  cluster_id VARCHAR(40) NOT NULL REFERENCES clusters(id),
  uplink VARCHAR(15) NOT NULL,
  vlan_id INT,
  ipv4_subnet VARCHAR(18) NOT NULL,
  ipv4_gateway VARCHAR(15),
  ipv4_range_start VARCHAR(15) NOT NULL,
  ipv4_range_end VARCHAR(15) NOT NULL,
  ipv6_subnet VARCHAR(43),
  ipv6_gateway VARCHAR(39),
  ipv6_range_start VARCHAR(39),
  ipv6_range_end VARCHAR(39),
  dns_servers VARCHAR(256) NOT NULL,
  dhcp BOOLEAN DEFAULT FALSE NOT NULL,
  routes VARCHAR(8192) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX networks_cluster ON networks(cluster_id);

-- The NICs of live VMs, eth0 first; a MAC is unique across the platform.
CREATE TABLE vm_nics (
  vm_id VARCHAR(40) NOT NULL REFERENCES vms(id),
  nic_index INT NOT NULL,
  network_id VARCHAR(40) NOT NULL REFERENCES networks(id),
  mac VARCHAR(17) NOT NULL UNIQUE,
  ipv4_address VARCHAR(15),
  ipv6_address VARCHAR(39),
  PRIMARY KEY (vm_id, nic_index)
);
CREATE INDEX vm_nics_network ON vm_nics(network_id);

-- IPAM: one row per handed-out address. The primary key is what guarantees an address is never
-- handed out twice, also to concurrent creates (ADR 0016).
CREATE TABLE ip_allocations (
  network_id VARCHAR(40) NOT NULL REFERENCES networks(id),
  address VARCHAR(39) NOT NULL,
  vm_id VARCHAR(40) NOT NULL REFERENCES vms(id),
  PRIMARY KEY (network_id, address)
);
CREATE INDEX ip_allocations_vm ON ip_allocations(vm_id);

-- Guest customisation: hostname (null for VMs created before networks: no seed), custom DNS
-- servers (JSON list, null: the network's) and the SHA-512 crypt hash of the initial password.
ALTER TABLE vms ADD COLUMN hostname VARCHAR(63);
ALTER TABLE vms ADD COLUMN dns_servers VARCHAR(256);
ALTER TABLE vms ADD COLUMN password_hash VARCHAR(128);
