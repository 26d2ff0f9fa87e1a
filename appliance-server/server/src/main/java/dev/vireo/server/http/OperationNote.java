package dev.vireo.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * What a handler adds to the operation-log entry of its call: who acted when the token does not
 * say (a login), further resources it touched, a remark. Reads carry one that nobody looks at.
 */
public final class OperationNote {
  private String operator;
  private final List<String> resources = new ArrayList<>();
  private String remark;
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
