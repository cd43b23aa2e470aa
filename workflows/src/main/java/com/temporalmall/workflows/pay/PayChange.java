package com.temporalmall.workflows.pay;

/**
 * A barrier-protected change of pay {@code payId} by workflow {@code gid}; {@code source} may be 0.
 */
public record PayChange(String gid, long payId, int source) {}
