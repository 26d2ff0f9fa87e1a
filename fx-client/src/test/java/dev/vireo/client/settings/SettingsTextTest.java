package dev.vireo.client.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.client.app.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The settings screen's text: the same keys in both languages, every key the code names is there, valid patterns. */
class SettingsTextTest {
  private static final Pattern KEY = Pattern.compile("\"((?:settings|resources)\\.[A-Za-z0-9.-]*[A-Za-z0-9])\"");

  @Test
  void everyKeyUsedIsInBothLanguages() throws IOException {
    Properties en = bundle("messages.properties");
    Properties zh = bundle("messages_zh.properties");
    assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()));
    Set<String> used = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/vireo/client/settings"))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = KEY.matcher(Files.readString(f));
        while (m.find()) {
          used.add(m.group(1));
        }
      }
    }
    BrandingImagesModel.KINDS.forEach(k -> used.add("settings.images." + k));
    BrandingTextForm.TITLE_COLOURS.forEach(k -> used.add("settings.colour." + k));
    assertTrue(used.size() > 40, "found the keys in use: " + used);
    Messages english = new Messages(Locale.ENGLISH);
    Messages chinese = new Messages(Locale.CHINESE);
    for (String key : used) {
      assertTrue(english.has(key), key + " in English");
      assertTrue(chinese.has(key), key + " in Chinese");
    }
    for (String key : en.stringPropertyNames()) {
      new MessageFormat(en.getProperty(key), Locale.ENGLISH).format(new Object[] {"a", "b", "c"});
      new MessageFormat(zh.getProperty(key), Locale.CHINESE).format(new Object[] {"a", "b", "c"});
    }
  }

  private static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = SettingsTextTest.class.getResourceAsStream("/dev/vireo/client/settings/" + name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
