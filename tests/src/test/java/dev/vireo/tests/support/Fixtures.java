package dev.vireo.tests.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resources most API tests need: a tiny imported disk image and a VM placed on the fake node. */
public final class Fixtures {
  private Fixtures() {}

  /** Whether qemu-img is installed: the server itself needs it to import disk images. */
  public static boolean hasQemuImg() {
    return Files.isExecutable(Path.of("/usr/bin/qemu-img")) || Files.isExecutable(Path.of("/usr/local/bin/qemu-img"));
  }

  /** A 64 MiB (virtual) empty qcow2 file in {@code dir}. */
  public static Path smallQcow2(Path dir, String name) {
    Path file = dir.resolve(name + ".qcow2");
    Commands.check(List.of("qemu-img", "create", "-q", "-f", "qcow2", file.toString(), "64M"), 30);
    return file;
  }

  /** Body of an image import of {@code file}. */
  public static String importBody(String name, Path file) {
    return "{\"name\":\"" + name + "\",\"source\":\"" + file.toAbsolutePath() + "\",\"format\":\"QCOW2\"}";
  }

  /** Imports a fresh small qcow2 and waits until it is AVAILABLE; returns the image id. */
  public static String importImage(TestServer server, String token, Path dir, String name) throws Exception {
    Api.Reply r = server.api().send("POST", "/api/v1/images", token, importBody(name, smallQcow2(dir, name)));
    server.api().succeeded(token, r);
    return r.json().get("resourceId").asText();
  }

  /** Body of a VM create from an image on the smallest default spec. */
  public static String vmBody(String name, String imageId) {
    return "{\"name\":\"" + name + "\",\"image\":\"" + imageId + "\",\"spec\":\"1C2G\",\"systemDiskGiB\":1,"
        + "\"start\":false}";
  }

  /** Creates a stopped VM on the fake node and waits for the job; returns the VM id. */
  public static String createVm(TestServer server, String token, String name, String imageId) throws Exception {
    server.fakeAgent();
    Api.Reply r = server.api().send("POST", "/api/v1/vms", token, vmBody(name, imageId));
    server.api().succeeded(token, r);
    return r.json().get("resourceId").asText();
  }
}
