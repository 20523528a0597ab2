-- Custom domains. The host name is the key: one tenant per host name, whatever its status.

CREATE TABLE custom_domain (
    hostname      VARCHAR(253) NOT NULL PRIMARY KEY,
    tenant_id     VARCHAR(36)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    txt_value     VARCHAR(100) NOT NULL,
    created_at    BIGINT       NOT NULL,
    verified_at   BIGINT,
    checked_at    BIGINT,
    missing_since BIGINT,
    CONSTRAINT fk_custom_domain_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX ix_custom_domain_tenant ON custom_domain (tenant_id);
CREATE INDEX ix_custom_domain_status_checked ON custom_domain (status, checked_at);
