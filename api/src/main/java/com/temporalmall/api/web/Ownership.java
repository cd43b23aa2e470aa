package com.temporalmall.api.web;

/** The user id comes from the token: a body {@code uid} may only repeat it. */
public final class Ownership {
  private Ownership() {}

  public static void requireSameUser(Long bodyUid, long tokenUid) {
    if (bodyUid != null && bodyUid != tokenUid) {
      throw forbidden("uid " + bodyUid + " is not the signed-in user");
    }
  }

  public static void requireOwner(long ownerUid, long tokenUid, String what) {
    if (ownerUid != tokenUid) {
      throw forbidden(what + " belongs to another user");
    }
  }

  private static ProblemException forbidden(String detail) {
    return Problems.forbidden(detail);
  }
}
