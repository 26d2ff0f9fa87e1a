package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

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
}
