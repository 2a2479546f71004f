-- An API token: a bearer secret shown once when issued and stored only as its SHA-256, either an admin token (every
-- tenant and the admin API) or bound to the tenants listed in api_token_tenant. The configured ROOTSCOPE_AUTH_TOKEN
-- is an admin token that lives only in the configuration.
CREATE TABLE api_token (
    token_id     bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT api_token_pk PRIMARY KEY,
    token_sha256 bytea       NOT NULL CONSTRAINT api_token_sha256_uq UNIQUE,
    is_admin     boolean     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT api_token_sha256_ck CHECK (length(token_sha256) = 32)
);

-- The tenants a non-admin token may act for.
CREATE TABLE api_token_tenant (
    token_id  bigint NOT NULL CONSTRAINT api_token_tenant_token_fk REFERENCES api_token (token_id) ON DELETE CASCADE,
    tenant_id bigint NOT NULL CONSTRAINT api_token_tenant_tenant_fk REFERENCES dim_tenant (tenant_id),
    CONSTRAINT api_token_tenant_pk PRIMARY KEY (token_id, tenant_id)
);

-- V009's default privileges would let the read-only role read the token hashes: it never needs them.
DO $revoke$
DECLARE
    reader constant text := (SELECT pg_get_userbyid(datdba) || '_reader' FROM pg_database WHERE datname = current_database());
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = reader) THEN
        EXECUTE format('REVOKE ALL ON api_token, api_token_tenant FROM %I', reader);
    END IF;
END
$revoke$;
