package dev.vireo.api.client;

import dev.vireo.api.testing.FakeApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PinnedTrustTest {
  private static final String CANONICAL =
      "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

  @Test
  void normalisesCaseAndOptionalColons() {
    assertEquals(CANONICAL, PinnedTrust.normalize(CANONICAL.toLowerCase()));
    assertEquals(CANONICAL, PinnedTrust.normalize(CANONICAL.replace(":", "")));
    assertEquals(CANONICAL, PinnedTrust.normalize("  " + CANONICAL.replace(":", "").toLowerCase() + "\n"));
  }

  @Test
  void rejectsSomethingThatIsNotASha256Fingerprint() {
    assertThrows(IllegalArgumentException.class, () -> PinnedTrust.normalize("AB:CD"));
    assertThrows(IllegalArgumentException.class, () -> PinnedTrust.normalize(CANONICAL.replace('A', 'G')));
    assertThrows(IllegalArgumentException.class, () -> PinnedTrust.normalize(null));
  }

  @Test
  void fetchesTheFingerprintOfTheServersCertificate() throws Exception {
    try (FakeApi api = new FakeApi()) {
      assertEquals(api.fingerprint, PinnedTrust.fetchFingerprint(api.uri()));
    }
  }
}
