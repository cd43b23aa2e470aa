-- mall_user: owned by the user worker.
CREATE TABLE users (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name        VARCHAR(255) NOT NULL,
  gender      TINYINT      NOT NULL DEFAULT 0,
  mobile      VARCHAR(32)  NOT NULL,
  password    VARCHAR(255) NOT NULL,
  create_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  update_time TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT uk_users_mobile UNIQUE (mobile)
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
