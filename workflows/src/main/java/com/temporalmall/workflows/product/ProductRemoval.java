package com.temporalmall.workflows.product;

public record ProductRemoval(String gid, long uid, long id) {}
