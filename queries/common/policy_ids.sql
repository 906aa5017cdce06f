-- Every policy id, to validate the `policy` URL parameter. Used by: explorer.
-- params:
SELECT policy_id FROM policies
