-- A refresh lease per connection: the one broker instance (and thread) holding it refreshes the token; the
-- others keep using the current, still valid token. Expired leases (a crashed holder) are simply taken over.
ALTER TABLE connection ADD COLUMN refresh_lease_until BIGINT;
