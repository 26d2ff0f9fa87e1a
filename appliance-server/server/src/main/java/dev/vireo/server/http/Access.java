package dev.vireo.server.http;

/** Who may call a route. */
public enum Access {
  /** Nobody needs a token: login and password recovery (ADR 0041). */
  OPEN,
  /** A logged-in user's bearer token. */
  USER,
  /** A node agent's join token. */
  AGENT
}
