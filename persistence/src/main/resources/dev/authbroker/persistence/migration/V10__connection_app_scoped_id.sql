-- Instagram gives a user two ids: the professional account id (/me's user_id, the same for every app; kept in
-- provider_user_id since V2) and the app-scoped id (/me's id and the code exchange's user_id, different per app),
-- which Meta's Deauthorize and Data Deletion name. Rows from before this migration get it from a backfill that
-- reads /me with their token; until then they are found by the account id.

ALTER TABLE connection ADD COLUMN app_scoped_id VARCHAR(64);

-- Serves Meta's callbacks (app_scoped_id = ?, next to ix_connection_client_user for the account id) and the
-- backfill's app_scoped_id IS NULL.
CREATE INDEX ix_connection_app_scoped ON connection (app_scoped_id);
