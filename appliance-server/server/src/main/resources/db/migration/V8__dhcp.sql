-- ADR 0017: every node runs a DHCP server for each DHCP network, with its own address in the
-- subnet. That address is an IPAM allocation held by the node (vm_id null), so it is never handed
-- to a VM; it goes when the network is deleted.
ALTER TABLE ip_allocations ALTER COLUMN vm_id SET NULL;
ALTER TABLE ip_allocations ADD COLUMN node_id VARCHAR(40);
CREATE INDEX ip_allocations_node ON ip_allocations(network_id, node_id);
