package com.temporalmall.workflows.rpc;

import java.util.Set;

/**
 * The Temporal contract of the {@link DomainCallWorkflow}, which runs one domain activity for the
 * API, and of the workflow task queue it shares with the legacy order workflow types. The domains'
 * own contracts ({@code UserContract}, {@code ProductContract}, {@code OrderContract}, {@code
 * PayContract}) build their call ids with it.
 *
 * <p>Payloads: {@link DomainCallWorkflow#call} takes a {@link DomainCall} (task queue, activity
 * name, JSON arguments) and returns the activity's result as JSON.
 */
public final class DomainCallContract {
  /**
   * The task queue of workflow code not pinned to a domain: DomainCall and the legacy order types.
   */
  public static final String TASK_QUEUE = "workflows";

  /** Workflow type of {@link DomainCallWorkflow}. */
  public static final String WORKFLOW_TYPE = "DomainCall";

  private static final char SEPARATOR = '-';

  private DomainCallContract() {}

  /**
   * {@code <activity>-<requestId>}, e.g. {@code user.register-<uuid>}: readable in the Web UI, and
   * the gid of the activity's barrier row. Activity names hold no {@code -}, so the id parses back.
   */
  public static String workflowId(String activity, String requestId) {
    return activity + SEPARATOR + requestId;
  }

  /**
   * The activity and request id back from a DomainCall workflow id whose activity is one of {@code
   * activities}.
   *
   * @throws IllegalArgumentException for an id that is not such a call
   */
  public static CallId parse(String workflowId, Set<String> activities) {
    int separator = workflowId.indexOf(SEPARATOR);
    if (separator < 0 || separator == workflowId.length() - 1) {
      throw new IllegalArgumentException("not a DomainCall workflow id: " + workflowId);
    }
    String activity = workflowId.substring(0, separator);
    if (!activities.contains(activity)) {
      throw new IllegalArgumentException(
          "workflow id " + workflowId + " names no activity of " + activities);
    }
    return new CallId(activity, workflowId.substring(separator + 1));
  }

  /**
   * Refuses an activity name that is not in {@code activities}, so a domain's call ids carry its
   * own activities only.
   */
  static String requireActivity(String activity, Set<String> activities) {
    if (!activities.contains(activity)) {
      throw new IllegalArgumentException(activity + " is none of " + activities);
    }
    return activity;
  }

  /**
   * Builds the call id of {@code activity}, one of {@code activities}.
   *
   * @throws IllegalArgumentException if {@code activity} is not one of {@code activities}
   */
  public static String workflowId(String activity, String requestId, Set<String> activities) {
    return workflowId(requireActivity(activity, activities), requestId);
  }

  /** A parsed DomainCall workflow id. */
  public record CallId(String activity, String requestId) {}
}
