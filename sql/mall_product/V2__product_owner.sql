-- The user who created a product owns it: only the owner may update or remove it.
ALTER TABLE products ADD COLUMN uid BIGINT NOT NULL DEFAULT 0;
