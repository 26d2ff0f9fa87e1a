package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.BootMode;
import dev.vireo.api.model.Image;
import dev.vireo.api.model.ImageFormat;
import dev.vireo.api.model.ImageKind;
import dev.vireo.api.model.ImportImageRequest;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.OsType;
import dev.vireo.api.model.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code vireo image list|show|import|delete|download}. */
final class ImageCommands {
  private final Session session;
  private final Output out;

  ImageCommands(Session session) {
    this.session = session;
    this.out = session.out;
  }

  void run(String verb, List<String> tokens) {
    switch (verb) {
      case "list" -> list(Args.parse(tokens, Set.of(), Set.of()));
      case "show" -> show(session.client().getImage(Args.parse(tokens, Set.of(), Set.of()).target("image id or name")));
      case "import" -> importImage(Args.parse(tokens, Set.of("name", "source", "description", "format", "os-type",
          "boot-mode", "kind", "idempotency-key"), Set.of("wait")));
      case "delete" -> delete(Args.parse(tokens, Set.of(), Set.of("force", "wait")));
      case "download" -> download(Args.parse(tokens, Set.of("file"), Set.of("resume")));
      default -> throw new UsageException("unknown command 'image " + verb + "'");
    }
  }

  private void list(Args args) {
    args.noMorePositionalsThan(0);
    Page<Image> page = session.client().listImages();
    out.result(page, () -> out.table(List.of("ID", "NAME", "FORMAT", "KIND", "OS", "BOOT", "STATE", "SIZE", "VIRTUAL"),
        page.items().stream().map(i -> Table.row(i.id(), i.name(), Human.str(i.format()), Human.str(i.kind()),
            Human.str(i.osType()), Human.str(i.bootMode()), Human.str(i.state()), Human.bytes(i.sizeBytes()),
            Human.bytes(i.virtualSizeBytes()))).toList()));
  }

  private void show(Image i) {
    out.result(i, () -> {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("id", i.id());
      f.put("name", i.name());
      f.put("description", i.description());
      f.put("state", Human.str(i.state()));
      f.put("format", Human.str(i.format()));
      f.put("kind", Human.str(i.kind()));
      f.put("os type", Human.str(i.osType()));
      f.put("boot mode", Human.str(i.bootMode()));
      f.put("size", Human.bytes(i.sizeBytes()));
      f.put("virtual size", Human.bytes(i.virtualSizeBytes()));
      f.put("sha256", i.checksumSha256());
      f.put("created", Human.time(i.createdAt()));
      out.fields(f);
    });
  }

  private void importImage(Args args) {
    args.noMorePositionalsThan(0);
    ImportImageRequest request = new ImportImageRequest(args.required("name"), args.value("description"),
        args.required("source"), args.choice("format", ImageFormat.class), args.choice("os-type", OsType.class),
        args.choice("boot-mode", BootMode.class), args.choice("kind", ImageKind.class));
    VireoClient client = session.client();
    Accepted accepted = client.importImage(request, args.value("idempotency-key"));
    if (!args.flag("wait")) {
      session.accepted(accepted, "image");
      return;
    }
    session.await(accepted, Session.DEFAULT_WAIT);
    show(client.getImage(accepted.resourceId()));
  }

  /** Streams the image's file to {@code --output} and checks it against the image's SHA-256. */
  private void download(Args args) {
    String ref = args.target("image id or name");
    java.nio.file.Path target = java.nio.file.Path.of(args.required("file"));
    VireoClient client = session.client();
    Image image = client.getImage(ref);
    long size = client.downloadImage(image.id(), target, args.flag("resume"));
    String sha = sha256(target);
    if (image.checksumSha256() != null && !image.checksumSha256().equalsIgnoreCase(sha)) {
      throw new CommandFailedException("downloaded " + size + " bytes to " + target + " but their SHA-256 " + sha
          + " is not the image's " + image.checksumSha256() + "; download again (without --resume)");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("imageId", image.id());
    result.put("path", target.toAbsolutePath().toString());
    result.put("sizeBytes", size);
    result.put("sha256", sha);
    out.result(result, () -> out.line("image " + image.id() + " saved to " + target + " (" + Human.bytes(size)
        + ", SHA-256 " + sha + " verified)"));
  }

  private static String sha256(java.nio.file.Path file) {
    try (var in = java.nio.file.Files.newInputStream(file)) {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return java.util.HexFormat.of().formatHex(digest.digest());
    } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
      throw new CommandFailedException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private void delete(Args args) {
    String image = args.target("image id or name");
    Accepted accepted = session.client().deleteImage(image, args.flag("force"));
    if (!args.flag("wait")) {
      session.accepted(accepted, "image");
      return;
    }
    Job job = session.await(accepted, Session.DEFAULT_WAIT);
    out.result(job, () -> out.line("image " + accepted.resourceId() + " deleted"));
  }
}
