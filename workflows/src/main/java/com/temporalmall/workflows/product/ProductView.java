package com.temporalmall.workflows.product;

public record ProductView(long id, String name, String desc, int stock, long amount, int status) {}
