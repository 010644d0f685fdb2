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
    trim(BOTH '\u0009\u000A\u000B\u000C\u000D\u0020\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000' FROM CAST(`A1` AS STRING)) AS _text_1,
    trim(BOTH '\u0009\u000A\u000B\u000C\u000D\u0020\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000' FROM CAST(`A2` AS STRING)) AS _text_2,
    trim(BOTH '\u0009\u000A\u000B\u000C\u000D\u0020\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000' FROM CAST(`A3` AS STRING)) AS _text_3,
    trim(BOTH '\u0009\u000A\u000B\u000C\u000D\u0020\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000' FROM CAST(`C1` AS STRING)) AS _text_4,
    trim(BOTH '\u0009\u000A\u000B\u000C\u000D\u0020\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000' FROM CAST(`C2` AS STRING)) AS _text_5,
    trim(BOTH '\u0009\u000A\u000B\u000C\u000D\u0020\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000' FROM CAST(`C3` AS STRING)) AS _text_6
  FROM answers
),
_answers AS (
  -- the valid answer: a number in range, or a text answer's value; else NULL
  SELECT
    *,
    CASE _text_1
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _text_1 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN CASE WHEN TRY_CAST(_text_1 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_1 AS DOUBLE) = floor(TRY_CAST(_text_1 AS DOUBLE)) THEN TRY_CAST(_text_1 AS DOUBLE) END
      END
    END AS _answer_1,
    CASE _text_2
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _text_2 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN CASE WHEN TRY_CAST(_text_2 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_2 AS DOUBLE) = floor(TRY_CAST(_text_2 AS DOUBLE)) THEN TRY_CAST(_text_2 AS DOUBLE) END
      END
    END AS _answer_2,
    CASE _text_3
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _text_3 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN CASE WHEN TRY_CAST(_text_3 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_3 AS DOUBLE) = floor(TRY_CAST(_text_3 AS DOUBLE)) THEN TRY_CAST(_text_3 AS DOUBLE) END
      END
    END AS _answer_3,
    CASE _text_4
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _text_4 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN CASE WHEN TRY_CAST(_text_4 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_4 AS DOUBLE) = floor(TRY_CAST(_text_4 AS DOUBLE)) THEN TRY_CAST(_text_4 AS DOUBLE) END
      END
    END AS _answer_4,
    CASE _text_5
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _text_5 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN CASE WHEN TRY_CAST(_text_5 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_5 AS DOUBLE) = floor(TRY_CAST(_text_5 AS DOUBLE)) THEN TRY_CAST(_text_5 AS DOUBLE) END
      END
    END AS _answer_5,
    CASE _text_6
      WHEN '1' THEN 1
      WHEN '2' THEN 2
      WHEN '3' THEN 3
      WHEN '4' THEN 4
      WHEN '5' THEN 5
      WHEN '6' THEN 6
      ELSE CASE
        WHEN _text_6 RLIKE '^(?:[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?)$' THEN CASE WHEN TRY_CAST(_text_6 AS DOUBLE) BETWEEN 1 AND 6 AND TRY_CAST(_text_6 AS DOUBLE) = floor(TRY_CAST(_text_6 AS DOUBLE)) THEN TRY_CAST(_text_6 AS DOUBLE) END
      END
    END AS _answer_6
  FROM _text
),
_checks AS (
  -- whether the cell is invalid: no valid answer, yet not blank or a missing code
  SELECT
    *,
    CASE WHEN _answer_1 IS NOT NULL OR _text_1 IS NULL THEN FALSE
      ELSE translate(_text_1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') END AS _invalid_1,
    CASE WHEN _answer_2 IS NOT NULL OR _text_2 IS NULL THEN FALSE
      ELSE translate(_text_2, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') END AS _invalid_2,
    CASE WHEN _answer_3 IS NOT NULL OR _text_3 IS NULL THEN FALSE
      ELSE translate(_text_3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') END AS _invalid_3,
    CASE WHEN _answer_4 IS NOT NULL OR _text_4 IS NULL THEN FALSE
      ELSE translate(_text_4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') END AS _invalid_4,
    CASE WHEN _answer_5 IS NOT NULL OR _text_5 IS NULL THEN FALSE
      ELSE translate(_text_5, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') END AS _invalid_5,
    CASE WHEN _answer_6 IS NOT NULL OR _text_6 IS NULL THEN FALSE
      ELSE translate(_text_6, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') NOT IN ('', 'na', 'n/a', '#n/a', '.', '-', '(跳过)', '（跳过）') END AS _invalid_6
  FROM _answers
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
    _invalid_1 OR _invalid_2 OR _invalid_3 OR _invalid_4 OR _invalid_5 OR _invalid_6 AS _invalid
  FROM _checks
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
