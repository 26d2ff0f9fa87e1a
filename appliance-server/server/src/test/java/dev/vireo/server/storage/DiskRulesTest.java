package dev.vireo.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vireo.api.model.CpuArch;
import dev.vireo.api.model.DiskSpec;
import dev.vireo.server.http.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode body(String sizeGiB) throws Exception {
    return JSON.readTree("{\"sizeGiB\":" + sizeGiB + "}");
  }

  private static DiskSpec range(int maxGiB) {
    return range(10, maxGiB);
  }

  private static DiskSpec range(int minGiB, int maxGiB) {
    return new DiskSpec("sc-1", "fast", "cluster-1", minGiB, maxGiB, minGiB != 10, null);
  }

  private static ApiException refused(org.junit.jupiter.api.function.Executable e) {
    ApiException x = assertThrows(ApiException.class, e);
    assertEquals(422, x.status());
    assertEquals("sizeGiB", x.field());
    return x;
  }

  @Test
  void acceptsWholeGibFromTenToTheMaximum() throws Exception {
    assertEquals(10, DiskRules.size(body("10"), 10, range(100)));
    assertEquals(100, DiskRules.size(body("100"), 100, range(100)));
  }

  @Test
  void refusesLessThanTenMoreThanTheMaximumAndFractions() throws Exception {
    assertTrue(refused(() -> DiskRules.size(body("9"), 9, range(100))).getMessage().contains("at least 10"));
    assertTrue(refused(() -> DiskRules.size(body("101"), 101, range(100))).getMessage().contains("at most 100"));
    // Jackson would silently read 10.5 as 10: the raw JSON decides
    assertTrue(refused(() -> DiskRules.size(body("10.5"), 10, range(100))).getMessage().contains("whole number"));
    assertTrue(refused(() -> DiskRules.size(body("null"), null, range(100))).getMessage().contains("required"));
  }

  @Test
  void neverShrinksAndWantsAChange() throws Exception {
    assertEquals(21, DiskRules.growth(body("21"), 21, 20, range(100)));
    assertTrue(refused(() -> DiskRules.growth(body("19"), 19, 20, range(100))).getMessage().contains("never shrink"));
    assertTrue(refused(() -> DiskRules.growth(body("20"), 20, 20, range(100))).getMessage().contains("already has 20"));
  }

  @Test
  void newDisksKeepToAModifiedSpecAndAGrowingDiskOnlyToItsMaximum() throws Exception {
    ApiException small = refused(() -> DiskRules.size(body("20"), 20, range(50, 80)));
    assertTrue(small.getMessage().contains("at least 50") && small.getMessage().contains("storage cluster fast allows"
        + " 50 to 80 GiB"), small.getMessage());
    assertEquals(50, DiskRules.size(body("50"), 50, range(50, 80)));
    // a disk made before the minimum was raised still grows, up to the maximum
    assertEquals(30, DiskRules.growth(body("30"), 30, 20, range(50, 80)));
    assertTrue(refused(() -> DiskRules.growth(body("81"), 81, 20, range(50, 80))).getMessage().contains("at most 80"));
  }

  @Test
  void takesTwentyFiveDisksOnX86AndThreeOnArm() {
    DiskRules.roomFor(CpuArch.X86_64, 24, "vm-1");
    ApiException x86 = assertThrows(ApiException.class, () -> DiskRules.roomFor(CpuArch.X86_64, 25, "vm-1"));
    assertEquals("disk", x86.field());
    assertTrue(x86.getMessage().contains("x86 VM takes at most 25"), x86.getMessage());
    DiskRules.roomFor(CpuArch.AARCH64, 2, "vm-1");
    ApiException arm = assertThrows(ApiException.class, () -> DiskRules.roomFor(CpuArch.AARCH64, 3, "vm-1"));
    assertTrue(arm.getMessage().contains("ARM VM takes at most 3"), arm.getMessage());
  }

  @Test
  void targetsStartAtVdcAndFillGaps() {
    assertEquals("vdc", DiskRules.nextTarget(List.of()));
    assertEquals("vde", DiskRules.nextTarget(List.of("vdc", "vdd")));
    assertEquals("vdc", DiskRules.nextTarget(List.of("vdd")));
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      taken.add(DiskRules.nextTarget(taken));
    }
    assertEquals("vdz", taken.get(23));
    assertEquals("vdaa", DiskRules.nextTarget(taken));
  }
}
