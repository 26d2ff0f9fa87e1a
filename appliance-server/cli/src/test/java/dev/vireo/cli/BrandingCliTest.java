package dev.vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code vireo branding show|set|set-image|reset} map options to the branding API (ADR 0044). */
class BrandingCliTest extends LoggedInCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String BRANDING = "{\"settings\":{\"siteTitle\":\"Acme Cloud\",\"showHelp\":true,\"showFavorites\":"
      + "true,\"englishConsole\":true,\"showFailureReasons\":true,\"alarmUnitMegabytes\":false,\"bigScreenTitle\":"
      + "\"\",\"loginTitle\":\"Acme\",\"loginTitleColor\":\"gold\",\"loginPhone\":\"+1 555 0100\","
      + "\"loginInputPosition\":\"left\",\"loginCopyright\":\"(c) Acme\",\"loginDescription\":\"Private cloud\","
      + "\"loginInputTransparent\":false,\"primaryColor\":\"#2E7D5B\",\"accentColor\":\"#F2B134\"},\"images\":[{"
      + "\"kind\":\"logo\",\"url\":\"/api/v1/branding/images/logo\",\"contentType\":\"image/png\",\"size\":68,"
      + "\"custom\":true,\"formats\":[\"png\",\"jpeg\"],\"maxBytes\":204800}],\"updatedAt\":\"2026-12-07T08:00:00Z\"}";

  @Test
  void showsTheBranding() {
    api.on("GET", "/api/v1/branding", 200, BRANDING);
    CliRun r = CliRun.run(profile, "branding", "show");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Acme Cloud") && r.stdout().contains("gold") && r.stdout().contains("image/png"),
        r.stdout());
  }

  @Test
  void setSendsOnlyTheGivenFields() throws Exception {
    api.on("PUT", "/api/v1/branding", 200, BRANDING);
    CliRun r = CliRun.run(profile, "branding", "set", "--login-title", "Acme", "--input-position", "left",
        "--transparent", "yes");
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("PUT", "/api/v1/branding").get(0).body());
    assertEquals("Acme", body.get("loginTitle").asText());
    assertEquals("left", body.get("loginInputPosition").asText());
    assertTrue(body.get("loginInputTransparent").asBoolean());
    assertFalse(body.has("siteTitle"), "an option left out keeps its value: " + body);
  }

  @Test
  void setImageUploadsTheFileInBase64() throws Exception {
    Path png = dir.resolve("logo.png");
    byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2};
    Files.write(png, bytes);
    api.on("PUT", "/api/v1/branding/images/logo", 200, BRANDING);
    CliRun r = CliRun.run(profile, "branding", "set-image", "logo", png.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    JsonNode body = JSON.readTree(api.requests("PUT", "/api/v1/branding/images/logo").get(0).body());
    assertEquals(Base64.getEncoder().encodeToString(bytes), body.get("data").asText());
  }

  @Test
  void resetResetsEverythingOrOneImage() {
    api.on("POST", "/api/v1/branding/reset", 200, BRANDING);
    api.on("DELETE", "/api/v1/branding/images/favicon", 200, BRANDING);
    assertEquals(0, CliRun.run(profile, "branding", "reset").exitCode());
    assertEquals(0, CliRun.run(profile, "branding", "reset", "favicon").exitCode());
    assertEquals(1, api.requests("POST", "/api/v1/branding/reset").size());
    assertEquals(1, api.requests("DELETE", "/api/v1/branding/images/favicon").size());
  }

  @Test
  void aBooleanOptionMustBeTrueOrFalse() {
    CliRun r = CliRun.run(profile, "branding", "set", "--show-help", "maybe");
    assertTrue(r.exitCode() != 0 && r.stderr().contains("--show-help"), r.stderr());
  }
}
