-- mall_order: owned by the order worker. gid binds each order to the saga that created it, so a
-- compensation reverts exactly that order. status: 0 created, 1 paid, 9 invalid.
CREATE TABLE orders (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  gid         VARCHAR(128) NOT NULL,
  uid         BIGINT       NOT NULL,
  pid         BIGINT       NOT NULL,
  num         INT          NOT NULL DEFAULT 1,
  amount      BIGINT       NOT NULL DEFAULT 0,
  status      TINYINT      NOT NULL DEFAULT 0,
  create_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  update_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uk_orders_gid UNIQUE (gid)
);
CREATE INDEX ix_orders_uid ON orders (uid);

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
