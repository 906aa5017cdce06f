-- Every issuer with its number of policies, most first. Used by: explorer (issuer facet).
-- params:
SELECT issuer, count(*) AS policies FROM (SELECT unnest(issuers) AS issuer FROM policies) GROUP BY issuer ORDER BY 2 DESC, 1
