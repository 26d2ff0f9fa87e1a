package dev.vireo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.CreateVmRequest;
import dev.vireo.api.model.ImportImageRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static <T> ApiException refused(String body, Class<T> type) {
    return assertThrows(ApiException.class, () -> Json.read(body.getBytes(StandardCharsets.UTF_8), type));
  }

  @Test
  void readsAKnownBody() {
    ImportImageRequest r = Json.read("{\"name\":\"busybox\",\"bootMode\":\"UEFI\"}".getBytes(StandardCharsets.UTF_8),
        ImportImageRequest.class);
    assertEquals("busybox", r.name());
    assertEquals(BootMode.UEFI, r.bootMode());
  }

  @Test
  void anUnknownFieldIs422NamingTheField() {
    ApiException e = refused("{\"name\":\"web\",\"colour\":\"red\"}", CreateVmRequest.class);
    assertEquals(422, e.status());
    assertEquals("colour", e.field());
    assertTrue(e.getMessage().contains("unknown field"), e.getMessage());
  }

  @Test
  void malformedJsonIs400WithLineAndColumn() {
    ApiException e = refused("{\"name\": \"web\",\n  \"spec\": }", CreateVmRequest.class);
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("line 2, column"), e.getMessage());
  }

  @Test
  void aWrongEnumValueListsTheAllowedValues() {
    ApiException e = refused("{\"format\":\"VMDK\"}", ImportImageRequest.class);
    assertEquals(422, e.status());
    assertEquals("format", e.field());
    assertTrue(e.getMessage().contains("'VMDK'") && e.getMessage().contains("one of QCOW2, RAW, ISO"),
        e.getMessage());
  }

  @Test
  void aWrongTypeIs400NamingTheField() {
    assertEquals("systemDiskGiB", refused("{\"systemDiskGiB\":\"big\"}", CreateVmRequest.class).field());
    ApiException e = refused("{\"name\":[\"a\"]}", CreateVmRequest.class);
    assertEquals(400, e.status(), "docs/rest-api.md: a wrong JSON type is a malformed request");
    assertEquals("name", e.field());
  }

  @Test
  void aBodyThatIsNotAnObjectIs400OnTheBody() {
    ApiException e = refused("[1, 2]", CreateVmRequest.class);
    assertEquals(400, e.status());
    assertEquals("body", e.field());
  }

  @Test
  void anEmptyBodyIs400() {
    assertEquals(400, assertThrows(ApiException.class, () -> Json.read(new byte[0], CreateVmRequest.class)).status());
    assertEquals(400, assertThrows(ApiException.class, () -> Json.read(null, CreateVmRequest.class)).status());
  }

  @Test
  void writesInstantsAsIsoText() {
    String json = new String(Json.write(java.util.Map.of("at", java.time.Instant.parse("2026-01-02T03:04:05Z"))),
        StandardCharsets.UTF_8);
    assertEquals("{\"at\":\"2026-01-02T03:04:05Z\"}", json);
  }
}
