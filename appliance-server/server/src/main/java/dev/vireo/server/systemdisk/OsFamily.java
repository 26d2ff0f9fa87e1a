package dev.vireo.server.systemdisk;

import dev.vireo.api.model.Image;
import dev.vireo.api.model.OsType;
import dev.vireo.server.image.ImageStore;
import dev.vireo.server.job.JobFailedException;
import dev.vireo.server.vm.VmHost;
import dev.vireo.server.vm.VmRecord;

/** A VM's OS family and a node that reaches its system disk. */
final class OsFamily {
  private OsFamily() {}

  /** The VM's own OS type, else its image's (VMs created before ADR 0029), else LINUX. */
  static OsType of(VmRecord vm, ImageStore images) {
    if (vm.vm().osType() != null) {
      return vm.vm().osType();
    }
    return vm.vm().imageId() == null ? OsType.LINUX
        : images.get(vm.vm().imageId()).map(Image::osType).orElse(OsType.LINUX);
  }

  /** The VM's node, or a CONNECTED node of its cluster when it has none (the disk is on shared storage). */
  static String nodeReaching(VmHost host, VmRecord r) throws JobFailedException {
    if (r.nodeId() != null) {
      return r.nodeId();
    }
    return host.anyConnectedNode(r.vm().clusterId()).orElseThrow(() -> new JobFailedException(
        "no CONNECTED node of cluster " + r.vm().clusterId() + " reaches the VM's system disk"));
  }
}
