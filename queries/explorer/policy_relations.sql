-- The policies one policy cites (a list entry's source documents) and the ones that cite it. Used by: explorer (detail).
-- The citations are joined on doc to the few linked policies (a correlated subquery would read every row).
-- params: $policy_id
WITH links AS (
    SELECT 'cites' AS direction, to_policy AS policy_id FROM policy_relations WHERE from_policy = $policy_id
    UNION ALL
    SELECT 'cited_by', from_policy FROM policy_relations WHERE to_policy = $policy_id
)
SELECT l.direction, p.policy_id, p.title, p.doc_number, p.issuers, p.level, p.region_code, p.issue_date,
       p.issue_date_precision, p.status_now, c.sources
FROM links l JOIN v_policies p USING (policy_id) LEFT JOIN v_policy_citations c ON c.doc = p.doc
ORDER BY l.direction DESC, p.title, p.policy_id
