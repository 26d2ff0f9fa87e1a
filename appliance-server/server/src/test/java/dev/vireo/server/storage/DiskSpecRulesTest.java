package dev.vireo.server.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.api.model.DiskSpec;
import dev.vireo.api.model.UpdateDiskSpecRequest;
import dev.vireo.server.http.ApiException;
import org.junit.jupiter.api.Test;

class DiskSpecRulesTest {
  private static final DiskSpec GENERATED = new DiskSpec("sc-1", "default", "cluster-1", 10, 1000, false, null);

  private static int[] check(String json) throws Exception {
    var body = new ObjectMapper().readTree(json);
    return DiskSpecRules.check(body, new ObjectMapper().treeToValue(body, UpdateDiskSpecRequest.class), GENERATED,
        1000);
  }

  private static ApiException refused(String json, String field) {
    ApiException e = assertThrows(ApiException.class, () -> check(json));
    assertEquals(422, e.status());
    assertEquals(field, e.field(), e.getMessage());
    return e;
  }

  @Test
  void aNullFieldKeepsItsValue() throws Exception {
    assertArrayEquals(new int[] {20, 1000}, check("{\"minGiB\":20}"));
    assertArrayEquals(new int[] {10, 500}, check("{\"maxGiB\":500}"));
    assertArrayEquals(new int[] {10, 10}, check("{\"minGiB\":10,\"maxGiB\":10}"));
  }

  @Test
  void refusesBelowTenAboveTheCeilingAnEmptyRangeFractionsAndNothing() {
    assertTrue(refused("{\"minGiB\":9}", "minGiB").getMessage().contains("at least 10"));
    assertTrue(refused("{\"maxGiB\":1001}", "maxGiB").getMessage().contains("max_disk_gib"));
    assertTrue(refused("{\"minGiB\":50,\"maxGiB\":40}", "maxGiB").getMessage().contains("below minGiB 50"));
    assertTrue(refused("{\"minGiB\":1001}", "minGiB").getMessage().contains("below minGiB 1001"));
    assertTrue(refused("{\"minGiB\":10.5}", "minGiB").getMessage().contains("whole number"));
    refused("{}", "minGiB");
  }
}
