package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** White paper 4.2.17: CPU modes chosen from libvirt's domain capabilities, never from a setting. */
class CpuModelsTest {
  /** The CPU part of {@code virsh domcapabilities --virttype qemu} in the lab (libvirt 9.0, TCG), trimmed. */
  static final String TCG = """
      <domainCapabilities>
        <path>/usr/bin/qemu-system-x86_64</path>
        <domain>qemu</domain>
        <cpu>
          <mode name='host-passthrough' supported='no'/>
          <mode name='maximum' supported='yes'>
            <enum name='maximumMigratable'><value>on</value><value>off</value></enum>
          </mode>
          <mode name='host-model' supported='yes'>
            <model fallback='forbid'>EPYC</model>
            <vendor>AMD</vendor>
          </mode>
          <mode name='custom' supported='yes'>
            <model usable='no' vendor='AMD'>EPYC</model>
            <model usable='yes' vendor='unknown'>qemu64</model>
            <model usable='yes' vendor='unknown'>qemu32</model>
            <model usable='yes' vendor='unknown'>kvm64</model>
            <model usable='yes' vendor='Intel'>Nehalem</model>
          </mode>
        </cpu>
      </domainCapabilities>
      """;

  /** A KVM host: host-passthrough offered, qemu64 absent from the list. */
  static final String KVM_WITHOUT_QEMU64 = """
      <domainCapabilities>
        <cpu>
          <mode name='host-passthrough' supported='yes'/>
          <mode name='maximum' supported='yes'/>
          <mode name='custom' supported='yes'>
            <model usable='no' vendor='Intel'>Cascadelake-Server</model>
            <model usable='yes' vendor='unknown'>kvm64</model>
          </mode>
        </cpu>
      </domainCapabilities>
      """;

  @Test
  void underTcgCustomIsQemu64AndPassthroughFallsBackToMaximum() {
    CpuModels m = CpuModels.parse(TCG);
    assertEquals("qemu64", m.customModel(), "the host-model's EPYC is not a custom model");
    assertFalse(m.hostPassthrough());
    assertTrue(m.maximum());
    assertEquals("  <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>\n",
        m.element("CUSTOM"));
    assertEquals("  <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>\n",
        m.element(null), "no mode: CUSTOM");
    assertEquals("  <cpu mode='maximum' check='none' migratable='on'/>\n", m.element("HOST_PASSTHROUGH"));
  }

  @Test
  void withKvmPassthroughIsTheHostCpuAndCustomTheNextSafeModel() {
    CpuModels m = CpuModels.parse(KVM_WITHOUT_QEMU64);
    assertEquals("kvm64", m.customModel());
    assertEquals("  <cpu mode='host-passthrough' check='none' migratable='on'/>\n", m.element("HOST_PASSTHROUGH"));
  }

  @Test
  void rejectsPassthroughOnAHypervisorOfferingNeither() {
    CpuModels none = new CpuModels("qemu64", false, false);
    assertThrows(IllegalArgumentException.class, () -> none.element("HOST_PASSTHROUGH"));
  }

  @Test
  void unknownCapabilitiesLeaveQemusDefaultModel() {
    assertEquals("", CpuModels.UNKNOWN.element("CUSTOM"));
  }
}
