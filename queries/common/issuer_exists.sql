-- One issuer, if some policy names it: validates the `issuer` URL parameter without loading every issuer.
-- Used by: explorer.
-- params: $issuer
SELECT $issuer AS issuer FROM policies WHERE list_contains(issuers, $issuer) LIMIT 1
