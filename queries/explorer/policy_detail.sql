-- One policy with every field the detail view shows (status computed today, region names). Used by: explorer.
-- params: $policy_id
SELECT p.*, r.name AS region_zh, r.name_en AS region_en
FROM v_policies p LEFT JOIN regions r ON r.code = p.region_code
WHERE p.policy_id = $policy_id
