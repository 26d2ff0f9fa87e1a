package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsDevicesTest {
  static final String LIVE_XML = """
      <domain type='qemu' id='7'>
        <name>vm-3f2a9c1d0b4e</name>
        <devices>
          <disk type='file' device='disk'>
            <driver name='qemu' type='qcow2'/>
            <source file='/var/lib/vireo/storage/vm-3f2a9c1d0b4e/system.qcow2' index='2'/>
            <target dev='vda' bus='virtio'/>
          </disk>
          <disk type='file' device='disk'>
            <source file='/var/lib/vireo/storage/volumes/v1.qcow2' index='1'/>
            <target dev='vdc' bus='virtio'/>
          </disk>
          <disk type='file' device='cdrom'>
            <target dev='sda' bus='scsi'/>
            <readonly/>
          </disk>
          <interface type='bridge'>
            <mac address='52:54:00:aa:bb:cc'/>
            <source bridge='br-flat'/>
            <target dev='vm525400aabbcc'/>
            <model type='virtio'/>
          </interface>
          <interface type='network'>
            <mac address='52:54:00:aa:bb:cd'/>
            <target dev='vnet4'/>
          </interface>
          <interface type='user'>
            <mac address='52:54:00:aa:bb:ce'/>
          </interface>
          <serial type='pty'><target port='0'/></serial>
        </devices>
      </domain>
      """;

  @Test
  void disksButCdromsAndEveryInterfaceWithAHostDevice() {
    assertEquals(List.of("vda", "vdc"), StatsDevices.diskTargets(LIVE_XML));
    assertEquals(List.of("vm525400aabbcc", "vnet4"), StatsDevices.interfaceTargets(LIVE_XML));
  }
}
