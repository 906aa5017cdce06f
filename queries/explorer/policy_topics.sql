-- The topics of one policy with the keywords that decided each, primary first. Used by: explorer (detail).
-- params: $policy_id
SELECT pt.topic, pt.is_primary, pt.score, pt.evidence, t.label_zh, t.label_en
FROM policy_topics pt JOIN topics t ON t.slug = pt.topic
WHERE pt.policy_id = $policy_id
ORDER BY pt.is_primary DESC, pt.score DESC, t.sort_order
