-- The payment provider's checkout of a pay (e.g. co_...), stored by pay.create once the provider
-- opened it; NULL until then. The provider's Idempotency-Key (the order's workflow id) makes a
-- retried pay.create get the same checkout.
ALTER TABLE pays ADD COLUMN checkout VARCHAR(64) NULL;
