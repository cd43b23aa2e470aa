package com.temporalmall.activities.barrier;

/**
 * Identifies one branch of one global transaction: gid is the calling workflow id, branchId the
 * action's activity name. transType is informative (DTM-compatible): "saga" for saga steps,
 * "workflow" for single-step writes.
 */
public record BarrierKey(String transType, String gid, String branchId) {
  public static BarrierKey saga(String gid, String branchId) {
    return new BarrierKey("saga", gid, branchId);
  }

  public static BarrierKey workflow(String gid, String branchId) {
    return new BarrierKey("workflow", gid, branchId);
  }
}
