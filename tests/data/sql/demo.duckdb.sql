-- psyscore sql: questionnaire demo (Demo personality short form), DuckDB dialect.
-- Reads answers: one row per respondent, the id in column id, each item cell
-- (text or number) in the column named below, matched as a quoted identifier.
-- Gives the columns of `psyscore score --invalid missing`: invalid answers count as
-- missing and make the status `invalid`. Where SQL cannot say the same, demo_notes names an
-- invalid cell `<column> invalid` (psyscore adds the value and the answers allowed) and
-- names columns as this query reads them.
WITH
_cells AS (
  -- each item cell as text
  SELECT
    "id" AS _row_id,
    CAST("A1" AS VARCHAR) AS _cell_1,
    CAST("A2" AS VARCHAR) AS _cell_2,
    CAST("A3" AS VARCHAR) AS _cell_3,
    CAST("C1" AS VARCHAR) AS _cell_4,
    CAST("C2" AS VARCHAR) AS _cell_5,
    CAST("C3" AS VARCHAR) AS _cell_6
  FROM answers
),
_usual AS (
  -- the answer of a usual text: a whole number in range or a label, as written
  SELECT
    *,
    CASE _cell_1
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
    END AS _usual_1,
    CASE _cell_2
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
    END AS _usual_2,
    CASE _cell_3
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
    END AS _usual_3,
    CASE _cell_4
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
    END AS _usual_4,
    CASE _cell_5
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
    END AS _usual_5,
    CASE _cell_6
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
    END AS _usual_6
  FROM _cells
),
_text AS (
  -- any other cell's text, white space trimmed; NULL for an empty one
  SELECT
    *,
    CASE WHEN _usual_1 IS NULL AND _cell_1 <> '' THEN trim(_cell_1, (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288))) END AS _text_1,
    CASE WHEN _usual_2 IS NULL AND _cell_2 <> '' THEN trim(_cell_2, (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288))) END AS _text_2,
    CASE WHEN _usual_3 IS NULL AND _cell_3 <> '' THEN trim(_cell_3, (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288))) END AS _text_3,
    CASE WHEN _usual_4 IS NULL AND _cell_4 <> '' THEN trim(_cell_4, (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288))) END AS _text_4,
    CASE WHEN _usual_5 IS NULL AND _cell_5 <> '' THEN trim(_cell_5, (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288))) END AS _text_5,
    CASE WHEN _usual_6 IS NULL AND _cell_6 <> '' THEN trim(_cell_6, (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288))) END AS _text_6
  FROM _usual
),
_answers AS (
  -- the valid answer: a usual text's, a number in range, or a text answer's value; else NULL
  SELECT
    *,
    CASE WHEN _text_1 IS NULL THEN _usual_1
    ELSE CASE
      WHEN regexp_full_match(_text_1, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN CASE WHEN TRY_CAST(_text_1 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_1 AS DOUBLE) = floor(TRY_CAST(_text_1 AS DOUBLE)) THEN TRY_CAST(_text_1 AS DOUBLE) END
    END
    END AS _answer_1,
    CASE WHEN _text_2 IS NULL THEN _usual_2
    ELSE CASE
      WHEN regexp_full_match(_text_2, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN CASE WHEN TRY_CAST(_text_2 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_2 AS DOUBLE) = floor(TRY_CAST(_text_2 AS DOUBLE)) THEN TRY_CAST(_text_2 AS DOUBLE) END
    END
    END AS _answer_2,
    CASE WHEN _text_3 IS NULL THEN _usual_3
    ELSE CASE
      WHEN regexp_full_match(_text_3, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN CASE WHEN TRY_CAST(_text_3 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_3 AS DOUBLE) = floor(TRY_CAST(_text_3 AS DOUBLE)) THEN TRY_CAST(_text_3 AS DOUBLE) END
    END
    END AS _answer_3,
    CASE WHEN _text_4 IS NULL THEN _usual_4
    ELSE CASE
      WHEN regexp_full_match(_text_4, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN CASE WHEN TRY_CAST(_text_4 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_4 AS DOUBLE) = floor(TRY_CAST(_text_4 AS DOUBLE)) THEN TRY_CAST(_text_4 AS DOUBLE) END
    END
    END AS _answer_4,
    CASE WHEN _text_5 IS NULL THEN _usual_5
    ELSE CASE
      WHEN regexp_full_match(_text_5, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN CASE WHEN TRY_CAST(_text_5 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_5 AS DOUBLE) = floor(TRY_CAST(_text_5 AS DOUBLE)) THEN TRY_CAST(_text_5 AS DOUBLE) END
    END
    END AS _answer_5,
    CASE WHEN _text_6 IS NULL THEN _usual_6
    ELSE CASE
      WHEN regexp_full_match(_text_6, '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN CASE WHEN TRY_CAST(_text_6 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_6 AS DOUBLE) = floor(TRY_CAST(_text_6 AS DOUBLE)) THEN TRY_CAST(_text_6 AS DOUBLE) END
    END
    END AS _answer_6
  FROM _text
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
    CASE WHEN _text_1 IS NULL AND _text_2 IS NULL AND _text_3 IS NULL AND _text_4 IS NULL
        AND _text_5 IS NULL AND _text_6 IS NULL THEN FALSE
    ELSE (_text_1 IS NOT NULL AND _answer_1 IS NULL
        AND translate(_text_1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）'))
        OR (_text_2 IS NOT NULL AND _answer_2 IS NULL
        AND translate(_text_2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）'))
        OR (_text_3 IS NOT NULL AND _answer_3 IS NULL
        AND translate(_text_3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）'))
        OR (_text_4 IS NOT NULL AND _answer_4 IS NULL
        AND translate(_text_4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）'))
        OR (_text_5 IS NOT NULL AND _answer_5 IS NULL
        AND translate(_text_5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）'))
        OR (_text_6 IS NOT NULL AND _answer_6 IS NULL
        AND translate(_text_6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）'))
    END AS _invalid
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
    CASE WHEN _n_1 >= 1 THEN _sum_1 / _n_1 END AS "demo_agree",
    CASE WHEN _n_2 >= 1 THEN _sum_2 / _n_2 END AS "demo_consc"
  FROM _sums
)
SELECT
  _row_id AS "id",
  "demo_agree",
  "demo_consc",
  _answered AS "demo_answered",
  CASE
    WHEN _invalid THEN 'invalid'
    WHEN "demo_agree" IS NULL OR "demo_consc" IS NULL THEN 'incomplete'
    WHEN _answered < 6 THEN 'prorated'
    ELSE 'ok'
  END AS "demo_status",
  CASE WHEN NOT _invalid AND _answered = 6 THEN NULL
  WHEN NOT _invalid AND _answered = 5 THEN CASE
    WHEN _answer_1 IS NULL THEN 'A1 missing'
    WHEN _answer_2 IS NULL THEN 'A2 missing'
    WHEN _answer_3 IS NULL THEN 'A3 missing'
    WHEN _answer_4 IS NULL THEN 'C1 missing'
    WHEN _answer_5 IS NULL THEN 'C2 missing'
    WHEN _answer_6 IS NULL THEN 'C3 missing'
  END
  WHEN NOT _invalid THEN NULLIF(concat_ws('; ',
    CASE WHEN _answer_1 IS NULL THEN 'A1 missing' END,
    CASE WHEN _answer_2 IS NULL THEN 'A2 missing' END,
    CASE WHEN _answer_3 IS NULL THEN 'A3 missing' END,
    CASE WHEN _answer_4 IS NULL THEN 'C1 missing' END,
    CASE WHEN _answer_5 IS NULL THEN 'C2 missing' END,
    CASE WHEN _answer_6 IS NULL THEN 'C3 missing' END
  ), '')
  ELSE NULLIF(concat_ws('; ',
    CASE WHEN _answer_1 IS NOT NULL THEN NULL WHEN (_text_1 IS NOT NULL AND _answer_1 IS NULL
    AND translate(_text_1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）')) THEN 'A1 invalid' ELSE 'A1 missing' END,
    CASE WHEN _answer_2 IS NOT NULL THEN NULL WHEN (_text_2 IS NOT NULL AND _answer_2 IS NULL
    AND translate(_text_2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）')) THEN 'A2 invalid' ELSE 'A2 missing' END,
    CASE WHEN _answer_3 IS NOT NULL THEN NULL WHEN (_text_3 IS NOT NULL AND _answer_3 IS NULL
    AND translate(_text_3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）')) THEN 'A3 invalid' ELSE 'A3 missing' END,
    CASE WHEN _answer_4 IS NOT NULL THEN NULL WHEN (_text_4 IS NOT NULL AND _answer_4 IS NULL
    AND translate(_text_4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）')) THEN 'C1 invalid' ELSE 'C1 missing' END,
    CASE WHEN _answer_5 IS NOT NULL THEN NULL WHEN (_text_5 IS NOT NULL AND _answer_5 IS NULL
    AND translate(_text_5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）')) THEN 'C2 invalid' ELSE 'C2 missing' END,
    CASE WHEN _answer_6 IS NOT NULL THEN NULL WHEN (_text_6 IS NOT NULL AND _answer_6 IS NULL
    AND translate(_text_6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）')) THEN 'C3 invalid' ELSE 'C3 missing' END
  ), '')
  END AS "demo_notes"
FROM _scores;
