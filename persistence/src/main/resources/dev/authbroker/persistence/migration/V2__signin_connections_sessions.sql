-- Sign-in: pending authorization states, connections (sealed Instagram tokens) and picker sessions.

CREATE TABLE authorization_state (
    state_hash   VARCHAR(64)  NOT NULL PRIMARY KEY,
    browser_hash VARCHAR(64)  NOT NULL,
    tenant_id    VARCHAR(36)  NOT NULL,
    app_id       VARCHAR(36),
    client_id    VARCHAR(100) NOT NULL,
    host         VARCHAR(253) NOT NULL,
    redirect_uri VARCHAR(400) NOT NULL,
    origin       VARCHAR(300) NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    CONSTRAINT fk_authorization_state_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX ix_authorization_state_expires ON authorization_state (expires_at);
CREATE INDEX ix_authorization_state_tenant ON authorization_state (tenant_id);

CREATE TABLE connection (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    tenant_id        VARCHAR(36)   NOT NULL,
    provider         VARCHAR(32)   NOT NULL,
    app_id           VARCHAR(36),
    client_id        VARCHAR(100)  NOT NULL,
    provider_user_id VARCHAR(64)   NOT NULL,
    username         VARCHAR(100),
    access_token     VARCHAR(2000) NOT NULL,
    token_issued_at  BIGINT        NOT NULL,
    token_expires_at BIGINT        NOT NULL,
    status           VARCHAR(24)   NOT NULL,
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL,
    CONSTRAINT uq_connection_tenant_client_user UNIQUE (tenant_id, client_id, provider_user_id),
    CONSTRAINT fk_connection_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

-- Meta's callbacks look connections up by minting app and Instagram user.
CREATE INDEX ix_connection_client_user ON connection (client_id, provider_user_id);
-- The refresh job walks connections by expiry.
CREATE INDEX ix_connection_expires ON connection (token_expires_at);

CREATE TABLE picker_session (
    token_hash    VARCHAR(64) NOT NULL PRIMARY KEY,
    connection_id VARCHAR(36) NOT NULL,
    tenant_id     VARCHAR(36) NOT NULL,
    created_at    BIGINT      NOT NULL,
    expires_at    BIGINT      NOT NULL,
    CONSTRAINT fk_picker_session_connection FOREIGN KEY (connection_id) REFERENCES connection (id) ON DELETE CASCADE
);

CREATE INDEX ix_picker_session_connection ON picker_session (connection_id);
CREATE INDEX ix_picker_session_tenant ON picker_session (tenant_id);
