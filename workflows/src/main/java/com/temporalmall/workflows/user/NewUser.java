package com.temporalmall.workflows.user;

/** The password arrives already hashed: no clear-text password is ever written to a history. */
public record NewUser(String gid, String name, int gender, String mobile, String passwordHash) {}
