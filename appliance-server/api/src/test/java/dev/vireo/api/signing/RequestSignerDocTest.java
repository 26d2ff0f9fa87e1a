package dev.vireo.api.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The worked example of docs/api-signing.md, block by block, is what {@link RequestSigner} computes. */
class RequestSignerDocTest {
  private static final Path DOC = Path.of("../../docs/api-signing.md");
  private static final String DATE = "20261207T235200Z";
  private static final String HOST = "vireo.example:8443";

  private static String block(String doc, String name) {
    int marker = doc.indexOf("<!-- example:" + name + " -->");
    assertTrue(marker >= 0, "docs/api-signing.md has no example block " + name);
    int open = doc.indexOf('\n', doc.indexOf("```", marker)) + 1;
    return doc.substring(open, doc.indexOf("\n```", open));
  }

  private static String doc() throws Exception {
    return Files.readString(DOC);
  }

  private static void check(String doc, String name, RequestSigner.Input in) {
    check(doc, name, SigningAlgorithm.SHA256, in);
  }

  private static void check(String doc, String name, SigningAlgorithm algorithm, RequestSigner.Input in) {
    RequestSigner.Signed s = RequestSigner.sign(algorithm, block(doc, "access-key"), block(doc, "secret"), in);
    assertEquals(block(doc, name + ":canonical-request"), s.canonicalRequest(), name + " canonical request");
    assertEquals(block(doc, name + ":string-to-sign"), s.stringToSign(), name + " string to sign");
    assertEquals(block(doc, name + ":authorization"), s.authorization(), name + " Authorization header");
  }

  @Test
  void theDocumentedGetIsSignedAsTheDocumentSays() throws Exception {
    check(doc(), "get", new RequestSigner.Input("GET", "/api/v1/vms", "offset=0&limit=10", HOST, DATE,
        "3f1c9a7e5b2d4c6a8e0f1b3d5c7a9e2f", new byte[0]));
  }

  @Test
  void theDocumentedPostIsSignedAsTheDocumentSays() throws Exception {
    check(doc(), "post", new RequestSigner.Input("POST", "/api/v1/vms", null, HOST, DATE,
        "b7e2d4f6a8c0e1f3a5b7c9d1e3f5a7b9",
        "{\"name\":\"web-1\",\"spec\":\"1C2G\",\"image\":\"debian-12\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theDocumentedSm3PostIsSignedAsTheDocumentSays() throws Exception {
    check(doc(), "sm3-post", SigningAlgorithm.SM3, new RequestSigner.Input("POST", "/api/v1/vms", null, HOST, DATE,
        "b7e2d4f6a8c0e1f3a5b7c9d1e3f5a7b9",
        "{\"name\":\"web-1\",\"spec\":\"1C2G\",\"image\":\"debian-12\"}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theDocumentedShellScriptComputesTheSameSignature() throws Exception {
    runScript(null, "post:authorization");
  }

  @Test
  void theDocumentedShellScriptWithAlgSm3ComputesTheSameSm3Signature() throws Exception {
    runScript("sm3", "sm3-post:authorization");
  }

  /** Runs the documented script ({@code alg}: its ALG, null for the default) and compares with the block. */
  private static void runScript(String alg, String expectedBlock) throws Exception {
    String doc = doc();
    Path script = Files.createTempFile("api-signing", ".sh");
    try {
      Files.writeString(script, block(doc, "shell") + "\n");
      ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
      pb.environment().put("DATE", DATE);
      pb.environment().put("NONCE", "b7e2d4f6a8c0e1f3a5b7c9d1e3f5a7b9");
      pb.environment().remove("VIREO_ACCESS_KEY");
      pb.environment().remove("VIREO_SECRET_KEY");
      pb.environment().remove("SEND");
      pb.environment().remove("HOST");
      pb.environment().remove("ALG");
      if (alg != null) {
        pb.environment().put("ALG", alg);
      }
      Process p;
      try {
        p = pb.start();
      } catch (java.io.IOException e) {
        Assumptions.abort("no sh here: " + e.getMessage());
        return;
      }
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      Assumptions.assumeFalse(out.contains("openssl: not found") || out.contains("openssl: command not found"),
          "no openssl here");
      Assumptions.assumeFalse(alg != null && out.contains("dgst") && out.toLowerCase().contains("unknown"),
          "this openssl has no " + alg + ": " + out);
      String header = block(doc, expectedBlock);
      assertEquals(header.substring(header.indexOf("Signature=")), out, "the script's signature");
      assertEquals(0, p.exitValue(), out);
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
