-- ADR 0027: GPU VMs by PCI passthrough. node_gpus is each node's passthrough-capable GPUs as its
-- agent last listed them (refreshed at every device listing), with the VM each is assigned to:
-- a row has one vm_id at most, so two VMs never get the same GPU. vm_gpus is the GPU count a VM
-- asked for at create (1, 2 or 4).
CREATE TABLE node_gpus (
  node_id VARCHAR(64) NOT NULL,
  address VARCHAR(16) NOT NULL,
  vendor_id VARCHAR(8) NOT NULL,
  device_id VARCHAR(8) NOT NULL,
  iommu_group INT NOT NULL,
  group_functions VARCHAR(512) DEFAULT '' NOT NULL,
  vm_id VARCHAR(64),
  PRIMARY KEY (node_id, address)
);
CREATE INDEX node_gpus_vm ON node_gpus (vm_id);
CREATE TABLE vm_gpus (
  vm_id VARCHAR(64) PRIMARY KEY,
  gpu_count INT NOT NULL
);
-- USB devices of VMs (ADR 0027): PASSTHROUGH of a host device of the VM's node (by vendor/product
-- and/or bus/device) or REDIRECT of a client's device over TCP (usbredir, host and port).
CREATE TABLE vm_usb_devices (
  id VARCHAR(40) PRIMARY KEY,
  vm_id VARCHAR(64) NOT NULL,
  type VARCHAR(16) NOT NULL,
  vendor_id VARCHAR(4),
  product_id VARCHAR(4),
  bus INT,
  device INT,
  host VARCHAR(255),
  port INT,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX vm_usb_devices_vm ON vm_usb_devices (vm_id);
