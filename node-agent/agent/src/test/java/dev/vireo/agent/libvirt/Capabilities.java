package dev.vireo.agent.libvirt;

/** libvirt capabilities XML as {@code virsh capabilities} prints it, trimmed to what matters. */
final class Capabilities {
  private Capabilities() {}

  /** A host of {@code arch} whose guests of {@code arch} offer the given domain types. */
  static String of(String arch, String... domainTypes) {
    StringBuilder domains = new StringBuilder();
    for (String t : domainTypes) {
      domains.append("      <domain type='").append(t).append("'/>\n");
    }
    return """
        <capabilities>
          <host>
            <uuid>4c4c4544-0042-3510-8052-b4c04f4e4d32</uuid>
            <cpu>
              <arch>%1$s</arch>
              <model>Skylake-Client-IBRS</model>
              <vendor>Intel</vendor>
              <topology sockets='1' dies='1' cores='4' threads='2'/>
              <feature name='vmx'/>
            </cpu>
            <power_management><suspend_mem/></power_management>
            <migration_features><live/><uri_transports><uri_transport>tcp</uri_transport></uri_transports></migration_features>
            <topology><cells num='1'><cell id='0'><memory unit='KiB'>16281812</memory></cell></cells></topology>
            <secmodel><model>apparmor</model><doi>0</doi></secmodel>
          </host>
          <guest>
            <os_type>hvm</os_type>
            <arch name='i686'>
              <wordsize>32</wordsize>
              <emulator>/usr/bin/qemu-system-i386</emulator>
              <machine maxCpus='255'>pc-i440fx-7.2</machine>
              <domain type='qemu'/>
              <domain type='kvm'/>
            </arch>
            <features><pae/><nonpae/><acpi default='on' toggle='yes'/></features>
          </guest>
          <guest>
            <os_type>hvm</os_type>
            <arch name='%1$s'>
              <wordsize>64</wordsize>
              <emulator>/usr/bin/qemu-system-%1$s</emulator>
              <machine maxCpus='255'>pc-i440fx-7.2</machine>
              <machine canonical='pc-q35-7.2' maxCpus='288'>q35</machine>
        %2$s    </arch>
            <features><acpi default='on' toggle='yes'/></features>
          </guest>
        </capabilities>
        """.formatted(arch, domains);
  }
}
