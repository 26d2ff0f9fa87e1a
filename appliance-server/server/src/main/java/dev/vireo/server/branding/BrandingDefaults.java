package dev.vireo.server.branding;

import dev.vireo.api.model.BrandingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The product's own branding (Vireo), read from the repository's {@code branding/default} that the
 * build copies onto the classpath: {@code branding.ini} for the texts and colours, {@code logo.svg}
 * as the platform and login logo until an administrator uploads one.
 */
final class BrandingDefaults {
  private static final String DIR = "/dev/vireo/server/branding/default/";

  final BrandingSettings settings;
  /** The default logo (SVG), or null when the build did not ship it. */
  final byte[] logoSvg;

  private BrandingDefaults(BrandingSettings settings, byte[] logoSvg) {
    this.settings = settings;
    this.logoSvg = logoSvg;
  }

  static BrandingDefaults load() {
    try {
      byte[] ini = resource("branding.ini");
      return new BrandingDefaults(parse(ini == null ? "" : new String(ini, StandardCharsets.UTF_8)),
          resource("logo.svg"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default branding", e);
    }
  }

  static BrandingSettings parse(String ini) throws IOException {
    Properties p = new Properties();
    try (StringReader r = new StringReader(ini)) {
      p.load(r);
    }
    String title = p.getProperty("title", "Vireo");
    return BrandingRules.checked(new BrandingSettings(title, true, true, true, true, false, "", title, "green", "",
        p.getProperty("login_input_position", "center"), p.getProperty("copyright", ""),
        p.getProperty("description", ""), false, p.getProperty("primary_color", "#2E7D5B"),
        p.getProperty("accent_color", "#F2B134")));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BrandingDefaults.class.getResourceAsStream(DIR + name)) {
      return in == null ? null : in.readAllBytes();
    }
  }
}
