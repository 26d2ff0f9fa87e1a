package dev.vireo.client.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vireo.api.model.RoleRequest;
import dev.vireo.client.resources.FormValues;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The roles screen's request from its form, without the FX toolkit. */
class RolesScreenTest {
  @Test
  void aRoleFormSendsItsNameDescriptionAndTheChosenPermissions() {
    RoleRequest r = RolesScreen.request(new FormValues(Map.of("name", " operators ", "description", "run VMs",
        "permissions", "vm:read,vm:operate")));
    assertEquals(new RoleRequest("operators", "run VMs", List.of("vm:read", "vm:operate")), r);
  }

  @Test
  void aBlankDescriptionIsSentAsNone() {
    Map<String, String> v = new HashMap<>(Map.of("name", "r", "permissions", "vm:read"));
    v.put("description", " ");
    assertNull(RolesScreen.request(new FormValues(v)).description());
  }
}
