package com.temporalmall.workflows.product;

/** A full update of product {@code id} by its owner {@code uid}. */
public record ProductUpdate(
    String gid, long uid, long id, String name, String desc, int stock, long amount, int status) {}
