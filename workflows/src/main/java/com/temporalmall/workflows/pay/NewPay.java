package com.temporalmall.workflows.pay;

public record NewPay(String gid, long uid, long oid, long amount) {}
