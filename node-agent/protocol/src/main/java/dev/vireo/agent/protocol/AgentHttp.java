package dev.vireo.agent.protocol;

/** Paths and headers of the agent protocol, shared by both sides. */
public final class AgentHttp {
  /** On the agent: where commands are POSTed. */
  public static final String COMMANDS_PATH = "/v1/commands";
  /** On the agent: liveness, no token needed. */
  public static final String HEALTH_PATH = "/v1/health";
  /**
   * {@code GET /v1/display/<domain>} with the agent token and {@code Upgrade: vireo-display}: after
   * {@code 101} the connection carries the domain's VNC stream, relayed to its display on the node's
   * loopback (ADR 0030); {@code GET /v1/display/<domain>/spice} the same for its SPICE display
   * (one relayed connection per SPICE channel). Only the server's console gateway uses it.
   */
  public static final String DISPLAY_PATH = "/v1/display/";
  /** The {@code Upgrade} protocol of {@link #DISPLAY_PATH}. */
  public static final String DISPLAY_UPGRADE = "vireo-display";
  /** The path suffix of {@link #DISPLAY_PATH} for a domain's SPICE display. */
  public static final String SPICE_SUFFIX = "/spice";
  /** On the server: registration, heartbeats, lifecycle events and task callbacks. */
  public static final String REGISTER_PATH = "/api/v1/agent/register";
  public static final String HEARTBEAT_PATH = "/api/v1/agent/heartbeat";
  public static final String EVENTS_PATH = "/api/v1/agent/events";
  /** Where an agent reports a change in which of its peers it can reach (HA). */
  public static final String PEERS_PATH = "/api/v1/agent/peers";
  /** Where an agent POSTs its {@link MetricsReport}s (issue 8, M6). */
  public static final String METRICS_PATH = "/api/v1/agent/metrics";
  /** Callback URLs are this prefix plus the task id. */
  public static final String CALLBACK_PATH_PREFIX = "/api/v1/agent/callbacks/";

  public static final String TASK_ID_HEADER = "X-Vireo-Task-Id";
  public static final String CALLBACK_URL_HEADER = "X-Vireo-Callback-Url";
  /**
   * On the agent's {@code 202} to a command: the id of the agent process that accepted it, the same
   * as {@link NodeRegistration#incarnation()} of that process, so the server resends after a
   * restart only what the previous process had accepted (ADR 0052).
   */
  public static final String INCARNATION_HEADER = "X-Vireo-Agent-Incarnation";

  private AgentHttp() {}
}
