#!/bin/bash
# Runs once, when the MySQL volume is empty: one database per domain, with its worker's account
# (all privileges on that database) and the API's reader account (SELECT only). The tables come
# from sql/mall_<domain>/V*.sql, applied by each domain worker's Flyway at start.
set -euo pipefail
for domain in user product order pay; do
  var="MALL_DB_${domain^^}_PASSWORD"
  reader_var="MALL_DB_${domain^^}_READER_PASSWORD"
  mysql -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS mall_${domain} CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS 'mall_${domain}'@'%' IDENTIFIED BY '${!var}';
GRANT ALL PRIVILEGES ON mall_${domain}.* TO 'mall_${domain}'@'%';
CREATE USER IF NOT EXISTS 'mall_${domain}_reader'@'%' IDENTIFIED BY '${!reader_var}';
GRANT SELECT ON mall_${domain}.* TO 'mall_${domain}_reader'@'%';
SQL
done
