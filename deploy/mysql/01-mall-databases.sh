#!/bin/bash
# Runs once, when the MySQL volume is empty: one database and one account per domain. The tables
# come from sql/mall_<domain>/V*.sql, applied by each domain worker's Flyway at start.
set -euo pipefail
for domain in user product order pay; do
  var="MALL_DB_${domain^^}_PASSWORD"
  mysql -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS mall_${domain} CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'mall_${domain}'@'%' IDENTIFIED BY '${!var}';
GRANT ALL PRIVILEGES ON mall_${domain}.* TO 'mall_${domain}'@'%';
SQL
done
