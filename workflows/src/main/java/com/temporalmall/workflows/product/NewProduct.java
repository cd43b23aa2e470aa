package com.temporalmall.workflows.product;

/**
 * {@code amount} is the unit price in the smallest currency unit; {@code uid} the owner, the only
 * user who may update or remove it.
 */
public record NewProduct(
    String gid, long uid, String name, String desc, int stock, long amount, int status) {}
