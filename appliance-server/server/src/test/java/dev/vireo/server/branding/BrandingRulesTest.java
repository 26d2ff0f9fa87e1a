package dev.vireo.server.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vireo.api.model.BrandingSettings;
import dev.vireo.server.http.ApiException;
import org.junit.jupiter.api.Test;

/** The branding texts' rules (white paper 6.1) and the product's defaults from branding/default. */
class BrandingRulesTest {
  private static final BrandingSettings DEFAULTS = BrandingDefaults.load().settings;

  private static BrandingSettings withColour(String colour) {
    return new BrandingSettings(null, null, null, null, null, null, null, null, colour, null, null, null, null, null,
        null, null);
  }

  @Test
  void theDefaultsAreVireos() {
    assertEquals("Vireo", DEFAULTS.siteTitle());
    assertEquals("Vireo", DEFAULTS.loginTitle());
    assertEquals("center", DEFAULTS.loginInputPosition());
    assertEquals("green", DEFAULTS.loginTitleColor());
    assertEquals("#2E7D5B", DEFAULTS.primaryColor());
    assertEquals("Vireo", DEFAULTS.effectiveBigScreenTitle());
  }

  @Test
  void aChangeKeepsWhatItLeavesOutAndNormalisesColours() {
    BrandingSettings s = BrandingRules.checked(BrandingRules.merged(DEFAULTS, withColour(" Gray ")));
    assertEquals("grey", s.loginTitleColor());
    assertEquals("Vireo", s.siteTitle());
  }

  @Test
  void everyWhitePaperColourIsAccepted() {
    for (String c : BrandingRules.TITLE_COLOURS) {
      assertEquals(c, BrandingRules.checked(BrandingRules.merged(DEFAULTS, withColour(c.toUpperCase())))
          .loginTitleColor());
    }
    ApiException e = assertThrows(ApiException.class,
        () -> BrandingRules.checked(BrandingRules.merged(DEFAULTS, withColour("pink"))));
    assertEquals("loginTitleColor", e.field());
  }

  @Test
  void titlesCountCharactersNotBytes() {
    String sixtyFour = "虚".repeat(64);
    BrandingSettings change = new BrandingSettings(sixtyFour, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
    assertEquals(sixtyFour, BrandingRules.checked(BrandingRules.merged(DEFAULTS, change)).siteTitle());
  }
}
