-- status 4: refunded - a refund-due pay (3) whose money the provider gave back (pay.refund).
-- refund: the provider's refund id (e.g. re_...), NULL until refunded (and when the provider only
-- said the checkout was refunded before). The provider's Idempotency-Key is refund-<pay id>.
ALTER TABLE pays ADD COLUMN refund VARCHAR(64) NULL;
