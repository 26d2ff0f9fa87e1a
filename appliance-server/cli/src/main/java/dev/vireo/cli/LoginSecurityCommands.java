package dev.vireo.cli;

import dev.vireo.api.model.IpAllowList;
import dev.vireo.api.model.Page;
import dev.vireo.api.model.RecoveryCodes;
import dev.vireo.api.model.SessionInfo;
import dev.vireo.api.model.TotpEnrolment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The login security verbs of {@code vireo account} (white paper 5.2.2, ADR 0041): two-factor
 * authentication ({@code totp enrol|confirm|disable|reset}), IP allow-lists, sessions, the own
 * login e-mail, and password recovery (which needs no login, only a saved server).
 */
final class LoginSecurityCommands {
  static final Set<String> VERBS = Set.of("totp", "allow-list", "set-allow-list", "sessions", "revoke-sessions",
      "change-email", "password-recovery", "password-reset");
  private static final Set<String> PASSWORD_OPTIONS = Set.of("password-file", "password");
  private final Session session;
  private final Output out;

  LoginSecurityCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    var accounts = session.client().accounts();
    switch (verb) {
      case "totp" -> totp(tokens);
      case "allow-list" -> showList(accounts.ipAllowList(Args.parse(tokens, Set.of(), Set.of()).target("account id")));
      case "set-allow-list" -> {
        Args args = Args.parse(tokens, Set.of(), Set.of());
        List<String> p = args.positionals();
        if (p.isEmpty()) {
          throw new UsageException("missing account id");
        }
        showList(accounts.setIpAllowList(p.get(0), List.copyOf(p.subList(1, p.size()))));
      }
      case "sessions" -> {
        Page<SessionInfo> page = accounts.sessions(Args.parse(tokens, Set.of(), Set.of()).target("account id"));
        out.result(page, () -> out.table(List.of("ID", "FROM", "SINCE", "LAST USED", "EXPIRES", "CURRENT"),
            page.items().stream().map(s -> Table.row(s.id(), s.sourceIp() == null ? "-" : s.sourceIp(),
                Human.time(s.createdAt()), Human.time(s.lastUsedAt()), Human.time(s.expiresAt()),
                s.current() ? "yes" : "")).toList()));
      }
      case "revoke-sessions" -> {
        Args args = Args.parse(tokens, Set.of("session"), Set.of());
        String id = args.target("account id");
        accounts.revokeSessions(id, args.value("session"));
        out.line(args.value("session") == null ? "revoked every session of " + id
            : "revoked session " + args.value("session") + " of " + id);
      }
      case "change-email" -> {
        Args args = Args.parse(tokens, PASSWORD_OPTIONS, Set.of());
        var a = accounts.changeEmail(LoginCommand.password(args), args.target("new e-mail"));
        out.result(a, () -> out.line("the login e-mail is now " + a.login()));
      }
      case "password-recovery" -> {
        String email = Args.parse(tokens, Set.of(), Set.of()).target("e-mail");
        accounts.requestPasswordRecovery(email);
        out.line("if " + email + " is an account's login, a link to set a new password is on its way"
            + " (valid 30 minutes)");
      }
      case "password-reset" -> {
        Args args = Args.parse(tokens, Set.of("token", "password-file", "password"), Set.of());
        args.noMorePositionalsThan(0);
        accounts.resetPassword(args.required("token"), LoginCommand.password(args));
        out.line("the new password is set; every session of the account was ended: log in again");
      }
      default -> throw new UsageException("unknown command 'account " + verb + "'");
    }
  }

  private void totp(List<String> tokens) {
    if (tokens.isEmpty() || tokens.get(0).startsWith("--")) {
      throw new UsageException("missing totp command: enrol|confirm|disable|reset");
    }
    String sub = tokens.get(0);
    List<String> rest = tokens.subList(1, tokens.size());
    var accounts = session.client().accounts();
    switch (sub) {
      case "enrol", "enroll" -> {
        Args args = Args.parse(rest, Set.of("qr-svg"), Set.of());
        args.noMorePositionalsThan(0);
        TotpEnrolment e = accounts.enrolTotp();
        if (args.value("qr-svg") != null) {
          write(Path.of(args.value("qr-svg")), e.qrCodeSvg());
        }
        out.result(Map.of("secret", e.secret(), "otpauthUri", e.otpauthUri()), () -> {
          out.line("Secret (Base32): " + e.secret());
          out.line("URI: " + e.otpauthUri());
          if (args.value("qr-svg") != null) {
            out.line("QR code written to " + args.value("qr-svg"));
          }
          out.line("Add it to an authenticator app, then: vireo account totp confirm <code>");
        });
      }
      case "confirm" -> {
        RecoveryCodes codes = accounts.confirmTotp(Args.parse(rest, Set.of(), Set.of()).target("6-digit code"));
        out.result(codes, () -> {
          out.line("Two-factor authentication is on. Recovery codes (each works once; shown only now):");
          codes.codes().forEach(c -> out.line("  " + c));
        });
      }
      case "disable" -> {
        Args args = Args.parse(rest, PASSWORD_OPTIONS, Set.of());
        args.noMorePositionalsThan(0);
        accounts.disableTotp(LoginCommand.password(args));
        out.line("two-factor authentication is off");
      }
      case "reset" -> {
        String id = Args.parse(rest, Set.of(), Set.of()).target("account id");
        accounts.resetTotp(id);
        out.line("two-factor authentication of " + id + " is off; it logs in with its password until it enrols again");
      }
      default -> throw new UsageException("unknown command 'account totp " + sub + "' (enrol|confirm|disable|reset)");
    }
  }

  private void showList(IpAllowList list) {
    out.result(list, () -> {
      if (list.entries().isEmpty()) {
        out.line("no IP allow-list: any address may log in");
      }
      list.entries().forEach(out::line);
    });
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
