-- Runs once when the Postgres container's data directory is created.
-- The himatch database itself is created by `himatch migrate` if missing; this only adds
-- the extensions the migrations expect to be available.
CREATE DATABASE himatch;
\connect himatch
CREATE EXTENSION IF NOT EXISTS pgcrypto;
