-- Periodic jobs run by one broker at a time among those sharing the database: the broker whose lease on the job's
-- row is current runs it and renews the lease; a broker that stops gives the job up when its lease expires.
CREATE TABLE job_lease (
    name       VARCHAR(64)  PRIMARY KEY,
    holder     VARCHAR(160) NOT NULL,
    expires_at BIGINT       NOT NULL
);

INSERT INTO job_lease (name, holder, expires_at) VALUES ('domain-recheck', '', 0);
INSERT INTO job_lease (name, holder, expires_at) VALUES ('token-refresh', '', 0);
INSERT INTO job_lease (name, holder, expires_at) VALUES ('app-scoped-id-backfill', '', 0);
INSERT INTO job_lease (name, holder, expires_at) VALUES ('housekeeping', '', 0);
