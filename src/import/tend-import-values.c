/* tend-import-values.c: reading the values people put in spreadsheet cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Spreadsheets say the same thing many ways: Yes, TRUE, 1 and はい; "One year", "12
 * months" and 年間; 2024-03-01, 3/1/2024, 1-Mar-24 and 2024年3月1日. These helpers turn
 * each into the one form the store keeps, and say so when they cannot.
 */

#define G_LOG_DOMAIN "TendImport"

#include <stdlib.h>
#include <string.h>

#include "tend-import-values.h"

static gboolean
is_ascii (const char *text)
{
  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    {
      if (*p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

/* Lower case, half width, trimmed, with '-' and '_' read as spaces and runs of spaces
 * made one, so that "Month-to-month" and "month to month" are the same word. */
static char *
fold_word (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = FALSE;

  if (is_ascii (text))
    folded = g_ascii_strdown (text, -1);
  else
    {
      normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
      folded = g_utf8_casefold (normal != NULL ? normal : "", -1);
    }

  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '-' || *p == '_')
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

static gboolean
word_in (const char         *word,
         const char * const *list)
{
  return g_strv_contains (list, word);
}

static const char * const true_words[] = {
  "yes", "y", "true", "t", "1", "x", "✓", "はい", "済", "有", "あり", "○", "◯", NULL
};

static const char * const false_words[] = {
  "no", "n", "false", "f", "0", "いいえ", "無", "なし", "×", NULL
};

/**
 * tend_import_parse_bool:
 * @text: yes/no, true/false, 1/0, y/n, はい/いいえ, in any case
 *
 * Returns: whether @text was one of those
 */
gboolean
tend_import_parse_bool (const char *text,
                        gboolean   *value)
{
  g_autofree char *word = fold_word (text);

  if (word_in (word, true_words))
    *value = TRUE;
  else if (word_in (word, false_words))
    *value = FALSE;
  else
    return FALSE;

  return TRUE;
}

/**
 * tend_import_is_adopted:
 * @text: a service or feature column's value
 *
 * A service is in use unless the cell is empty or says no: "No", "None", "0", and the
 * "No phone service" kind of answer. "DSL" or "Fiber optic" count as in use.
 */
gboolean
tend_import_is_adopted (const char *text)
{
  static const char * const unused[] = { "none", "off", "n/a", "na", "-", "not used", NULL };
  g_autofree char *word = fold_word (text);

  if (*word == '\0' || word_in (word, false_words) || word_in (word, unused))
    return FALSE;

  return !g_str_has_prefix (word, "no ");
}

/**
 * tend_import_parse_status:
 *
 * Returns: (nullable): "active", "churned", "trial" or "paused", or %NULL when @text is
 *   none of the ways people write them
 */
const char *
tend_import_parse_status (const char *text)
{
  static const struct
  {
    const char *status;
    const char *words[12];
  } statuses[] = {
    { "active", { "active", "customer", "live", "paying", "current", "retained", "契約中",
                  "有効", "利用中", "アクティブ", NULL } },
    { "churned", { "churned", "churn", "canceled", "cancelled", "lost", "inactive", "closed",
                   "former", "解約", "解約済み", "解約済", NULL } },
    { "trial", { "trial", "trialing", "trialling", "poc", "pilot", "evaluation", "トライアル",
                 "試用", "試用中", NULL } },
    { "paused", { "paused", "on hold", "hold", "suspended", "休止", "休止中", "一時停止",
                  NULL } },
  };
  g_autofree char *word = fold_word (text);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (word_in (word, statuses[i].words))
        return statuses[i].status;
    }

  return NULL;
}

/**
 * tend_import_parse_count:
 * @text: a whole number, with or without thousands separators ("1,200")
 *
 * Returns: whether @text was a whole number of at least 0
 */
gboolean
tend_import_parse_count (const char *text,
                         gint64     *count)
{
  guint64 value = 0;
  gboolean digits = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (value > (G_MAXINT64 - 9) / 10)
            return FALSE;
          value = value * 10 + (guint64)(*p - '0');
          digits = TRUE;
        }
      else if (*p != ',' || !digits)
        return FALSE;
    }

  if (!digits)
    return FALSE;

  *count = (gint64)value;

  return TRUE;
}

static int
number_word (const char *word)
{
  static const char * const numbers[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", NULL
  };
  char *end;
  long value;

  for (int i = 0; numbers[i] != NULL; i++)
    {
      if (strcmp (word, numbers[i]) == 0)
        return i;
    }

  value = strtol (word, &end, 10);
  if (end == word || value <= 0 || value > 120)
    return -1;

  /* "2年" and "12ヶ月" keep their unit on the number. */
  return (int)value;
}

static int
unit_months (const char *unit)
{
  static const struct
  {
    const char *prefix;
    int         months;
  } units[] = {
    { "year", 12 }, { "yr", 12 }, { "年", 12 }, { "quarter", 3 }, { "month", 1 },
    { "mo", 1 }, { "ヶ月", 1 }, { "ケ月", 1 }, { "か月", 1 }, { "カ月", 1 },
    { "ヵ月", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      if (g_str_has_prefix (unit, units[i].prefix))
        return units[i].months;
    }

  return 0;
}

static int
term_from_count_and_unit (const char *word)
{
  g_auto(GStrv) tokens = NULL;
  char *end;
  long count;

  /* "2 years", "one year contract", "24 months" */
  tokens = g_strsplit (word, " ", -1);
  if (g_strv_length (tokens) >= 2 && number_word (tokens[0]) > 0 && unit_months (tokens[1]) > 0)
    return number_word (tokens[0]) * unit_months (tokens[1]);

  /* "2年", "12ヶ月", "1year" */
  count = strtol (word, &end, 10);
  if (end != word && count > 0 && count <= 120 && unit_months (end) > 0)
    return (int)count * unit_months (end);

  return 0;
}

/**
 * tend_import_parse_term:
 * @text: a contract term: "Month-to-month", "One year", "Two year", "Annual",
 *   "Quarterly", "24 months", 年間, 2年, ...
 * @months: (out): the term's length in months
 *
 * Returns: whether @text was a term
 */
gboolean
tend_import_parse_term (const char *text,
                        int        *months)
{
  static const struct
  {
    const char *word;
    int         months;
  } words[] = {
    { "month to month", 1 }, { "monthly", 1 }, { "month", 1 }, { "m2m", 1 }, { "mtm", 1 },
    { "月次", 1 }, { "月払い", 1 }, { "月契約", 1 }, { "月額", 1 },
    { "quarterly", 3 }, { "quarter", 3 }, { "四半期", 3 },
    { "annual", 12 }, { "annually", 12 }, { "yearly", 12 }, { "year", 12 }, { "年次", 12 },
    { "年間", 12 }, { "年契約", 12 }, { "年払い", 12 }, { "年額", 12 },
    { "biennial", 24 }, { "triennial", 36 },
  };
  g_autofree char *word = fold_word (text);
  int found;

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strcmp (word, words[i].word) == 0)
        {
          *months = words[i].months;
          return TRUE;
        }
    }

  found = term_from_count_and_unit (word);
  if (found <= 0)
    return FALSE;

  *months = found;

  return TRUE;
}

/**
 * tend_import_term_interval:
 *
 * Returns: the billing interval a term of @months is billed at: whole years yearly,
 *   whole quarters quarterly, anything else monthly
 */
const char *
tend_import_term_interval (int months)
{
  if (months > 0 && months % 12 == 0)
    return "year";
  if (months > 0 && months % 3 == 0)
    return "quarter";

  return "month";
}

/**
 * tend_import_next_renewal:
 *
 * Returns: the first anniversary of @start, every @term_months, that falls after @as_of
 */
TendDay
tend_import_next_renewal (TendDay start,
                          int     term_months,
                          TendDay as_of)
{
  int y1, m1, d1, y2, m2, d2;
  int k;

  g_return_val_if_fail (term_months > 0, TEND_DAY_INVALID);

  if (start == TEND_DAY_INVALID || as_of == TEND_DAY_INVALID)
    return TEND_DAY_INVALID;

  if (start > as_of)
    return tend_day_add_months (start, term_months);

  tend_day_to_ymd (start, &y1, &m1, &d1);
  tend_day_to_ymd (as_of, &y2, &m2, &d2);

  /* Start from the whole terms between the two, then step past as_of; adding to the
   * start each time keeps a 31st from drifting to the 28th. */
  k = MAX (1, ((y2 - y1) * 12 + (m2 - m1)) / term_months);
  while (k > 1 && tend_day_add_months (start, (k - 1) * term_months) > as_of)
    k--;
  while (tend_day_add_months (start, k * term_months) <= as_of)
    k++;

  return tend_day_add_months (start, k * term_months);
}

static int
month_from_name (const char *word)
{
  static const char * const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"
  };
  g_autofree char *lower = g_ascii_strdown (word, -1);

  if (strlen (lower) < 3)
    return 0;

  for (int i = 0; i < 12; i++)
    {
      if (g_str_has_prefix (months[i], lower))
        return i + 1;
    }

  return 0;
}

static int
full_year (const char *token)
{
  int year = atoi (token);

  if (strlen (token) == 4)
    return year;
  if (strlen (token) == 2)
    return year < 70 ? 2000 + year : 1900 + year;

  return -1;
}

static gboolean
is_number (const char *token)
{
  if (*token == '\0')
    return FALSE;

  for (const char *p = token; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

/* "1 Mar 2024", "01-Mar-24" (Excel's d-mmm-yy), "March 1, 2024". */
static TendDay
parse_month_name_date (const char *text)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pieces = g_strsplit_set (text, " ,-/.", -1);
  const char *day;
  const char *year;
  int month;

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      if (*pieces[i] != '\0')
        g_ptr_array_add (tokens, g_strdup (pieces[i]));
    }

  if (tokens->len != 3)
    return TEND_DAY_INVALID;

  if ((month = month_from_name (g_ptr_array_index (tokens, 1))) > 0)
    day = g_ptr_array_index (tokens, 0);
  else if ((month = month_from_name (g_ptr_array_index (tokens, 0))) > 0)
    day = g_ptr_array_index (tokens, 1);
  else
    return TEND_DAY_INVALID;

  year = g_ptr_array_index (tokens, 2);
  if (!is_number (day) || !is_number (year) || strlen (day) > 2 || full_year (year) < 0)
    return TEND_DAY_INVALID;

  return tend_day_from_ymd (full_year (year), month, atoi (day));
}

/* 2024年3月1日 is 2024/3/1; full-width digits become ASCII. */
static char *
japanese_date_to_slashes (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  GString *out = g_string_new (NULL);

  for (const char *p = normal != NULL ? normal : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x5e74 || c == 0x6708) /* 年, 月 */
        g_string_append_c (out, '/');
      else if (c != 0x65e5) /* 日 */
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * tend_import_parse_date:
 * @text: a date in a common form: 2024-03-01, 2024/3/1, 03/01/2024 (as @order says),
 *   1.3.2024, 1-Mar-24, March 1, 2024, 2024年3月1日; a time after it is ignored
 *
 * A two-digit year in an all-number date (3/1/24) is refused rather than guessed, since
 * which part is the year is then a guess too; Excel's 1-Mar-24 reads as 2024 (and as
 * 19xx from 70 up).
 *
 * Returns: the day, or %TEND_DAY_INVALID
 */
TendDay
tend_import_parse_date (const char    *text,
                        TendDateOrder  order)
{
  g_autofree char *slashed = NULL;
  TendDay day;

  if (!is_ascii (text))
    text = slashed = japanese_date_to_slashes (text);

  day = tend_day_parse (text, order == TEND_DATE_ORDER_DMY);
  if (day != TEND_DAY_INVALID)
    return day;

  return parse_month_name_date (text);
}

/**
 * tend_import_is_json_number:
 *
 * Whether a cell reads as a plain number that JSON keeps exactly: an optional minus,
 * no leading zeros (so "007" and ZIP codes stay text), an optional fraction, and at most
 * 15 digits, which a double holds without rounding.
 */
gboolean
tend_import_is_json_number (const char *text,
                            gsize       length)
{
  const char *p = text;
  const char *end = text + length;
  guint digits = 0;

  if (p < end && *p == '-')
    p++;

  if (p == end || !g_ascii_isdigit (*p))
    return FALSE;

  if (*p == '0' && p + 1 < end && g_ascii_isdigit (p[1]))
    return FALSE;

  for (; p < end && g_ascii_isdigit (*p); p++)
    digits++;

  if (p < end && *p == '.')
    {
      p++;
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      for (; p < end && g_ascii_isdigit (*p); p++)
        digits++;
    }

  return p == end && digits <= 15;
}

/**
 * tend_import_json_append_string:
 *
 * Appends @text, which is valid UTF-8, as a quoted JSON string.
 */
void
tend_import_json_append_string (GString    *out,
                                const char *text,
                                gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  g_string_append_c (out, '"');

  while (p < end)
    {
      const char *run = p;

      while (p < end && *p != '"' && *p != '\\' && (guchar)*p >= 0x20)
        p++;
      g_string_append_len (out, run, p - run);

      if (p == end)
        break;

      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", (guint)(guchar)*p);
          break;
        }
      p++;
    }

  g_string_append_c (out, '"');
}

/**
 * tend_import_json_append_value:
 *
 * Appends a cell as a JSON number when it is one (see tend_import_is_json_number()),
 * else as a string.
 */
void
tend_import_json_append_value (GString    *out,
                               const char *text,
                               gsize       length)
{
  if (tend_import_is_json_number (text, length))
    g_string_append_len (out, text, length);
  else
    tend_import_json_append_string (out, text, length);
}
