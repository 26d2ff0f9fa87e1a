package dev.vireo.api.testing;

import dev.vireo.api.client.PinnedTrust;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away self-signed certificate made with the JDK's keytool, like the appliance's own;
 * shared with the CLI's tests through this module's test jar.
 */
public final class TestTls {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static TestTls instance;

  public final SSLContext serverContext;
  public final String fingerprint;

  private TestTls(SSLContext serverContext, String fingerprint) {
    this.serverContext = serverContext;
    this.fingerprint = fingerprint;
  }

  public static synchronized TestTls get() throws Exception {
    if (instance == null) {
      instance = create();
    }
    return instance;
  }

  private static TestTls create() throws Exception {
    Path dir = Files.createTempDirectory("vireo-tls");
    Path store = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "vireo", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=not-this-host", "-validity", "2", "-storetype", "PKCS12", "-keystore",
        store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return new TestTls(ctx, PinnedTrust.fingerprintOf(ks.getCertificate("vireo")));
  }
}
