package dev.vireo.client.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  private static dev.vireo.api.model.Branding server(String logoType, String backgroundType) {
    var settings = new dev.vireo.api.model.BrandingSettings("Acme Cloud", true, true, true, true, false, "",
        "Acme", "purple", "+1 555", "right", "(c) Acme", "For the lab", false, "#112233", "#445566");
    return new dev.vireo.api.model.Branding(settings, java.util.List.of(
        new dev.vireo.api.model.BrandingImage("login-logo", "/api/v1/branding/images/login-logo", logoType, 10,
            !logoType.contains("svg"), java.util.List.of("png", "jpeg"), 204800),
        new dev.vireo.api.model.BrandingImage("login-background", backgroundType == null ? null
            : "/api/v1/branding/images/login-background", backgroundType, 0, backgroundType != null,
            java.util.List.of("png", "jpeg"), 512000)), null);
  }

  @Test
  void theServersBrandingMapsOntoTheLogin() {
    java.util.List<String> asked = new java.util.ArrayList<>();
    Branding b = Branding.from(server("image/png", "image/jpeg"), kind -> {
      asked.add(kind);
      return new Branding.Image(new byte[] {1, 2, 3}, kind.equals("login-logo") ? "image/png" : "image/jpeg");
    });
    assertEquals(java.util.List.of("login-logo", "login-background"), asked);
    assertEquals("Acme Cloud", b.title());
    assertEquals("Acme", b.loginTitle());
    assertEquals("#7B1FA2", b.titleHex());
    assertEquals("right", b.inputPosition());
    assertEquals("(c) Acme", b.copyright());
    assertEquals("+1 555", b.phone());
    assertEquals("Acme Cloud", b.bigScreenTitle(), "no big-screen title: the platform title");
    assertEquals(3, b.logoImage().length);
    assertEquals(3, b.backgroundImage().length);
    assertTrue(b.showsDescription());
  }

  @Test
  void anSvgLogoIsDrawnAsShapesAndAMissingBackgroundIsNotAsked() {
    java.util.List<String> asked = new java.util.ArrayList<>();
    Branding b = Branding.from(server("image/svg+xml", null), kind -> {
      asked.add(kind);
      return new Branding.Image("<svg><circle cx='1'/></svg>".getBytes(java.nio.charset.StandardCharsets.UTF_8),
          "image/svg+xml");
    });
    assertEquals(java.util.List.of("login-logo"), asked);
    assertTrue(b.logoSvg().contains("<circle"));
    assertEquals(null, b.logoImage());
    assertEquals(null, b.backgroundImage());
  }

  @Test
  void theDescriptionIsHiddenWhenTheInputsAreCentred() {
    Branding centred = new Branding("T", "words", null, null, "center", "", null);
    assertFalse(centred.showsDescription());
    assertEquals("T", centred.loginTitle(), "no login title: the platform title");
    assertEquals(null, centred.titleHex(), "no colour: the theme's");
  }

  @Test
  void theFaviconAndThePlatformLogoAreReadForTheMainWindowWhenTheServerHasThem() {
    var settings = new dev.vireo.api.model.BrandingSettings("Acme Cloud", true, true, true, true, false, "",
        "Acme", "green", "", "center", "", "", false, "#112233", "#445566");
    var server = new dev.vireo.api.model.Branding(settings, java.util.List.of(
        new dev.vireo.api.model.BrandingImage("favicon", "/api/v1/branding/images/favicon", "image/x-icon", 30, true,
            java.util.List.of("ico"), 102400),
        new dev.vireo.api.model.BrandingImage("logo", "/api/v1/branding/images/logo", "image/png", 3, true,
            java.util.List.of("png", "jpeg"), 204800)), null);
    java.util.List<String> asked = new java.util.ArrayList<>();
    Branding b = Branding.from(server, kind -> {
      asked.add(kind);
      return new Branding.Image(kind.equals("favicon") ? new byte[] {0, 0, 1, 0} : new byte[] {7, 8, 9},
          kind.equals("favicon") ? "image/x-icon" : "image/png");
    });
    assertEquals(java.util.List.of("favicon", "logo"), asked);
    assertEquals(4, b.favicon().length);
    assertEquals("image/png", b.platformLogo().contentType());
    assertFalse(b.platformLogo().svg());
    assertEquals(null, Branding.defaults().favicon(), "the appliance has no favicon of its own");
  }
}
