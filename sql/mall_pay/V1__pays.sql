-- mall_pay: owned by the pay worker. One pay per order (oid unique).
-- status: 0 unpaid, 1 paid, 2 closed (order cancelled first), 3 refund due (paid after cancellation).
CREATE TABLE pays (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  uid         BIGINT       NOT NULL,
  oid         BIGINT       NOT NULL,
  amount      BIGINT       NOT NULL DEFAULT 0,
  source      TINYINT      NOT NULL DEFAULT 0,
  status      TINYINT      NOT NULL DEFAULT 0,
  create_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  update_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uk_pays_oid UNIQUE (oid)
);
CREATE INDEX ix_pays_uid ON pays (uid);

-- Sub-transaction barrier (DTM-compatible columns). An activity inserts its row in the same
-- local transaction as its business SQL; the unique key turns retries into no-ops.
CREATE TABLE barrier (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  trans_type  VARCHAR(45)  NOT NULL DEFAULT '',
  gid         VARCHAR(128) NOT NULL DEFAULT '',
  branch_id   VARCHAR(128) NOT NULL DEFAULT '',
  op          VARCHAR(45)  NOT NULL DEFAULT '',
  barrier_id  VARCHAR(45)  NOT NULL DEFAULT '',
  reason      VARCHAR(45)  NOT NULL DEFAULT '',
  create_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  update_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uk_barrier UNIQUE (gid, branch_id, op, barrier_id)
);
