package com.temporalmall.workflows.product;

/** {@code amount} is the unit price in the smallest currency unit. */
public record NewProduct(
    String gid, String name, String desc, int stock, long amount, int status) {}
