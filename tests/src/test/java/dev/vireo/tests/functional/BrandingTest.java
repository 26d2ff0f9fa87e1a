package dev.vireo.tests.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.BrandingClient;
import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Branding;
import dev.vireo.api.model.BrandingSettings;
import dev.vireo.tests.support.Api;
import dev.vireo.tests.support.ServerPerClass;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Branding (white paper 6.1, M15, ADR 0044) against the real server: the Vireo defaults, texts and
 * images set and read back without login, the white paper's formats and sizes enforced by the
 * images' bytes, reset, and {@code branding:update} required (a region administrator is refused).
 */
class BrandingTest extends ServerPerClass {
  /** A 1x1 PNG. */
  static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0};
  static final byte[] ICO = {0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0};

  @BeforeEach
  void backToTheDefaults() {
    sdk(admin).reset();
  }

  private static BrandingClient sdk(String token) {
    return new VireoClient(URI.create(server.baseUrl()), server.fingerprint(), token).branding();
  }

  private static BrandingSettings change() {
    return new BrandingSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  @Test
  void theDefaultsAreTheProductsOwnBrandingAndNeedNoLogin() throws Exception {
    Branding b = sdk(null).get();
    String ini = Files.readString(dev.vireo.tests.support.RepoRoot.find().resolve("branding/default/branding.ini"));
    assertTrue(ini.contains("title = " + b.settings().siteTitle()), b.toString());
    assertEquals("Vireo", b.settings().siteTitle());
    assertEquals("Vireo", b.settings().loginTitle());
    assertEquals("Vireo", b.settings().effectiveBigScreenTitle(), "the big screen falls back to the site title");
    assertEquals("center", b.settings().loginInputPosition());
    assertEquals("#2E7D5B", b.settings().primaryColor());
    assertTrue(b.settings().loginCopyright().contains("Vireo"), b.settings().loginCopyright());
    assertNull(b.updatedAt());
    assertEquals("image/svg+xml", b.image("logo").contentType());
    assertFalse(b.image("logo").custom());
    assertNull(b.image("favicon").url(), "no default favicon");
    assertEquals(100 * 1024, b.image("favicon").maxBytes());
    assertEquals(200 * 1024, b.image("login-logo").maxBytes());
    assertEquals(500 * 1024, b.image("login-background").maxBytes());
    BrandingClient.Image logo = sdk(null).image("logo");
    assertArrayEquals(Files.readAllBytes(dev.vireo.tests.support.RepoRoot.find().resolve("branding/default/logo.svg")),
        logo.data());
    assertTrue(logo.contentType().startsWith("image/svg+xml"), logo.contentType());
    Api.Reply noFavicon = api.send("GET", "/api/v1/branding/images/favicon", null, null);
    assertEquals(404, noFavicon.status(), noFavicon.toString());
  }

  @Test
  void textsAreSetReadBackOpenlyAndResetToTheDefaults() {
    BrandingSettings c = new BrandingSettings("中立安全可信赖的云 — Acme!", false, true, false, true, true, "Acme NOC",
        "Acme 虚拟化", "Gold", "+86 (10) 5555-0100", "left", "© 2026 Acme", "Private cloud for the lab", true,
        "#112233", "#aabbcc");
    sdk(admin).update(c);
    BrandingSettings s = sdk(null).get().settings();
    assertEquals("中立安全可信赖的云 — Acme!", s.siteTitle());
    assertEquals("Acme 虚拟化", s.loginTitle());
    assertEquals("gold", s.loginTitleColor());
    assertEquals("left", s.loginInputPosition());
    assertEquals("+86 (10) 5555-0100", s.loginPhone());
    assertEquals("© 2026 Acme", s.loginCopyright());
    assertEquals("Acme NOC", s.effectiveBigScreenTitle());
    assertTrue(s.loginInputTransparent());
    assertFalse(s.showHelp());
    assertTrue(s.alarmUnitMegabytes());
    assertEquals("#AABBCC", s.accentColor());

    BrandingSettings partial = new BrandingSettings(null, null, null, null, null, null, null, null, null, null,
        "right", null, null, null, null, null);
    assertEquals("Acme 虚拟化", sdk(admin).update(partial).settings().loginTitle(), "left-out fields keep their value");
    assertEquals("right", sdk(null).get().settings().loginInputPosition());

    Branding reset = sdk(admin).reset();
    assertEquals("Vireo", reset.settings().loginTitle());
    assertEquals("center", reset.settings().loginInputPosition());
  }

  @Test
  void badTextsAre422NamingTheFieldAndTheRule() throws Exception {
    String[][] cases = {
        {"{\"loginTitleColor\":\"pink\"}", "loginTitleColor", "white"},
        {"{\"loginInputPosition\":\"top\"}", "loginInputPosition", "center"},
        {"{\"siteTitle\":\"  \"}", "siteTitle", "1-64"},
        {"{\"loginTitle\":\"" + "x".repeat(65) + "\"}", "loginTitle", "1-64"},
        {"{\"loginPhone\":\"call me\"}", "loginPhone", "digits"},
        {"{\"primaryColor\":\"red\"}", "primaryColor", "#RRGGBB"},
        {"{\"loginCopyright\":\"a\\nb\"}", "loginCopyright", "control"},
        {"{\"loginDescription\":\"" + "d".repeat(513) + "\"}", "loginDescription", "512"}};
    for (String[] c : cases) {
      Api.Reply r = api.send("PUT", "/api/v1/branding", admin, c[0]);
      assertEquals(422, r.status(), c[0] + " -> " + r);
      assertEquals(c[1], r.json().path("field").asText(), r.toString());
      assertTrue(r.json().path("message").asText().contains(c[2]), r.toString());
    }
    assertEquals("Vireo", sdk(null).get().settings().siteTitle(), "nothing was stored");
  }

  @Test
  void imagesAreStoredAndServedOpenlyWithTheirContentType() throws Exception {
    sdk(admin).setImage("logo", PNG);
    sdk(admin).setImage("login-background", JPEG);
    sdk(admin).setImage("favicon", ICO);
    Branding b = sdk(null).get();
    assertTrue(b.image("logo").custom());
    assertEquals("image/png", b.image("logo").contentType());
    assertEquals(PNG.length, b.image("logo").size());
    assertNotNullUpdated(b);
    assertImage("logo", PNG, "image/png");
    assertImage("login-background", JPEG, "image/jpeg");
    assertImage("favicon", ICO, "image/x-icon");
    assertEquals("image/svg+xml", b.image("login-logo").contentType(), "the login logo is still the default");

    sdk(admin).deleteImage("logo");
    assertEquals("image/svg+xml", sdk(null).get().image("logo").contentType(), "deleted: the default again");
    sdk(admin).reset();
    assertEquals(404, api.send("GET", "/api/v1/branding/images/login-background", null, null).status());
  }

  private static void assertNotNullUpdated(Branding b) {
    assertTrue(b.updatedAt() != null, "updatedAt after a change");
  }

  private static void assertImage(String kind, byte[] expected, String type) throws Exception {
    var r = api.download("/api/v1/branding/images/" + kind, null);
    assertEquals(200, r.statusCode());
    assertArrayEquals(expected, r.body());
    assertEquals(type, r.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void wrongFormatsAre422AndOversizedImages413NamingTheRule() throws Exception {
    String[][] cases = {
        {"favicon", b64(PNG), "422", "ico"},
        {"logo", b64(ICO), "422", "png or jpeg"},
        {"login-logo", b64("GIF89a-not-accepted".getBytes()), "422", "png or jpeg"},
        {"login-background", b64("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes()), "422", "png or jpeg"},
        {"logo", "not base64 at all!", "422", "base64"},
        {"favicon", b64(padded(ICO, 100 * 1024 + 1)), "413", "100 KB"},
        {"logo", b64(padded(PNG, 200 * 1024 + 1)), "413", "200 KB"},
        {"login-logo", b64(padded(JPEG, 200 * 1024 + 1)), "413", "200 KB"},
        {"login-background", b64(padded(PNG, 500 * 1024 + 1)), "413", "500 KB"}};
    for (String[] c : cases) {
      Api.Reply r = api.send("PUT", "/api/v1/branding/images/" + c[0], admin, "{\"data\":\"" + c[1] + "\"}");
      assertEquals(Integer.parseInt(c[2]), r.status(), c[0] + " " + c[3] + " -> " + r);
      assertEquals("data", r.json().path("field").asText(), r.toString());
      assertTrue(r.json().path("message").asText().contains(c[3]), r.toString());
    }
    // right at each limit is accepted
    assertEquals(200, api.send("PUT", "/api/v1/branding/images/login-background", admin,
        "{\"data\":\"" + b64(padded(PNG, 500 * 1024)) + "\"}").status());
    assertEquals(200, api.send("PUT", "/api/v1/branding/images/favicon", admin,
        "{\"data\":\"" + b64(padded(ICO, 100 * 1024)) + "\"}").status());
    Api.Reply unknown = api.send("PUT", "/api/v1/branding/images/banner", admin, "{\"data\":\"" + b64(PNG) + "\"}");
    assertEquals(404, unknown.status(), unknown.toString());
    assertTrue(unknown.body().contains("login-background"), "the 404 lists the kinds: " + unknown);
    ApiException e = assertThrows(ApiException.class, () -> sdk(admin).setImage("logo", padded(PNG, 300 * 1024)));
    assertEquals(413, e.status());
  }

  @Test
  void changingNeedsLoginAndBrandingUpdate() throws Exception {
    assertEquals(401, api.send("PUT", "/api/v1/branding", null, "{\"siteTitle\":\"x\"}").status());
    assertEquals(401, api.send("POST", "/api/v1/branding/reset", null, null).status());
    assertEquals(401, api.send("PUT", "/api/v1/branding/images/logo", null, "{\"data\":\"" + b64(PNG) + "\"}")
        .status());
    assertEquals(401, api.send("DELETE", "/api/v1/branding/images/logo", null, null).status());
    JsonNode region = api.send("GET", "/api/v1/regions", admin, null).json().at("/items/0");
    String[][] who = {{"ro@example.com", "SYSTEM", "[]", "[\"system-readonly\"]"},
        {"reg@example.com", "REGION", "[\"" + region.path("id").asText() + "\"]", "[\"region-admin\"]"}};
    for (String[] w : who) {
      Api.Reply created = api.send("POST", "/api/v1/accounts", admin, "{\"email\":\"" + w[0] + "\",\"password\":"
          + "\"Brand-pass1\",\"scope\":\"" + w[1] + "\",\"regionIds\":" + w[2] + ",\"roleIds\":" + w[3]
          + ",\"mustChangePassword\":false}");
      assertEquals(201, created.status(), created.toString());
      String token = api.send("POST", "/api/v1/auth/login", null, "{\"username\":\"" + w[0] + "\",\"password\":"
          + "\"Brand-pass1\"}").json().path("token").asText();
      Api.Reply r = api.send("PUT", "/api/v1/branding", token, "{\"siteTitle\":\"Hijacked\"}");
      assertEquals(403, r.status(), w[3] + " -> " + r);
      assertTrue(r.json().path("message").asText().contains("branding:update"), r.toString());
      assertEquals(403, api.send("PUT", "/api/v1/branding/images/logo", token, "{\"data\":\"" + b64(PNG) + "\"}")
          .status());
      assertEquals("Vireo", sdk(token).get().settings().siteTitle(), "everyone reads it");
    }
    JsonNode perms = api.send("GET", "/api/v1/permissions", admin, null).json().path("items");
    assertTrue(perms.toString().contains("branding:update"), perms.toString());
    JsonNode regionAdmin = api.send("GET", "/api/v1/roles/region-admin", admin, null).json();
    assertFalse(regionAdmin.path("permissions").toString().contains("branding:update"),
        "branding is platform-wide: " + regionAdmin);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static byte[] padded(byte[] head, int size) {
    return Arrays.copyOf(head, size);
  }
}
