-- A sign-in whose tenant is deleted between start and callback must end in "this app was removed" (4xx), not in a
-- foreign-key violation when its state is spent. Deleting a tenant still empties spent_state explicitly.

ALTER TABLE spent_state DROP CONSTRAINT fk_spent_state_tenant;
