package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCapabilitiesTest {
  @Test
  void offersKvmWhenTheHostsArchHasAKvmDomain() {
    assertEquals(new HostCapabilities("x86_64", "kvm"), HostCapabilities.parse(Capabilities.of("x86_64", "qemu", "kvm")));
  }

  @Test
  void fallsBackToQemuWithoutKvmForTheHostsArch() {
    // The i686 guest offers kvm in the sample; only the host's own arch counts.
    assertEquals(new HostCapabilities("x86_64", "qemu"), HostCapabilities.parse(Capabilities.of("x86_64", "qemu")));
  }

  @Test
  void readsTheHostsArch() {
    assertEquals("aarch64", HostCapabilities.parse(Capabilities.of("aarch64", "qemu", "kvm")).arch());
  }

  @Test
  void refusesUnreadableCapabilities() {
    assertThrows(IllegalArgumentException.class, () -> HostCapabilities.parse("<capabilities><host>"));
    assertThrows(IllegalArgumentException.class, () -> HostCapabilities.parse("<capabilities/>"));
  }

  @Test
  void usesQemuWhenKvmIsOfferedButOnlySoftwareKvmIsLoaded(@TempDir Path sysModule) throws Exception {
    Files.createDirectories(sysModule.resolve("kvm"));
    Files.createDirectories(sysModule.resolve("kvm_pvm"));
    AccelerationProbe pvm = new AccelerationProbe(sysModule);
    assertEquals("qemu", HostCapabilities.parse(Capabilities.of("x86_64", "qemu", "kvm"), pvm, "auto").domainType());
  }

  @Test
  void usesKvmWhenAHardwareVendorModuleIsLoaded(@TempDir Path sysModule) throws Exception {
    Files.createDirectories(sysModule.resolve("kvm_amd"));
    AccelerationProbe amd = new AccelerationProbe(sysModule);
    assertEquals("kvm", HostCapabilities.parse(Capabilities.of("x86_64", "qemu", "kvm"), amd, "auto").domainType());
  }

  @Test
  void anOperatorsDomainTypeSettingWins(@TempDir Path sysModule) throws Exception {
    AccelerationProbe none = new AccelerationProbe(sysModule);
    assertEquals("kvm", HostCapabilities.parse(Capabilities.of("x86_64", "qemu", "kvm"), none, "kvm").domainType());
    Files.createDirectories(sysModule.resolve("kvm_intel"));
    assertEquals("qemu", HostCapabilities.parse(Capabilities.of("x86_64", "qemu", "kvm"), new AccelerationProbe(sysModule),
        "qemu").domainType());
  }
}
