package dev.vireo.agent.command;

import dev.vireo.agent.protocol.AgentReply;
import dev.vireo.agent.protocol.BlockCopyReply;
import dev.vireo.agent.protocol.DomainPowerState;
import dev.vireo.agent.protocol.MigrateSystemDiskCommand;
import dev.vireo.agent.protocol.QueryBlockCopyCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage migration of a VM's system disk (ADR 0028): the same full block copy and pivot as a
 * data disk's (ADR 0026) on {@code vda}, so the copy is flattened and no longer needs the source
 * storage's image store; offline a flattening {@code qemu-img convert}. The persistent definition
 * is repointed after the pivot, and the source deleted only after that.
 */
final class SystemDiskMigration {
  private static final Logger LOG = LoggerFactory.getLogger(SystemDiskMigration.class);
  private static final String VDA = "vda";

  private final Hypervisor hypervisor;
  private final DiskTool disks;
  private final Path storageRoot;

  SystemDiskMigration(Hypervisor hypervisor, DiskTool disks, Path storageRoot) {
    this.hypervisor = hypervisor;
    this.disks = disks;
    this.storageRoot = storageRoot;
  }

  AgentReply migrate(MigrateSystemDiskCommand c) {
    Path source = VmPaths.systemDisk(storageRoot, c.sourcePath(), "sourcePath");
    Path target = VmPaths.systemDisk(storageRoot, c.path(), "path");
    if (!VmPaths.SYSTEM_DISK.equals(String.valueOf(source.getFileName())) || c.vmId() == null
        || !c.vmId().equals(VmPaths.vmIdOf(source)) || !c.vmId().equals(VmPaths.vmIdOf(target))) {
      throw new CommandFailedException("INVALID_COMMAND", "sourcePath and path must both be <storage>/vms/" + c.vmId()
          + "/" + VmPaths.SYSTEM_DISK + ", got " + source + " and " + target);
    }
    if (source.equals(target)) {
      throw new CommandFailedException("INVALID_COMMAND", "source and target are both " + target);
    }
    String domain = c.domainName() == null || c.domainName().isBlank() ? null : c.domainName();
    DomainPowerState s = domain == null ? DomainPowerState.ABSENT : hypervisor.state(domain);
    boolean live = s == DomainPowerState.RUNNING || s == DomainPowerState.PAUSED || s == DomainPowerState.BLOCKED;
    String inGuest = live ? hypervisor.diskSource(domain, VDA, true) : null;
    if (inGuest != null && !inGuest.equals(source.toString()) && !inGuest.equals(target.toString())) {
      throw new CommandFailedException("TARGET_MISMATCH", domain + " runs on " + inGuest + ", not " + source);
    }
    if (live && target.toString().equals(inGuest)) {
      LOG.info("{} of {} already runs on {}", VDA, domain, target); // resent after the pivot
    } else if (!Files.exists(source)) {
      if (!Files.exists(target)) {
        throw new CommandFailedException("VOLUME_NOT_FOUND", "neither " + source + " nor " + target + " exists");
      }
    } else if (live) {
      VolumeCopy.live(hypervisor, domain, VDA, source, target);
    } else {
      VolumeCopy.offline(disks, source, target); // qemu-img convert reads through the backing image: flattened
    }
    if (s != DomainPowerState.ABSENT && source.toString().equals(hypervisor.diskSource(domain, VDA, false))) {
      hypervisor.repointDisk(domain, VDA, target.toString());
    }
    VolumeCopy.deleteSource(source, target);
    DiskTool.VolumeInfo info = disks.volumeInfo(target);
    return new dev.vireo.agent.protocol.VolumeReply(target.toString(), info.virtualSize(), info.actualSize(),
        DataDiskCommands.figures(target.getParent().getParent().getParent()));
  }

  AgentReply progress(QueryBlockCopyCommand c) {
    if (c.domainName() == null || c.target() == null || !c.target().matches("vd[a-z]{1,2}")) {
      throw new CommandFailedException("INVALID_COMMAND", "domainName and a target vda.. are required");
    }
    if (hypervisor.state(c.domainName()) == DomainPowerState.ABSENT) {
      return new BlockCopyReply(c.domainName(), c.target(), false, 0, 0);
    }
    Hypervisor.BlockJob job = hypervisor.blockJob(c.domainName(), c.target());
    return job == null ? new BlockCopyReply(c.domainName(), c.target(), false, 0, 0)
        : new BlockCopyReply(c.domainName(), c.target(), true, job.cur(), job.end());
  }
}
