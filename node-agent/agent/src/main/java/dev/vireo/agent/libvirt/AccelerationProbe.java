package dev.vireo.agent.libvirt;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this host's {@code /dev/kvm} is hardware-assisted KVM. Software implementations such as
 * PVM ({@code kvm_pvm}) also offer a {@code kvm} domain type in libvirt's capabilities but run only
 * guests built for them; an ordinary image fails there with an emulation error, so the agent
 * treats such a host as one without KVM and uses QEMU's TCG.
 */
public final class AccelerationProbe {
  private final Path sysModule;

  public AccelerationProbe(Path sysModule) {
    this.sysModule = sysModule;
  }

  public static AccelerationProbe ofHost() {
    return new AccelerationProbe(Path.of("/sys/module"));
  }

  /** True when a vendor KVM module is loaded (x86), or on arm64, where KVM is built into the kernel. */
  public boolean hardwareKvm(String arch) {
    if (arch.equals("aarch64")) {
      return Files.isDirectory(sysModule.resolve("kvm")) || Files.exists(Path.of("/dev/kvm"));
    }
    return Files.isDirectory(sysModule.resolve("kvm_intel")) || Files.isDirectory(sysModule.resolve("kvm_amd"));
  }
}
