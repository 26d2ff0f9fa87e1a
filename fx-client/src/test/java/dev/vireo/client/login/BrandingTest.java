package dev.vireo.client.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The appliance's default branding (branding/default) reaches the client's classpath. */
class BrandingTest {
  @Test
  void theDefaultsComeFromTheApplianceBranding() {
    Branding b = Branding.defaults();
    assertEquals("Vireo", b.title());
    assertEquals("Lightweight KVM virtualization platform", b.description());
    assertEquals("#2E7D5B", b.primaryColor());
    assertEquals("center", b.inputPosition());
    assertTrue(b.copyright().startsWith("\u00a9"), b.copyright());
    assertTrue(b.logoSvg().contains("<circle"));
  }

  @Test
  void badColoursAndPositionsFallBack() throws Exception {
    Branding b = Branding.parse("[branding]\nprimary_color = red;-fx-x\nlogin_input_position = Right\n", null);
    assertEquals("#2E7D5B", b.primaryColor());
    assertEquals("right", b.inputPosition());
  }
}
