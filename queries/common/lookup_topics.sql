-- The topic taxonomy, in display order. Used by: every page (filters, labels).
-- params:
SELECT slug, label_zh, label_en, definition FROM topics ORDER BY sort_order
