package dev.vireo.server;

import dev.vireo.api.model.JobState;
import dev.vireo.api.model.LoginRequest;
import dev.vireo.api.model.Ping;
import dev.vireo.server.auth.Sessions;
import dev.vireo.server.events.EventBus;
import dev.vireo.server.events.EventStreamHandler;
import dev.vireo.server.http.Access;
import dev.vireo.server.http.ApiException;
import dev.vireo.server.http.ApiRouter;
import dev.vireo.server.http.Response;
import dev.vireo.server.job.JobEngine;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/** Login, the trivial ping, the OpenAPI description, jobs and the event stream. */
final class PlatformRoutes {
  static final String VERSION = "0.1.0";

  private PlatformRoutes() {}

  static void register(ApiRouter router, Sessions sessions, JobEngine jobs, EventBus events) throws IOException {
    byte[] openapi;
    try (InputStream in = PlatformRoutes.class.getResourceAsStream("/openapi.yaml")) {
      openapi = in.readAllBytes();
    }
    router.post("/api/v1/auth/login", Access.OPEN, r -> {
          LoginRequest req = r.json(LoginRequest.class);
          r.note().operator(req.username());
          if (req.username() == null || req.username().isBlank()) {
            throw ApiException.invalid("username", "is required");
          }
          if (req.password() == null || req.password().isEmpty()) {
            throw ApiException.invalid("password", "is required");
          }
          return Response.ok(sessions.login(req.username(), req.password(), req.totpCode(), req.recoveryCode(),
              dev.vireo.server.auth.AccessGuard.clientAddress(r)).orElseThrow(() ->
              new ApiException(401, "unauthorized", null, "wrong username or password")));
        })
        .post("/api/v1/auth/logout", Access.USER, r -> {
          sessions.logout(r.header(Headers.AUTHORIZATION_STRING));
          return Response.noContent();
        })
        .get("/api/v1/ping", Access.USER, r -> Response.ok(new Ping("ok", VERSION, Instant.now())))
        .get("/api/v1/openapi.yaml", Access.USER, r -> Response.raw(200, openapi, "application/yaml"))
        .get("/api/v1/jobs", Access.USER, r -> {
          String state = r.query("state");
          if (state != null) {
            try {
              state = JobState.valueOf(state.toUpperCase()).name();
            } catch (IllegalArgumentException e) {
              throw ApiException.invalid("state", "must be QUEUED, RUNNING, SUCCEEDED or FAILED");
            }
          }
          var scope = dev.vireo.server.http.RegionClause.of(r);
          return Response.ok(jobs.list(state, dev.vireo.server.auth.AccessGuard.jobsInScope(scope), scope,
              r.queryInt("offset", 0, 0, Integer.MAX_VALUE), r.queryInt("limit", 100, 1, 1000)));
        })
        .get("/api/v1/jobs/{id}", Access.USER, r -> {
          var job = jobs.get(r.path("id"));
          var scope = dev.vireo.server.http.RegionClause.of(r);
          // a job outside a REGION account's regions is as unknown to it as one that does not exist
          if (job != null && !jobs.meets(job.id(), dev.vireo.server.auth.AccessGuard.jobsInScope(scope), scope)) {
            job = null;
          }
          if (job == null) {
            throw ApiException.notFound("job", r.path("id"));
          }
          return Response.ok(job);
        })
        .stream("/api/v1/events", Access.USER, new EventStreamHandler(events));
  }
}
