-- Housekeeping deletes expired picker sessions by expiry.
CREATE INDEX ix_picker_session_expires ON picker_session (expires_at);
