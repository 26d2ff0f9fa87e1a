package dev.vireo.agent.protocol;

/**
 * What an agent POSTs to the callback URL when a command ends: a reply, or an error code and a
 * message a person can read. Delivery is retried until the server acknowledges it.
 */
public record AgentTaskResult(
    String taskId, boolean success, AgentReply reply, String errorCode, String errorMessage) {

  public static AgentTaskResult ok(String taskId, AgentReply reply) {
    return new AgentTaskResult(taskId, true, reply, null, null);
  }

  public static AgentTaskResult failed(String taskId, String errorCode, String errorMessage) {
    return new AgentTaskResult(taskId, false, null, errorCode, errorMessage);
  }
}
