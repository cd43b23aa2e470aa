package com.temporalmall.workflows.order;

public record OrderView(long id, long uid, long pid, long amount, int num, int status) {}
