package dev.vireo.server.http;

import io.undertow.server.HttpServerExchange;

/**
 * Sees every call of a route that changes something (the operation log, white paper 5.12): opens
 * an entry before the handler runs, so a crash mid-call still leaves a trace, and closes it with
 * the outcome.
 */
public interface OperationRecorder {
  /** Records nothing (unit tests that build a bare router). */
  OperationRecorder NONE = (method, template, ex, caller, note) -> (status, body, error) -> { };

  Call begin(String method, String template, HttpServerExchange exchange, String caller, OperationNote note);

  /** One call in flight. */
  @FunctionalInterface
  interface Call {
    /** {@code body} is the handler's answer (null on failure); {@code error} the refusal, if any. */
    void end(int status, Object body, ApiException error);
  }
}
