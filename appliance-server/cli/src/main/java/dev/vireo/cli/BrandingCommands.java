package dev.vireo.cli;

import dev.vireo.api.model.Branding;
import dev.vireo.api.model.BrandingImage;
import dev.vireo.api.model.BrandingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code vireo branding show|set|set-image|reset}: the platform's branding (white paper 6.1,
 * ADR 0044). The server checks every rule; this only maps options to fields.
 */
final class BrandingCommands {
  private static final Set<String> TEXT_OPTIONS = Set.of("site-title", "big-screen-title", "login-title",
      "login-title-color", "login-phone", "input-position", "copyright", "description", "primary-color",
      "accent-color", "show-help", "show-favorites", "english-console", "show-failure-reasons",
      "alarm-unit-megabytes", "transparent");
  private final Session session;
  private final Output out;

  BrandingCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    var branding = session.client().branding();
    switch (verb) {
      case "show" -> {
        Args.parse(tokens, Set.of(), Set.of()).noMorePositionalsThan(0);
        show(branding.get());
      }
      case "set" -> {
        Args args = Args.parse(tokens, TEXT_OPTIONS, Set.of());
        args.noMorePositionalsThan(0);
        BrandingSettings change = new BrandingSettings(args.value("site-title"), bool(args, "show-help"),
            bool(args, "show-favorites"), bool(args, "english-console"), bool(args, "show-failure-reasons"),
            bool(args, "alarm-unit-megabytes"), args.value("big-screen-title"), args.value("login-title"),
            args.value("login-title-color"), args.value("login-phone"), args.value("input-position"),
            args.value("copyright"), args.value("description"), bool(args, "transparent"),
            args.value("primary-color"), args.value("accent-color"));
        show(branding.update(change));
      }
      case "set-image" -> {
        Args args = Args.parse(tokens, Set.of(), Set.of());
        args.noMorePositionalsThan(2);
        List<String> p = positionals(args, 2, "set-image <favicon|logo|login-logo|login-background> <file>");
        byte[] data;
        try {
          data = Files.readAllBytes(Path.of(p.get(1)));
        } catch (IOException e) {
          throw new UsageException("cannot read " + p.get(1) + ": " + e.getMessage());
        }
        show(branding.setImage(p.get(0), data));
      }
      case "reset" -> {
        Args args = Args.parse(tokens, Set.of(), Set.of());
        args.noMorePositionalsThan(1);
        List<String> p = positionals(args, 0, "reset [<image kind>]");
        show(p.isEmpty() ? branding.reset() : branding.deleteImage(p.get(0)));
      }
      default -> throw new UsageException("unknown command 'branding " + verb + "'");
    }
  }

  private static List<String> positionals(Args args, int needed, String usage) {
    List<String> p = new ArrayList<>();
    for (int i = 0; ; i++) {
      String v = args.positional(i);
      if (v == null) {
        break;
      }
      p.add(v);
    }
    if (p.size() < needed) {
      throw new UsageException("usage: vireo branding " + usage);
    }
    return p;
  }

  private static Boolean bool(Args args, String name) {
    String v = args.value(name);
    if (v == null) {
      return null;
    }
    return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new UsageException("--" + name + " must be true or false (got '" + v + "')");
    };
  }

  private void show(Branding b) {
    BrandingSettings s = b.settings();
    List<List<String>> rows = new ArrayList<>(List.of(
        Table.row("site title", s.siteTitle()), Table.row("big-screen title", s.effectiveBigScreenTitle()),
        Table.row("login title", s.loginTitle()), Table.row("login title colour", s.loginTitleColor()),
        Table.row("login phone", s.loginPhone()), Table.row("input position", s.loginInputPosition()),
        Table.row("input transparent", yes(s.loginInputTransparent())),
        Table.row("copyright", s.loginCopyright()), Table.row("description", s.loginDescription()),
        Table.row("colours", s.primaryColor() + " " + s.accentColor()),
        Table.row("help / favourites / english", yes(s.showHelp()) + " / " + yes(s.showFavorites()) + " / "
            + yes(s.englishConsole())),
        Table.row("failure reasons / alarms in MBytes", yes(s.showFailureReasons()) + " / "
            + yes(s.alarmUnitMegabytes()))));
    for (BrandingImage i : b.images()) {
      rows.add(Table.row("image " + i.kind(), i.url() == null ? "(none)" : i.contentType() + ", " + i.size()
          + " bytes" + (i.custom() ? "" : " (default)")));
    }
    out.result(b, () -> out.table(List.of("FIELD", "VALUE"), rows));
  }

  private static String yes(Boolean b) {
    return Boolean.TRUE.equals(b) ? "yes" : "no";
  }
}
