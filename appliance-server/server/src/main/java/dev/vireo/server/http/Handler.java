package dev.vireo.server.http;

/** One API operation; runs on a worker thread, may block on the database. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
