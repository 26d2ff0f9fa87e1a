package dev.vireo.server.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.server.http.Json;
import dev.vireo.server.job.JobFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The server's use of qemu-img: inspecting and converting imported images. */
final class QemuImg {
  record Info(String format, long virtualSize) {}

  private QemuImg() {}

  static Info info(Path file) throws JobFailedException, InterruptedException {
    String out = run(List.of("qemu-img", "info", "--output=json", file.toString()), 60);
    try {
      JsonNode n = Json.MAPPER.readTree(out);
      return new Info(n.path("format").asText(), n.path("virtual-size").asLong());
    } catch (IOException e) {
      throw new JobFailedException("qemu-img could not read " + file);
    }
  }

  static void convertToQcow2(Path from, String fromFormat, Path to) throws JobFailedException, InterruptedException {
    run(List.of("qemu-img", "convert", "-f", fromFormat, "-O", "qcow2", from.toString(), to.toString()), 3600);
  }

  private static String run(List<String> command, int timeoutSeconds) throws JobFailedException, InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new JobFailedException("qemu-img timed out after " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        throw new JobFailedException("qemu-img: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new JobFailedException("cannot run qemu-img (is qemu-utils installed?): " + e.getMessage());
    }
  }
}
