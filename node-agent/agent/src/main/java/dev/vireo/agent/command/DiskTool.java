package dev.vireo.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vireo.agent.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** qemu-img, for the disk work libvirt does not do for us. */
public final class DiskTool {

  /** Virtual size and backing file of an image, from {@code qemu-img info}. */
  public record DiskInfo(long virtualSize, String backingFile) {}

  public DiskInfo info(Path image) {
    String out = run(List.of("qemu-img", "info", "--output=json", "-U", image.toString()));
    try {
      JsonNode node = Json.MAPPER.readTree(out);
      JsonNode backing = node.get("backing-filename");
      return new DiskInfo(node.path("virtual-size").asLong(), backing == null ? null : backing.asText());
    } catch (IOException e) {
      throw new CommandFailedException("DISK_CREATE_FAILED", "qemu-img info printed no JSON: " + out, e);
    }
  }

  /** Creates a qcow2 overlay on {@code base}, never writing the base. */
  public void createOverlay(Path base, Path disk, long sizeBytes) {
    run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base.toString(),
        disk.toString(), Long.toString(sizeBytes)));
  }

  /** What a data volume is: qcow2 format, virtual size, bytes it takes on the storage. */
  public record VolumeInfo(String format, long virtualSize, long actualSize, String backingFile) {}

  public VolumeInfo volumeInfo(Path volume) {
    String out = run(List.of("qemu-img", "info", "--output=json", "-U", volume.toString()));
    try {
      JsonNode node = Json.MAPPER.readTree(out);
      JsonNode backing = node.get("backing-filename");
      return new VolumeInfo(node.path("format").asText(), node.path("virtual-size").asLong(),
          node.path("actual-size").asLong(), backing == null ? null : backing.asText());
    } catch (IOException e) {
      throw new CommandFailedException("VOLUME_FAILED", "qemu-img info printed no JSON: " + out, e);
    }
  }

  /** Creates a thin (unallocated) qcow2 volume without a backing file. */
  public void createVolume(Path volume, long sizeBytes) {
    run(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-o", "preallocation=off", volume.toString(),
        Long.toString(sizeBytes)));
  }

  /** Copies a volume no domain writes into a new thin qcow2 (zeros are not written). */
  public void copyVolume(Path source, Path target) {
    run(List.of("qemu-img", "convert", "-q", "-U", "-f", "qcow2", "-O", "qcow2", source.toString(), target.toString()));
  }

  /** Grows a volume no domain has open; qemu-img refuses a shrink without --shrink, which is never passed. */
  public void growVolume(Path volume, long sizeBytes) {
    run(List.of("qemu-img", "resize", "-q", "-f", "qcow2", volume.toString(), Long.toString(sizeBytes)));
  }

  // --- disk snapshots (ADR 0025): qcow2 internal snapshots, kept inside the volume itself ---

  /** The names of a volume's internal snapshots ({@code -U}: readable while a domain has it open). */
  public List<String> snapshots(Path volume) {
    String out = run(List.of("qemu-img", "info", "--output=json", "-U", volume.toString()));
    try {
      List<String> names = new java.util.ArrayList<>();
      for (JsonNode s : Json.MAPPER.readTree(out).path("snapshots")) {
        names.add(s.path("name").asText());
      }
      return names;
    } catch (IOException e) {
      throw new CommandFailedException("VOLUME_FAILED", "qemu-img info printed no JSON: " + out, e);
    }
  }

  /** Creates an internal snapshot of a volume no domain has open. */
  public void createSnapshot(Path volume, String name) {
    run(List.of("qemu-img", "snapshot", "-q", "-c", name, volume.toString()));
  }

  /** Deletes an internal snapshot of a volume no domain has open; the others keep their clusters (refcounts). */
  public void deleteSnapshot(Path volume, String name) {
    run(List.of("qemu-img", "snapshot", "-q", "-d", name, volume.toString()));
  }

  /** Reverts a volume no domain has open to an internal snapshot. */
  public void revertSnapshot(Path volume, String name) {
    run(List.of("qemu-img", "snapshot", "-q", "-a", name, volume.toString()));
  }

  /** Copies one internal snapshot of {@code source} into a new thin qcow2 without a backing file. */
  public void copySnapshot(Path source, String name, Path target) {
    run(List.of("qemu-img", "convert", "-q", "-U", "-f", "qcow2", "-O", "qcow2", "-l", "snapshot.name=" + name,
        source.toString(), target.toString()));
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new CommandFailedException("DISK_CREATE_FAILED", "qemu-img timed out");
      }
      if (p.exitValue() != 0) {
        throw new CommandFailedException("DISK_CREATE_FAILED", "qemu-img failed: " + out.strip());
      }
      return out;
    } catch (IOException e) {
      throw new CommandFailedException("DISK_CREATE_FAILED", "cannot run qemu-img: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailedException("DISK_CREATE_FAILED", "interrupted", e);
    }
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
