-- psyscore sql: questionnaire demo (Demo personality short form), Spark SQL dialect.
-- Reads answers: one row per respondent, the id in column id, each item cell
-- (text or number) in the column named below, matched as a quoted identifier.
-- Gives the columns of `psyscore score --invalid missing` but demo_notes: invalid answers
-- count as missing and make the status `invalid`.
WITH
_text AS (
  -- each item cell as text, white space trimmed
  SELECT
    `id` AS _row_id,
    regexp_replace(CAST(`A1` AS STRING), '^[\\x{9}-\\x{D}\\x{85}\\p{Z}]+|[\\x{9}-\\x{D}\\x{85}\\p{Z}]+$', '') AS _text_1,
    regexp_replace(CAST(`A2` AS STRING), '^[\\x{9}-\\x{D}\\x{85}\\p{Z}]+|[\\x{9}-\\x{D}\\x{85}\\p{Z}]+$', '') AS _text_2,
    regexp_replace(CAST(`A3` AS STRING), '^[\\x{9}-\\x{D}\\x{85}\\p{Z}]+|[\\x{9}-\\x{D}\\x{85}\\p{Z}]+$', '') AS _text_3,
    regexp_replace(CAST(`C1` AS STRING), '^[\\x{9}-\\x{D}\\x{85}\\p{Z}]+|[\\x{9}-\\x{D}\\x{85}\\p{Z}]+$', '') AS _text_4,
    regexp_replace(CAST(`C2` AS STRING), '^[\\x{9}-\\x{D}\\x{85}\\p{Z}]+|[\\x{9}-\\x{D}\\x{85}\\p{Z}]+$', '') AS _text_5,
    regexp_replace(CAST(`C3` AS STRING), '^[\\x{9}-\\x{D}\\x{85}\\p{Z}]+|[\\x{9}-\\x{D}\\x{85}\\p{Z}]+$', '') AS _text_6
  FROM answers
),
_cells AS (
  -- NULL for a blank cell or a missing code
  SELECT
    *,
    CASE WHEN lower(_text_1) IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') THEN NULL ELSE _text_1 END AS _cell_1,
    CASE WHEN lower(_text_2) IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') THEN NULL ELSE _text_2 END AS _cell_2,
    CASE WHEN lower(_text_3) IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') THEN NULL ELSE _text_3 END AS _cell_3,
    CASE WHEN lower(_text_4) IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') THEN NULL ELSE _text_4 END AS _cell_4,
    CASE WHEN lower(_text_5) IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') THEN NULL ELSE _text_5 END AS _cell_5,
    CASE WHEN lower(_text_6) IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') THEN NULL ELSE _text_6 END AS _cell_6
  FROM _text
),
_numbers AS (
  -- the cell as a number, when it is written as one
  SELECT
    *,
    CASE WHEN _cell_1 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN TRY_CAST(_cell_1 AS DOUBLE) END AS _number_1,
    CASE WHEN _cell_2 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN TRY_CAST(_cell_2 AS DOUBLE) END AS _number_2,
    CASE WHEN _cell_3 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN TRY_CAST(_cell_3 AS DOUBLE) END AS _number_3,
    CASE WHEN _cell_4 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN TRY_CAST(_cell_4 AS DOUBLE) END AS _number_4,
    CASE WHEN _cell_5 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN TRY_CAST(_cell_5 AS DOUBLE) END AS _number_5,
    CASE WHEN _cell_6 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN TRY_CAST(_cell_6 AS DOUBLE) END AS _number_6
  FROM _cells
),
_answers AS (
  -- the valid answer: a number in range, or a text answer's value; else NULL
  SELECT
    *,
    CASE WHEN _number_1 BETWEEN 1 AND 6 AND _number_1 = floor(_number_1) THEN _number_1 END AS _answer_1,
    CASE WHEN _number_2 BETWEEN 1 AND 6 AND _number_2 = floor(_number_2) THEN _number_2 END AS _answer_2,
    CASE WHEN _number_3 BETWEEN 1 AND 6 AND _number_3 = floor(_number_3) THEN _number_3 END AS _answer_3,
    CASE WHEN _number_4 BETWEEN 1 AND 6 AND _number_4 = floor(_number_4) THEN _number_4 END AS _answer_4,
    CASE WHEN _number_5 BETWEEN 1 AND 6 AND _number_5 = floor(_number_5) THEN _number_5 END AS _answer_5,
    CASE WHEN _number_6 BETWEEN 1 AND 6 AND _number_6 = floor(_number_6) THEN _number_6 END AS _answer_6
  FROM _numbers
),
_items AS (
  -- each item's value: reverse-keyed, summed over its parts, or options counted
  SELECT
    *,
    7 - _answer_1 AS _item_1,
    _answer_2 AS _item_2,
    _answer_3 AS _item_3,
    _answer_4 AS _item_4,
    _answer_5 AS _item_5,
    7 - _answer_6 AS _item_6,
    (_cell_1 IS NOT NULL AND _answer_1 IS NULL)
      OR (_cell_2 IS NOT NULL AND _answer_2 IS NULL)
      OR (_cell_3 IS NOT NULL AND _answer_3 IS NULL)
      OR (_cell_4 IS NOT NULL AND _answer_4 IS NULL)
      OR (_cell_5 IS NOT NULL AND _answer_5 IS NULL)
      OR (_cell_6 IS NOT NULL AND _answer_6 IS NULL) AS _invalid
  FROM _answers
),
_sums AS (
  -- per score made of items: the sum of the answered items, and how many
  SELECT
    *,
    COALESCE(_item_1, 0) + COALESCE(_item_2, 0) + COALESCE(_item_3, 0) AS _sum_1,  -- agree
    CASE WHEN _item_1 IS NULL THEN 0 ELSE 1 END
      + CASE WHEN _item_2 IS NULL THEN 0 ELSE 1 END
      + CASE WHEN _item_3 IS NULL THEN 0 ELSE 1 END AS _n_1,  -- agree
    COALESCE(_item_4, 0) + COALESCE(_item_5, 0) + COALESCE(_item_6, 0) AS _sum_2,  -- consc
    CASE WHEN _item_4 IS NULL THEN 0 ELSE 1 END
      + CASE WHEN _item_5 IS NULL THEN 0 ELSE 1 END
      + CASE WHEN _item_6 IS NULL THEN 0 ELSE 1 END AS _n_2,  -- consc
    CASE WHEN _item_1 IS NULL THEN 0 ELSE 1 END
      + CASE WHEN _item_2 IS NULL THEN 0 ELSE 1 END
      + CASE WHEN _item_3 IS NULL THEN 0 ELSE 1 END
      + CASE WHEN _item_4 IS NULL THEN 0 ELSE 1 END
      + CASE WHEN _item_5 IS NULL THEN 0 ELSE 1 END
      + CASE WHEN _item_6 IS NULL THEN 0 ELSE 1 END AS _answered
  FROM _items
),
_scores AS (
  -- the scores made of items: prorated when allowed, weighted
  SELECT
    *,
    CASE WHEN _n_1 >= 1 THEN _sum_1 / _n_1 END AS `demo_agree`,
    CASE WHEN _n_2 >= 1 THEN _sum_2 / _n_2 END AS `demo_consc`
  FROM _sums
)
SELECT
  _row_id AS `id`,
  `demo_agree`,
  `demo_consc`,
  _answered AS `demo_answered`,
  CASE
    WHEN _invalid THEN 'invalid'
    WHEN `demo_agree` IS NULL OR `demo_consc` IS NULL THEN 'incomplete'
    WHEN _answered < 6 THEN 'prorated'
    ELSE 'ok'
  END AS `demo_status`
FROM _scores;
