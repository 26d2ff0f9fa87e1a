package dev.vireo.api.client;

import dev.vireo.api.model.ApiError;

/** The server refused a request: its HTTP status and the {@link ApiError} body it answered. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;
  private final String detail;

  public ApiException(int status, String code, String field, String detail) {
    super(status + " " + code + ": " + detail);
    this.status = status;
    this.code = code;
    this.field = field;
    this.detail = detail;
  }

  static ApiException of(int status, ApiError error) {
    return new ApiException(status, error.code() == null ? "error" : error.code(), error.field(),
        error.message() == null ? "(no message)" : error.message());
  }

  /** The HTTP status, e.g. 422. */
  public int status() {
    return status;
  }

  /** The server's stable error code, e.g. {@code invalid}, {@code conflict}, {@code not_found}. */
  public String code() {
    return code;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }

  /** The server's sentence, without status and code. */
  public String detail() {
    return detail;
  }
}
