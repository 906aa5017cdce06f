-- The kinds of terms (data/codebook/term_kinds.csv), with their labels, in display order. Used by: map (terms table).
-- params:
SELECT slug, label_zh, label_en FROM term_kinds WHERE axis = 'kind' ORDER BY sort_order
