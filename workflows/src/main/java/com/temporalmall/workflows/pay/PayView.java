package com.temporalmall.workflows.pay;

public record PayView(long id, long uid, long oid, long amount, int source, int status) {}
