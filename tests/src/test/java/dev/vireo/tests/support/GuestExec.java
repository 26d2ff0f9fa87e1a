package dev.vireo.tests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Runs a command inside a lab guest through its QEMU guest agent ({@code guest-exec}, via
 * {@code virsh qemu-agent-command} on the guest's node) and returns the exit code and output:
 * how tests look at the network from inside a VM.
 */
public final class GuestExec {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the command did. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private GuestExec() {}

  /** Runs {@code busybox <args...>} in the guest and waits up to {@code timeoutSeconds}. */
  public static Result busybox(MultiNodeLab lab, String host, String domain, long timeoutSeconds, String... args)
      throws Exception {
    return busybox(a -> lab.virsh(host, a), domain, timeoutSeconds, args);
  }

  /** The same for a guest of this host's own libvirt (the single-node {@link VireoLab}). */
  public static Result busybox(String domain, long timeoutSeconds, String... args) throws Exception {
    return busybox(a -> {
      List<String> cmd = new ArrayList<>(List.of("virsh", "-c", "qemu:///system"));
      cmd.addAll(List.of(a));
      return Commands.check(cmd, 30);
    }, domain, timeoutSeconds, args);
  }

  /** Runs virsh with these arguments where the guest's libvirt is and returns its output. */
  private interface VirshCall {
    String run(String... args) throws java.io.IOException;
  }

  private static Result busybox(VirshCall virsh, String domain, long timeoutSeconds, String... args)
      throws Exception {
    var exec = JSON.createObjectNode();
    exec.put("execute", "guest-exec");
    var arguments = exec.putObject("arguments");
    arguments.put("path", "/bin/busybox");
    var argv = arguments.putArray("arg");
    for (String a : args) {
      argv.add(a);
    }
    arguments.put("capture-output", true);
    JsonNode started = JSON.readTree(virsh.run("qemu-agent-command", domain, JSON.writeValueAsString(exec)));
    long pid = started.at("/return/pid").asLong();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (true) {
      JsonNode status = JSON.readTree(virsh.run("qemu-agent-command", domain,
          "{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":" + pid + "}}")).get("return");
      if (status.path("exited").asBoolean()) {
        return new Result(status.path("exitcode").asInt(-1), decode(status.path("out-data")),
            decode(status.path("err-data")));
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("busybox " + String.join(" ", args) + " in " + domain + " did not end within "
            + timeoutSeconds + " s");
      }
      Thread.sleep(200);
    }
  }

  /** True when the guest answers its agent (it is up far enough to run commands). */
  public static boolean agentUp(MultiNodeLab lab, String host, String domain) {
    try {
      lab.virsh(host, "qemu-agent-command", domain, "{\"execute\":\"guest-ping\"}");
      return true;
    } catch (RuntimeException | AssertionError | java.io.IOException e) {
      return false;
    }
  }

  private static String decode(JsonNode b64) {
    return b64.isMissingNode() || b64.isNull() ? ""
        : new String(Base64.getDecoder().decode(b64.asText()), StandardCharsets.UTF_8);
  }

  /** {@code ping -c N -W 2 address} from the guest; true when any reply came back. */
  public static boolean ping(MultiNodeLab lab, String host, String domain, String address, int count)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("ping", "-c", String.valueOf(count), "-W", "2", address));
    return busybox(lab, host, domain, 10L + 3L * count, args.toArray(String[]::new)).exitCode() == 0;
  }
}
