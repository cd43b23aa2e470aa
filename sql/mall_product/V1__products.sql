-- mall_product: owned by the product worker. amount is the unit price in the smallest currency
-- unit. create_gid binds a product to the workflow that created it, so a retried create re-reads it.
CREATE TABLE products (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(255) NOT NULL,
  description VARCHAR(2000) NOT NULL DEFAULT '',
  stock       INT          NOT NULL DEFAULT 0,
  amount      BIGINT       NOT NULL DEFAULT 0,
  status      TINYINT      NOT NULL DEFAULT 0,
  create_gid  VARCHAR(128) NULL,
  create_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  update_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uk_products_create_gid UNIQUE (create_gid),
  CONSTRAINT ck_products_stock CHECK (stock >= 0)
);

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
