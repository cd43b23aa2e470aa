package com.temporalmall.api.user;

public record UserCredentials(long id, String passwordHash) {}
