package dev.vireo.server.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Spec;
import dev.vireo.api.model.UpdateSpecRequest;
import dev.vireo.server.http.ApiException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecUpdateTest {
  private static final Spec TWO_FOUR = new Spec("spec-1", "2C4G", null, 2, 4, false, Instant.EPOCH);
  private static final Spec SMALL = new Spec("spec-2", "small", "cluster-1", 1, 1, true, Instant.EPOCH);

  private static ApiException refused(int status, String field, Runnable r) {
    ApiException e = assertThrows(ApiException.class, r::run);
    assertEquals(status, e.status(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    return e;
  }

  @Test
  void aSpecNamedAfterItsValuesIsRenamedAfterTheNewOnesAndACustomNameStays() {
    assertEquals(new SpecUpdate("4C8G", 4, 8), SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(null, 4, 8)));
    assertEquals(new SpecUpdate("2C6G", 2, 6), SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(null, null, 6)));
    assertEquals(new SpecUpdate("small", 2, 2), SpecUpdate.of(SMALL, new UpdateSpecRequest(null, 2, 2)));
    assertEquals(new SpecUpdate("web", 2, 4), SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest("web", null, null)));
  }

  @Test
  void keepsTheCreateRules() {
    assertTrue(refused(422, "cpu", () -> SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(null, 3, null)))
        .getMessage().contains("1 or an even number up to 240"));
    refused(422, "cpu", () -> SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(null, 241, null)));
    refused(422, "cpu", () -> SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(null, 242, null)));
    refused(422, "memoryGiB", () -> SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(null, null, 1026)));
    refused(422, "memoryGiB", () -> SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(null, null, 5)));
    assertEquals(240, SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(null, 240, 1024)).cpu());
    refused(422, "cpu", () -> SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(null, null, null)));
    refused(422, "name", () -> SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest(" bad", null, null)));
  }

  @Test
  void aNameThatReadsAsOtherValuesIsRefused() {
    assertTrue(refused(422, "name", () -> SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest("8C16G", null, null)))
        .getMessage().contains("reads as 8 vCPU and 16 GiB"));
    assertEquals("4C8G", SpecUpdate.of(TWO_FOUR, new UpdateSpecRequest("4C8G", 4, 8)).name());
  }

  @Test
  void theValuesAndTheNameAreUniqueInTheScope() {
    List<Spec> others = List.of(new Spec("spec-3", "4C8G", null, 4, 8, false, Instant.EPOCH),
        new Spec("spec-4", "web", null, 6, 12, false, Instant.EPOCH));
    refused(409, "cpu", () -> new SpecUpdate("4C8G", 4, 8).requireUnique(others, "the global specs"));
    refused(409, "name", () -> new SpecUpdate("WEB", 2, 2).requireUnique(others, "the global specs"));
    new SpecUpdate("2C2G", 2, 2).requireUnique(others, "the global specs");
  }
}
