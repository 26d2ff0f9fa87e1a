package dev.vireo.server.http;

/** A request the server refuses: status, stable code, the field at fault and the rule broken. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;

  public ApiException(int status, String code, String field, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiException invalid(String field, String message) {
    return new ApiException(422, "invalid", field, field + ": " + message);
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(404, "not_found", null, what + " " + id + " does not exist");
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", null, message);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", null, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
