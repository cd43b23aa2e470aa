package com.temporalmall.workflows.user;

public record UserView(long id, String name, int gender, String mobile) {}
