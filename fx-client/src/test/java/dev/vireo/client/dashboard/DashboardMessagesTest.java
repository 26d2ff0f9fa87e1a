package dev.vireo.client.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's and the big screen's texts exist in English and Chinese alike. */
class DashboardMessagesTest {
  @ParameterizedTest
  @ValueSource(strings = {"/dev/vireo/client/dashboard/messages", "/dev/vireo/client/bigscreen/messages"})
  void everyKeyIsInBothLanguages(String bundle) throws Exception {
    Properties en = load(bundle + ".properties");
    Properties zh = load(bundle + "_zh.properties");
    assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()));
  }

  @org.junit.jupiter.api.Test
  void everyStateHasAText() throws Exception {
    Properties en = load("/dev/vireo/client/dashboard/messages.properties");
    for (var s : dev.vireo.api.model.VmState.values()) {
      assertEquals(true, en.containsKey("dashboard.vmState." + s.name()), s.name());
    }
    for (var s : dev.vireo.api.model.NodeState.values()) {
      assertEquals(true, en.containsKey("dashboard.nodeState." + s.name()), s.name());
    }
  }

  @org.junit.jupiter.api.Test
  void everyTileAndSeverityHasAText() throws Exception {
    Properties en = load("/dev/vireo/client/bigscreen/messages.properties");
    for (var t : dev.vireo.client.bigscreen.BigScreenTile.values()) {
      assertEquals(true, en.containsKey("bigscreen.tile." + t.name().toLowerCase(java.util.Locale.ROOT)), t.name());
    }
    for (var s : dev.vireo.api.model.AlarmSeverity.values()) {
      assertEquals(true, en.containsKey("bigscreen.severity." + s.name()), s.name());
    }
    for (var s : dev.vireo.api.model.AlarmState.values()) {
      assertEquals(true, en.containsKey("bigscreen.alarmState." + s.name()), s.name());
    }
  }

  private static Properties load(String path) throws Exception {
    Properties p = new Properties();
    try (InputStream in = DashboardMessagesTest.class.getResourceAsStream(path)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
