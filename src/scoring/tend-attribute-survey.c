/* tend-attribute-survey.c: which custom attributes the accounts have, for scorecard editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendScoring"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tend-attribute-survey.h"

/* More distinct numbers than this make a scale, fewer a set of categories (0/1 flags,
 * ratings, tiers written as numbers). */
#define CATEGORY_LIMIT 10

G_DEFINE_BOXED_TYPE (TendAttributeSummary, tend_attribute_summary,
                     tend_attribute_summary_copy, tend_attribute_summary_free)

TendAttributeSummary *
tend_attribute_summary_copy (const TendAttributeSummary *summary)
{
  TendAttributeSummary *copy;

  g_return_val_if_fail (summary != NULL, NULL);

  copy = g_memdup2 (summary, sizeof *summary);
  copy->key = g_strdup (summary->key);
  copy->values = g_strdupv (summary->values);

  return copy;
}

void
tend_attribute_summary_free (TendAttributeSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->key);
  g_strfreev (summary->values);
  g_free (summary);
}

typedef struct
{
  char  *text;
  guint  count;
} ValueCount;

/* What the rows of one key add up to, while they are read. */
typedef struct
{
  TendAttributeSummary *summary;
  GArray               *counts;   /* ValueCount */
} KeyTally;

static void
value_count_clear (gpointer data)
{
  g_free (((ValueCount *)data)->text);
}

static KeyTally *
key_tally_new (const char *key)
{
  KeyTally *tally = g_new0 (KeyTally, 1);

  tally->summary = g_new0 (TendAttributeSummary, 1);
  tally->summary->key = g_strdup (key);
  tally->summary->min = NAN;
  tally->summary->max = NAN;
  tally->counts = g_array_new (FALSE, FALSE, sizeof (ValueCount));
  g_array_set_clear_func (tally->counts, value_count_clear);

  return tally;
}

static void
key_tally_free (gpointer data)
{
  KeyTally *tally = data;

  tend_attribute_summary_free (tally->summary);
  g_array_unref (tally->counts);
  g_free (tally);
}

static gboolean
read_number (sqlite3_stmt *stmt,
             double       *number)
{
  const char *type = (const char *)sqlite3_column_text (stmt, 1);
  const char *text;
  char *end = NULL;

  if (g_strcmp0 (type, "integer") == 0 || g_strcmp0 (type, "real") == 0)
    {
      *number = sqlite3_column_double (stmt, 2);
      return TRUE;
    }

  if (g_strcmp0 (type, "text") != 0)
    return FALSE;

  text = (const char *)sqlite3_column_text (stmt, 2);
  *number = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;

  return end != text && *end == '\0' && isfinite (*number);
}

static void
key_tally_add (KeyTally     *tally,
               sqlite3_stmt *stmt)
{
  TendAttributeSummary *summary = tally->summary;
  const char *type = (const char *)sqlite3_column_text (stmt, 1);
  guint count = sqlite3_column_int (stmt, 3);
  ValueCount value = { NULL, count };
  double number;

  /* JSON booleans read as "true" and "false", as a categorical rule matches them. */
  if (g_strcmp0 (type, "true") == 0 || g_strcmp0 (type, "false") == 0)
    value.text = g_strdup (type);
  else
    value.text = g_strdup ((const char *)sqlite3_column_text (stmt, 2));

  summary->n_accounts += count;
  summary->n_distinct++;
  g_array_append_val (tally->counts, value);

  if (!read_number (stmt, &number))
    return;

  summary->n_numbers += count;
  summary->min = isnan (summary->min) ? number : MIN (summary->min, number);
  summary->max = isnan (summary->max) ? number : MAX (summary->max, number);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const ValueCount *x = a;
  const ValueCount *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;

  return g_strcmp0 (x->text, y->text);
}

static TendAttributeSummary *
key_tally_finish (KeyTally *tally,
                  guint     max_values)
{
  TendAttributeSummary *summary = g_steal_pointer (&tally->summary);
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();

  g_array_sort (tally->counts, compare_counts);
  for (guint i = 0; i < MIN (max_values, tally->counts->len); i++)
    g_strv_builder_add (values, g_array_index (tally->counts, ValueCount, i).text);

  summary->values = g_strv_builder_end (values);
  summary->suggested_rule =
    summary->n_numbers == summary->n_accounts && summary->n_distinct > CATEGORY_LIMIT
    ? TEND_RULE_LINEAR : TEND_RULE_CATEGORICAL;

  key_tally_free (tally);

  return summary;
}

/**
 * tend_attribute_survey:
 * @max_values: how many of the most common values to list for each key
 *
 * Surveys the custom attributes of every account: for each key, how many accounts have a
 * scalar value for it, how many of those are numbers (JSON numbers, or text that reads as
 * one, as some importers keep them), their range, the most common values, and the rule a
 * measure of it would best start with. Lists (such as "adopted") and nulls are left out.
 * It reads every account's attributes, a second or so for 100,000 accounts with a dozen
 * attributes each, so an editor calls it once when it opens.
 *
 * Returns: (transfer container) (element-type TendAttributeSummary): the keys, sorted
 */
GPtrArray *
tend_attribute_survey (TendStore  *store,
                       guint       max_values,
                       GError    **error)
{
  g_autoptr(GPtrArray) summaries =
    g_ptr_array_new_with_free_func ((GDestroyNotify)tend_attribute_summary_free);
  KeyTally *tally = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  stmt = tend_store_prepare (store,
                             "SELECT j.key, j.type, j.atom, count (*) "
                             "FROM accounts a, json_each (a.attributes) j "
                             "WHERE json_valid (a.attributes) "
                             "  AND j.type NOT IN ('object', 'array', 'null') "
                             "GROUP BY j.key, j.type, j.atom ORDER BY j.key",
                             error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *)sqlite3_column_text (stmt, 0);

      if (tally != NULL && g_strcmp0 (tally->summary->key, key) != 0)
        g_ptr_array_add (summaries, key_tally_finish (g_steal_pointer (&tally), max_values));

      if (tally == NULL)
        tally = key_tally_new (key);

      key_tally_add (tally, stmt);
    }
  sqlite3_reset (stmt);

  if (tally != NULL)
    g_ptr_array_add (summaries, key_tally_finish (g_steal_pointer (&tally), max_values));

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, rc, _("read the custom attributes"));
      return NULL;
    }

  return g_steal_pointer (&summaries);
}
