package dev.vireo.api.model;

/** The HTTP method of a webhook contact: POST sends a JSON body, GET the same as query parameters. */
public enum WebhookMethod {
  GET,
  POST
}
