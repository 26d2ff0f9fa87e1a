package dev.vireo.cli;

import dev.vireo.api.client.ApiException;
import dev.vireo.api.client.JobTimeoutException;
import dev.vireo.api.client.ServerUnreachableException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code vireo} command: {@code vireo <resource> <verb> [options]}. Exit codes: 0 done,
 * 1 the server or a job refused, 2 the command line is wrong, 3 the server cannot be reached.
 */
public final class VireoCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int UNREACHABLE = 3;

  private final Output out;
  private final Map<String, String> env;

  VireoCli(PrintStream stdout, PrintStream stderr, Map<String, String> env) {
    this.out = new Output(stdout, stderr);
    this.env = env;
  }

  public static void main(String[] args) {
    int code = new VireoCli(System.out, System.err, System.getenv()).run(args);
    System.exit(code);
  }

  int run(String... argv) {
    try {
      return dispatch(globalOptions(List.of(argv)));
    } catch (UsageException e) {
      out.error(e.getMessage() + " (see: vireo help)");
      return USAGE;
    } catch (IllegalArgumentException e) {
      out.error(e.getMessage());
      return USAGE;
    } catch (ServerUnreachableException e) {
      out.error(e.getMessage());
      return UNREACHABLE;
    } catch (ApiException e) {
      out.error(e.status() == 401 && !apiKeyInEnv() ? e.getMessage() + "; run: vireo login" : e.getMessage());
      return FAILED;
    } catch (CommandFailedException | JobTimeoutException | UncheckedIOException e) {
      out.error(e.getMessage());
      return FAILED;
    } finally {
      out.flush();
    }
  }

  private boolean apiKeyInEnv() {
    String v = env.get(Session.ACCESS_KEY_ENV);
    return v != null && !v.isBlank();
  }

  /** {@code --output} and {@code --help} may appear anywhere; they are taken out before the command parses. */
  private List<String> globalOptions(List<String> argv) {
    List<String> rest = new ArrayList<>();
    Iterator<String> it = argv.iterator();
    while (it.hasNext()) {
      String a = it.next();
      if (a.equals("--output") || a.equals("-o")) {
        if (!it.hasNext()) {
          throw new UsageException("--output needs a value: json or table");
        }
        out.format(Choices.parse("--output", it.next(), Output.Format.class));
      } else if (a.startsWith("--output=")) {
        out.format(Choices.parse("--output", a.substring("--output=".length()), Output.Format.class));
      } else if (a.equals("--help") || a.equals("-h")) {
        rest.add(0, "help");
      } else {
        rest.add(a);
      }
    }
    return rest;
  }

  private int dispatch(List<String> words) {
    if (words.isEmpty()) {
      out.usage(Help.text(null));
      return OK;
    }
    String resource = words.get(0);
    if (resource.equals("help")) {
      String topic = words.size() > 1 ? words.get(1) : null;
      if (topic != null && !Help.knows(topic)) {
        throw new UsageException("unknown command '" + topic + "'");
      }
      out.usage(Help.text(topic));
      return OK;
    }
    Session session = new Session(out, env);
    List<String> rest = words.subList(1, words.size());
    switch (resource) {
      case "login" -> new LoginCommand(session).login(rest);
      case "logout" -> new LoginCommand(session).logout(rest);
      case "status" -> {
        return new StatusCommand(session).run(rest);
      }
      case "image" -> new ImageCommands(session).run(verb(resource, rest), args(rest));
      case "vm" -> new VmCommands(session).run(verb(resource, rest), args(rest));
      case "job" -> new JobCommands(session).run(verb(resource, rest), args(rest));
      case "oplog" -> new OperationLogCommands(session).run(verb(resource, rest), args(rest));
      case "events" -> new ResourceEventCommands(session).run(verb(resource, rest), args(rest));
      case "alarm" -> new AlarmCommands(session).run(verb(resource, rest), args(rest));
      case "account" -> new AccountCommands(session).account(verb(resource, rest), args(rest));
      case "role" -> new AccountCommands(session).role(verb(resource, rest), args(rest));
      case "branding" -> new BrandingCommands(session).run(verb(resource, rest), args(rest));
      case "apikey" -> new ApiKeyCommands(session).run(verb(resource, rest), args(rest));
      case "oauth-client" -> new OAuthClientCommands(session).run(verb(resource, rest), args(rest));
      case "network" -> new NetworkCommands(session).run(verb(resource, rest), args(rest));
      case "disk" -> new DiskCommands(session).runDisk(verb(resource, rest), args(rest));
      case "storage" -> new DiskCommands(session).runStorage(verb(resource, rest), args(rest));
      case "security-group" -> new SecurityGroupCommands(session).run(verb(resource, rest), args(rest));
      case "port-group", "ip-group" -> new SecurityGroupCommands(session).runGroup(resource, verb(resource, rest), args(rest));
      case "group", "placement" -> new GroupCommands(session).run(resource, verb(resource, rest), args(rest));
      case "settings" -> new SettingsCommands(session).run(verb(resource, rest), args(rest));
      case "spec" -> new SpecCommands(session).runSpec(verb(resource, rest), args(rest));
      case "disk-spec" -> new SpecCommands(session).runDiskSpec(verb(resource, rest), args(rest));
      case "cluster", "region", "node" ->
          new InventoryCommands(session).run(resource, verb(resource, rest), args(rest));
      default -> throw new UsageException("unknown command '" + resource + "'");
    }
    return OK;
  }

  private static String verb(String resource, List<String> rest) {
    if (rest.isEmpty() || rest.get(0).startsWith("--")) {
      throw new UsageException("missing verb: vireo " + resource + " " + Help.verbs(resource));
    }
    return rest.get(0);
  }

  private static List<String> args(List<String> rest) {
    return rest.subList(1, rest.size());
  }
}
