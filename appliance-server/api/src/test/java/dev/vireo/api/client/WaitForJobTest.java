package dev.vireo.api.client;

import dev.vireo.api.testing.FakeApi;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vireo.api.model.Job;
import dev.vireo.api.model.JobState;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitForJobTest {
  private FakeApi api;
  private VireoClient client;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
    client = new VireoClient(api.uri(), api.fingerprint, "tok", Duration.ofMillis(20));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  static String job(String state, String error) {
    return "{\"id\":\"job-7\",\"type\":\"vm.create\",\"state\":\"" + state + "\",\"resourceType\":\"vm\","
        + "\"resourceId\":\"vm-1\",\"error\":" + (error == null ? "null" : "\"" + error + "\"") + ",\"steps\":[]}";
  }

  @Test
  void pollsUntilTheJobSucceeds() {
    api.on("GET", "/api/v1/jobs/job-7", 200, job("QUEUED", null))
        .on("GET", "/api/v1/jobs/job-7", 200, job("RUNNING", null))
        .on("GET", "/api/v1/jobs/job-7", 200, job("SUCCEEDED", null));
    Job job = client.waitForJob("job-7", Duration.ofSeconds(10));
    assertEquals(JobState.SUCCEEDED, job.state());
    assertEquals(3, api.requests("GET", "/api/v1/jobs/job-7").size());
  }

  @Test
  void returnsAFailedJobWithItsError() {
    api.on("GET", "/api/v1/jobs/job-7", 200, job("FAILED", "no node has 4 free CPUs"));
    Job job = client.waitForJob("job-7", Duration.ofSeconds(10));
    assertEquals(JobState.FAILED, job.state());
    assertEquals("no node has 4 free CPUs", job.error());
  }

  @Test
  void givesUpAfterTheTimeoutNamingTheJobAndItsState() {
    api.on("GET", "/api/v1/jobs/job-7", 200, job("RUNNING", null));
    long started = System.nanoTime();
    JobTimeoutException e = assertThrows(JobTimeoutException.class,
        () -> client.waitForJob("job-7", Duration.ofMillis(1200)));
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertEquals("job job-7 is still RUNNING after 1200 ms", e.getMessage());
    assertTrue(tookMillis >= 1200 && tookMillis < 6000, "took " + tookMillis + " ms");
    assertTrue(api.requests.size() >= 3, "polled " + api.requests.size() + " times");
  }
}
