package dev.vireo.client.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vireo.api.model.Spec;
import dev.vireo.api.model.UpdateSpecRequest;
import dev.vireo.client.resources.FormValues;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecsScreenTest {
  private static final Spec SPEC = new Spec("spec-1", "2C4G", null, 2, 4, false, Instant.EPOCH);

  @Test
  void theModifyFormSendsOnlyWhatChangedSoAnUntouchedNameFollowsTheValues() {
    assertEquals(new UpdateSpecRequest(null, 4, null),
        SpecsScreen.change(SPEC, new FormValues(Map.of("name", "2C4G", "cpu", "4", "memoryGiB", "4"))));
    assertEquals(new UpdateSpecRequest("web", null, 8),
        SpecsScreen.change(SPEC, new FormValues(Map.of("name", " web ", "cpu", "2", "memoryGiB", "8"))));
    assertEquals(new UpdateSpecRequest(null, null, null),
        SpecsScreen.change(SPEC, new FormValues(Map.of("name", "", "cpu", "2", "memoryGiB", "4"))));
  }
}
