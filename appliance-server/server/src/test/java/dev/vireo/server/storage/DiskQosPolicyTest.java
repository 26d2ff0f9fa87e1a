package dev.vireo.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.agent.protocol.DiskQos;
import dev.vireo.server.http.ApiException;
import org.junit.jupiter.api.Test;

class DiskQosPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFormulaGrowsWithCapacityUpToTheCaps() {
    assertEquals(new DiskQos(2300, 2300, 125, 125), DiskQosPolicy.formula(10));
    assertEquals(new DiskQos(6800, 6800, 170, 170), DiskQosPolicy.formula(100));
    assertEquals(new DiskQos(50000, 50000, 632, 632), DiskQosPolicy.formula(1024));
    assertEquals(new DiskQos(50000, 50000, 1000, 1000), DiskQosPolicy.formula(16384));
  }

  @Test
  void onExpansionEachValueKeepsTheLargerAndUnlimitedStaysUnlimited() {
    DiskQos override = new DiskQos(500, 0, 1, 900);
    assertEquals(new DiskQos(11800, 0, 220, 900), DiskQosPolicy.larger(override, DiskQosPolicy.formula(200)));
  }

  @Test
  void valuesOutsideTheirRangesAreRefusedNamingTheField() throws Exception {
    assertEquals(new DiskQos(50000, 0, 1000, 0), DiskQosPolicy.validated(JSON.readTree(
        "{\"readIops\":50000,\"writeIops\":0,\"readMBps\":1000,\"writeMBps\":0}")));
    ApiException e = assertThrows(ApiException.class, () -> DiskQosPolicy.validated(JSON.readTree(
        "{\"readIops\":1,\"writeIops\":50001,\"readMBps\":1,\"writeMBps\":1}")));
    assertEquals(422, e.status());
    assertEquals("writeIops", e.field());
    assertTrue(e.getMessage().contains("0 to 50000"), e.getMessage());
    e = assertThrows(ApiException.class, () -> DiskQosPolicy.validated(JSON.readTree(
        "{\"readIops\":1,\"writeIops\":1,\"readMBps\":1001,\"writeMBps\":1}")));
    assertEquals("readMBps", e.field());
  }
}
