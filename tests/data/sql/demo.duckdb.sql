-- psyscore sql: questionnaire demo (Demo personality short form), DuckDB dialect.
-- Reads answers: one row per respondent, the id in column id, each item cell
-- (text or number) in the column named below, matched as a quoted identifier.
-- Gives the columns of `psyscore score --invalid missing`: invalid answers count as
-- missing and make the status `invalid`. Where SQL cannot say the same, demo_notes names an
-- invalid cell `<column> invalid` (psyscore adds the value and the answers allowed) and
-- names columns as this query reads them.
WITH
_cells AS (
  -- each item cell as text; the white space a cell is trimmed of, the missing codes and the lists answers are looked up in
  SELECT
    "id" AS _row_id,
    CAST("A1" AS VARCHAR) AS _cell_1,
    CAST("A2" AS VARCHAR) AS _cell_2,
    CAST("A3" AS VARCHAR) AS _cell_3,
    CAST("C1" AS VARCHAR) AS _cell_4,
    CAST("C2" AS VARCHAR) AS _cell_5,
    CAST("C3" AS VARCHAR) AS _cell_6,
    (chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760) || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288)) AS _white_space,
    ['', 'na', 'nA', 'Na', 'NA', 'n/a', 'n/A', 'N/a', 'N/A', '#n/a', '#n/A', '#N/a', '#N/A', '.', '-', '(跳过)', '（跳过）'] AS _missing_codes,
    CAST([1, 2, 3, 4, 5, 6] AS DOUBLE[]) AS _numbers_1,
    CAST([NULL, 1, 2, 3, 4, 5, 6] AS DOUBLE[]) AS _number_values_1
  FROM answers
),
_answers AS (
  -- the valid answer: a usual text's (a whole number in range or a label as written), else by the general rule; else NULL
  SELECT
    *,
    CASE _cell_1
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _cell_1 <> '' THEN CASE
          WHEN regexp_full_match(trim(_cell_1, _white_space), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN _number_values_1[list_position(_numbers_1, TRY_CAST(trim(_cell_1, _white_space) AS DOUBLE)) + 1]
        END
      END
    END AS _answer_1,
    CASE _cell_2
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _cell_2 <> '' THEN CASE
          WHEN regexp_full_match(trim(_cell_2, _white_space), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN _number_values_1[list_position(_numbers_1, TRY_CAST(trim(_cell_2, _white_space) AS DOUBLE)) + 1]
        END
      END
    END AS _answer_2,
    CASE _cell_3
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _cell_3 <> '' THEN CASE
          WHEN regexp_full_match(trim(_cell_3, _white_space), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN _number_values_1[list_position(_numbers_1, TRY_CAST(trim(_cell_3, _white_space) AS DOUBLE)) + 1]
        END
      END
    END AS _answer_3,
    CASE _cell_4
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _cell_4 <> '' THEN CASE
          WHEN regexp_full_match(trim(_cell_4, _white_space), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN _number_values_1[list_position(_numbers_1, TRY_CAST(trim(_cell_4, _white_space) AS DOUBLE)) + 1]
        END
      END
    END AS _answer_4,
    CASE _cell_5
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _cell_5 <> '' THEN CASE
          WHEN regexp_full_match(trim(_cell_5, _white_space), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN _number_values_1[list_position(_numbers_1, TRY_CAST(trim(_cell_5, _white_space) AS DOUBLE)) + 1]
        END
      END
    END AS _answer_5,
    CASE _cell_6
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _cell_6 <> '' THEN CASE
          WHEN regexp_full_match(trim(_cell_6, _white_space), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN _number_values_1[list_position(_numbers_1, TRY_CAST(trim(_cell_6, _white_space) AS DOUBLE)) + 1]
        END
      END
    END AS _answer_6
  FROM _cells
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
    7 - _answer_6 AS _item_6
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
_checks AS (
  -- whether a cell was invalid (only rows with an item unanswered can have one)
  SELECT
    *,
    CASE WHEN _answered = 6 THEN FALSE
      WHEN (_answer_1 IS NULL AND _cell_1 IS NOT NULL
        AND NOT list_contains(_missing_codes, trim(_cell_1, _white_space))) THEN TRUE
      WHEN (_answer_2 IS NULL AND _cell_2 IS NOT NULL
        AND NOT list_contains(_missing_codes, trim(_cell_2, _white_space))) THEN TRUE
      WHEN (_answer_3 IS NULL AND _cell_3 IS NOT NULL
        AND NOT list_contains(_missing_codes, trim(_cell_3, _white_space))) THEN TRUE
      WHEN (_answer_4 IS NULL AND _cell_4 IS NOT NULL
        AND NOT list_contains(_missing_codes, trim(_cell_4, _white_space))) THEN TRUE
      WHEN (_answer_5 IS NULL AND _cell_5 IS NOT NULL
        AND NOT list_contains(_missing_codes, trim(_cell_5, _white_space))) THEN TRUE
      WHEN (_answer_6 IS NULL AND _cell_6 IS NOT NULL
        AND NOT list_contains(_missing_codes, trim(_cell_6, _white_space))) THEN TRUE
      ELSE FALSE
    END AS _invalid
  FROM _sums
),
_scores AS (
  -- the scores made of items: prorated when allowed, weighted
  SELECT
    *,
    CASE WHEN _n_1 >= 1 THEN _sum_1 / _n_1 END AS "demo_agree",
    CASE WHEN _n_2 >= 1 THEN _sum_2 / _n_2 END AS "demo_consc"
  FROM _checks
)
SELECT
  _row_id AS "id",
  "demo_agree",
  "demo_consc",
  _answered AS "demo_answered",
  CASE
    WHEN _answered = 6 THEN 'ok'
    WHEN _invalid THEN 'invalid'
    WHEN "demo_agree" IS NULL OR "demo_consc" IS NULL THEN 'incomplete'
    ELSE 'prorated'
  END AS "demo_status",
  CASE WHEN _answered = 6 THEN NULL
  WHEN _invalid THEN concat_ws('; ',
    CASE WHEN _answer_1 IS NOT NULL THEN NULL
    WHEN _cell_1 IS NULL OR list_contains(_missing_codes, trim(_cell_1, _white_space)) THEN 'A1 missing' ELSE 'A1 invalid' END,
    CASE WHEN _answer_2 IS NOT NULL THEN NULL
    WHEN _cell_2 IS NULL OR list_contains(_missing_codes, trim(_cell_2, _white_space)) THEN 'A2 missing' ELSE 'A2 invalid' END,
    CASE WHEN _answer_3 IS NOT NULL THEN NULL
    WHEN _cell_3 IS NULL OR list_contains(_missing_codes, trim(_cell_3, _white_space)) THEN 'A3 missing' ELSE 'A3 invalid' END,
    CASE WHEN _answer_4 IS NOT NULL THEN NULL
    WHEN _cell_4 IS NULL OR list_contains(_missing_codes, trim(_cell_4, _white_space)) THEN 'C1 missing' ELSE 'C1 invalid' END,
    CASE WHEN _answer_5 IS NOT NULL THEN NULL
    WHEN _cell_5 IS NULL OR list_contains(_missing_codes, trim(_cell_5, _white_space)) THEN 'C2 missing' ELSE 'C2 invalid' END,
    CASE WHEN _answer_6 IS NOT NULL THEN NULL
    WHEN _cell_6 IS NULL OR list_contains(_missing_codes, trim(_cell_6, _white_space)) THEN 'C3 missing' ELSE 'C3 invalid' END
  )
  WHEN _answered = 5 THEN CASE
    WHEN _answer_1 IS NULL THEN 'A1 missing'
    WHEN _answer_2 IS NULL THEN 'A2 missing'
    WHEN _answer_3 IS NULL THEN 'A3 missing'
    WHEN _answer_4 IS NULL THEN 'C1 missing'
    WHEN _answer_5 IS NULL THEN 'C2 missing'
    WHEN _answer_6 IS NULL THEN 'C3 missing'
  END
  ELSE concat_ws('; ',
    [NULL, 'A1 missing', 'A2 missing', 'A1 missing; A2 missing', 'A3 missing', 'A1 missing; A3 missing', 'A2 missing; A3 missing', 'A1 missing; A2 missing; A3 missing'][1 + CASE WHEN _answer_1 IS NULL THEN 1 ELSE 0 END
    + CASE WHEN _answer_2 IS NULL THEN 2 ELSE 0 END
    + CASE WHEN _answer_3 IS NULL THEN 4 ELSE 0 END],
    [NULL, 'C1 missing', 'C2 missing', 'C1 missing; C2 missing', 'C3 missing', 'C1 missing; C3 missing', 'C2 missing; C3 missing', 'C1 missing; C2 missing; C3 missing'][1 + CASE WHEN _answer_4 IS NULL THEN 1 ELSE 0 END
    + CASE WHEN _answer_5 IS NULL THEN 2 ELSE 0 END
    + CASE WHEN _answer_6 IS NULL THEN 4 ELSE 0 END]
  )
  END AS "demo_notes"
FROM _scores;
