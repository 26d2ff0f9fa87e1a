package dev.vireo.cli;

import dev.vireo.api.client.VireoClient;
import dev.vireo.api.model.Accepted;
import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What one CLI invocation works with: the output, the saved profile and an SDK client made from it. */
final class Session {
  /** How long commands wait for a job unless told otherwise; image imports can take a while. */
  static final Duration DEFAULT_WAIT = Duration.ofMinutes(30);

  /** An API key pair in these variables signs every request instead of the profile's token (ADR 0042). */
  static final String ACCESS_KEY_ENV = "VIREO_ACCESS_KEY";
  static final String SECRET_KEY_ENV = "VIREO_SECRET_KEY";
  /** {@code SM3} signs with VIREO-HMAC-SM3 (国密, docs/guomi.md); unset or {@code SHA256}: VIREO-HMAC-SHA256. */
  static final String SIGNING_ALGORITHM_ENV = "VIREO_SIGNING_ALGORITHM";
  /** With a key pair, the server and its fingerprint may come from the environment instead of a profile. */
  static final String SERVER_ENV = "VIREO_SERVER";
  static final String FINGERPRINT_ENV = "VIREO_FINGERPRINT";

  final Output out;
  private final Path profilePath;
  private final Map<String, String> env;
  private VireoClient client;

  Session(Output out, Map<String, String> env) {
    this.out = out;
    this.env = env;
    this.profilePath = Profile.path(env);
  }

  /** Whether requests are signed with an API key pair from the environment. */
  boolean usesApiKey() {
    return present(ACCESS_KEY_ENV) || present(SECRET_KEY_ENV);
  }

  private boolean present(String name) {
    String v = env.get(name);
    return v != null && !v.isBlank();
  }

  Path profilePath() {
    return profilePath;
  }

  Profile profile() {
    Profile p = Profile.load(profilePath).orElse(null);
    if (p == null || p.server() == null || p.fingerprint() == null) {
      throw new CommandFailedException("not logged in (no profile at " + profilePath
          + "); run: vireo login --server https://HOST:PORT");
    }
    return p;
  }

  VireoClient client() {
    if (client == null) {
      if (usesApiKey()) {
        if (!present(ACCESS_KEY_ENV) || !present(SECRET_KEY_ENV)) {
          throw new UsageException("an API key needs both " + ACCESS_KEY_ENV + " and " + SECRET_KEY_ENV);
        }
        String server = env.get(SERVER_ENV);
        String fingerprint = env.get(FINGERPRINT_ENV);
        if (server == null || server.isBlank() || fingerprint == null || fingerprint.isBlank()) {
          Profile p = profile();
          server = p.server();
          fingerprint = p.fingerprint();
        }
        client = VireoClient.builder(URI.create(server), fingerprint)
            .withApiKey(env.get(ACCESS_KEY_ENV), env.get(SECRET_KEY_ENV), signingAlgorithm()).build();
      } else {
        Profile p = profile();
        client = new VireoClient(URI.create(p.server()), p.fingerprint(), p.token());
      }
    }
    return client;
  }

  private dev.vireo.api.signing.SigningAlgorithm signingAlgorithm() {
    if (!present(SIGNING_ALGORITHM_ENV)) {
      return dev.vireo.api.signing.SigningAlgorithm.SHA256;
    }
    try {
      return dev.vireo.api.signing.SigningAlgorithm.named(env.get(SIGNING_ALGORITHM_ENV));
    } catch (IllegalArgumentException e) {
      throw new UsageException(SIGNING_ALGORITHM_ENV + ": " + e.getMessage());
    }
  }

  /** Waits for the job and returns it once SUCCEEDED; a FAILED job fails the command with its error. */
  Job await(Accepted accepted, Duration timeout) {
    return succeeded(client().waitForJob(accepted.jobId(), timeout));
  }

  static Job succeeded(Job job) {
    if (job.state() == JobState.FAILED) {
      throw new CommandFailedException("job " + job.id() + " (" + job.type() + ") FAILED: "
          + (job.error() == null ? "no error recorded" : job.error()));
    }
    return job;
  }

  /** What {@code --no-wait} prints: the job to follow. */
  void accepted(Accepted a, String what) {
    out.result(a, () -> out.line(what + " " + a.resourceId() + ": job " + a.jobId()
        + " accepted; follow it with: vireo job wait " + a.jobId()));
  }
}
