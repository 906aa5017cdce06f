-- The measure vocabulary of the terms, in display order. Used by: map, AI comparison, explorer.
-- params:
SELECT slug, label_zh, label_en, definition FROM measures ORDER BY sort_order
