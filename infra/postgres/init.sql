-- Runs once when the Postgres container's data directory is created.
-- The himatch database itself is created by `himatch migrate` if missing; this only adds
-- the extensions the migrations expect to be available.
CREATE DATABASE himatch;
\connect himatch
CREATE EXTENSION IF NOT EXISTS pgcrypto;
-- Scalar columns in the listings' inverted index (migration 20261126001100 also creates it: it is a
-- trusted extension, so the database's owner may).
CREATE EXTENSION IF NOT EXISTS btree_gin;
