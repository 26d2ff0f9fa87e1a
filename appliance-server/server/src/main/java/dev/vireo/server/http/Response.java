package dev.vireo.server.http;

import dev.vireo.api.model.Accepted;

/** What a handler answers: a status and a body serialised as JSON (or raw bytes). */
public record Response(int status, Object body, String contentType, String location) {

  public static Response ok(Object body) {
    return new Response(200, body, "application/json", null);
  }

  /** 200 with a body already serialised by {@link Json#write}; sent with the same headers as {@link #ok}. */
  public static Response okJson(byte[] json) {
    return new Response(200, json, "application/json", null);
  }

  /** 200 with an answer kept in both encodings; the client's {@code Accept-Encoding} picks one. */
  public static Response okJson(EncodedJson json) {
    return new Response(200, json, "application/json", null);
  }

  public static Response accepted(Accepted accepted) {
    return new Response(202, accepted, "application/json", "/api/v1/jobs/" + accepted.jobId());
  }

  /** 201 with the created resource and its location (a create that needs no job). */
  public static Response created(Object body, String location) {
    return new Response(201, body, "application/json", location);
  }

  public static Response noContent() {
    return new Response(204, null, null, null);
  }

  /** A file streamed with its length, name, ETag and byte ranges (see {@link FileBody}). */
  public static Response file(FileBody file) {
    return new Response(200, file, file.contentType(), null);
  }

  public static Response raw(int status, byte[] body, String contentType) {
    return new Response(status, body, contentType, null);
  }
}
