package dev.vireo.server.http;

import java.util.Set;

/**
 * Decides whether an authenticated user may call a route (ADR 0038): each USER route declares
 * one permission, and the router refuses to register a route without one.
 */
public interface Authorizer {
  /** Lets everyone authenticated through (unit tests that build a bare router). */
  Authorizer NONE = new Authorizer() {
    @Override
    public String permissionOf(String method, String template) {
      return "authenticated";
    }

    @Override
    public Set<String> authorize(String caller, String permission, String template, Request request) {
      return null;
    }
  };

  /** The permission a route requires, or null when it declares none. */
  String permissionOf(String method, String template);

  /**
   * Throws the 401/403 refusal when {@code caller} may not call {@code template} on the
   * resource in {@code request}; else returns the regions the caller may see (null: all).
   */
  Set<String> authorize(String caller, String permission, String template, Request request);

  /** For a caller limited to regions: refuses a body that names a resource of another region. */
  default void checkBody(Request request) {}
}
