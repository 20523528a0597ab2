-- Meta's Data Deletion requests. No personal data: the user id is kept only as a hash.

CREATE TABLE deletion_request (
    confirmation_code   VARCHAR(64)  NOT NULL PRIMARY KEY,
    request_hash        VARCHAR(64)  NOT NULL,
    client_id           VARCHAR(100) NOT NULL,
    tenant_id           VARCHAR(36),
    user_hash           VARCHAR(64)  NOT NULL,
    connections_removed INTEGER      NOT NULL,
    received_at         BIGINT       NOT NULL,
    completed_at        BIGINT,
    CONSTRAINT uq_deletion_request_hash UNIQUE (request_hash)
);
