package com.temporalmall.workflows.user;

public record UserCredentials(long id, String passwordHash) {}
