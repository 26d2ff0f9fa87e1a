package dev.vireo.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * What a handler adds to the operation-log entry of its call: who acted when the token does not
 * say (a login), further resources it touched, a remark, and why it refused when its answer is not
 * an {@link ApiException} (the OAuth endpoints answer RFC 6749 errors and HTML pages). Reads carry
 * one that nobody looks at.
 */
public final class OperationNote {
  private String operator;
  private final List<String> resources = new ArrayList<>();
  private String remark;
  private String refusalCode;
  private String refusalReason;
  private byte[] requestBody = new byte[0];

  public OperationNote operator(String name) {
    this.operator = name;
    return this;
  }

  public OperationNote resource(String id) {
    if (id != null && !resources.contains(id)) {
      resources.add(id);
    }
    return this;
  }

  public OperationNote remark(String text) {
    this.remark = text;
    return this;
  }

  /** The refusal the answer carries in its own format: its code and reason go to the log entry. */
  public OperationNote refusal(String code, String reason) {
    this.refusalCode = code;
    this.refusalReason = reason;
    return this;
  }

  public String refusalCode() {
    return refusalCode;
  }

  public String refusalReason() {
    return refusalReason;
  }

  void requestBody(byte[] body) {
    this.requestBody = body;
  }

  /** The call's body as read (empty before it was, or for a DELETE). */
  public byte[] requestBody() {
    return requestBody;
  }

  public String operator() {
    return operator;
  }

  public List<String> resources() {
    return List.copyOf(resources);
  }

  public String remark() {
    return remark;
  }
}
