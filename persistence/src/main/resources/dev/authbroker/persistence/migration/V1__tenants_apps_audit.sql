-- Tenants, their Custom Auth apps and the audit trail. Portable SQL: runs on H2 2.x and PostgreSQL 13+.
-- Times are epoch milliseconds (BIGINT): identical on every database and JPA provider.

CREATE TABLE tenant (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    name        VARCHAR(400)   NOT NULL,
    api_key     VARCHAR(64)    NOT NULL,
    secret_hash VARCHAR(64)    NOT NULL,
    origins     VARCHAR(16000) NOT NULL,
    status      VARCHAR(16)    NOT NULL,
    created_at  BIGINT         NOT NULL,
    updated_at  BIGINT         NOT NULL,
    CONSTRAINT uq_tenant_api_key UNIQUE (api_key),
    CONSTRAINT uq_tenant_secret_hash UNIQUE (secret_hash)
);

CREATE TABLE provider_app (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(36)   NOT NULL,
    provider      VARCHAR(32)   NOT NULL,
    client_id     VARCHAR(100)  NOT NULL,
    client_secret VARCHAR(1000) NOT NULL,
    created_at    BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL,
    CONSTRAINT uq_provider_app_tenant_provider UNIQUE (tenant_id, provider),
    CONSTRAINT fk_provider_app_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE TABLE audit_event (
    id        VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id VARCHAR(36),
    actor     VARCHAR(64)   NOT NULL,
    action    VARCHAR(64)   NOT NULL,
    detail    VARCHAR(1000),
    at        BIGINT        NOT NULL
);

CREATE INDEX ix_audit_event_tenant_at ON audit_event (tenant_id, at);
