package dev.vireo.agent.libvirt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.agent.protocol.DataDiskDefinition;
import dev.vireo.agent.protocol.DiskQos;
import org.junit.jupiter.api.Test;

/** A data disk's I/O limits as libvirt {@code <iotune>} (ADR 0025). */
class DomainXmlDiskQosTest {
  private static final String PATH = "/srv/nfs/disks/disk-0123456789ab.qcow2";

  @Test
  void limitsBecomeIotuneInBytesAndIopsLeavingUnlimitedOnesOut() {
    String xml = DomainXmlBuilder.dataDisk(new DataDiskDefinition("disk-0123456789ab", PATH, "vdc",
        new DiskQos(500, 0, 1, 20)));
    assertTrue(xml.contains("<iotune>"), xml);
    assertTrue(xml.contains("<read_bytes_sec>1000000</read_bytes_sec>"), xml);
    assertTrue(xml.contains("<write_bytes_sec>20000000</write_bytes_sec>"), xml);
    assertTrue(xml.contains("<read_iops_sec>500</read_iops_sec>"), xml);
    assertFalse(xml.contains("write_iops_sec"), "0 = unlimited is left out: " + xml);
  }

  @Test
  void aDiskWithoutLimitsHasNoIotune() {
    String none = DomainXmlBuilder.dataDisk(new DataDiskDefinition("disk-0123456789ab", PATH, "vdc"));
    assertFalse(none.contains("iotune"), none);
    assertEquals(none, DomainXmlBuilder.dataDisk(new DataDiskDefinition("disk-0123456789ab", PATH, "vdc",
        new DiskQos(0, 0, 0, 0))));
  }
}
