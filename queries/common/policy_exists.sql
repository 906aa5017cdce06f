-- One policy id, if it exists: validates the `policy` URL parameter with a point query (not every id). Used by: explorer.
-- params: $policy_id
SELECT policy_id FROM policies WHERE policy_id = $policy_id
