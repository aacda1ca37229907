/* tend-importer.c: imports accounts from a CSV file through a mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import reads the file once. Each row is checked against the mapping; a good row is
 * written at once, inside one transaction that covers the whole file, so that a cancelled,
 * failed or killed import leaves the workspace exactly as it was. Accounts are found by
 * (source, external id) in account_sources, so importing the same file again updates
 * them. Money becomes one subscription per account (source "csv:<mapping>"), from which
 * the account's ARR and renewal date follow.
 *
 * Rows are checked without allocating per cell where it can be helped: the reader reuses
 * its buffers, cell texts go into per-field strings that every row reuses, and the custom
 * attributes are written as JSON text directly.
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tend-csv-reader.h"
#include "tend-import-private.h"
#include "tend-import-values.h"
#include "tend-importer.h"
#include "util/tend-money.h"

/* How often, in rows, progress is told and a preview's cancellable checked. */
#define PROGRESS_EVERY 256

/* How many distinct feature values are remembered as adopted or not. */
#define ADOPTED_CACHE_MAX 4096

struct _TendImporter
{
  GObject            parent_instance;

  TendStore         *store;
  char              *path;
  TendImportMapping *mapping;
  TendImportPolicy   policy;
  TendDay            as_of;
};

G_DEFINE_FINAL_TYPE (TendImporter, tend_importer, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TendImportPolicy, tend_import_policy,
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_POLICY_SKIP_BAD_ROWS, "skip-bad-rows"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_POLICY_ALL_OR_NOTHING, "all-or-nothing"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PATH,
  PROP_MAPPING,
  PROP_POLICY,
  PROP_AS_OF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What an import works from, copied so that a worker thread owns its own. */
typedef struct
{
  char              *path;
  TendImportMapping *mapping;
  TendImportPolicy   policy;
  TendDay            as_of;
} ImportJob;

typedef struct
{
  TendImportField  field;
  gboolean         attribute;
  char            *json_key;
} ColumnPlan;

/* The current row: the cells of single fields as trimmed text, and what they mean. */
typedef struct
{
  guint        line;
  guint        n_problems;
  GString     *text[TEND_IMPORT_N_FIELDS];
  gboolean     present[TEND_IMPORT_N_FIELDS];
  GString     *attributes;
  GString     *adopted;
  const char  *status;
  TendDay      start_day;
  TendDay      churn_day;
  TendDay      renewal_day;
  gint64       tenure;
  gint64       seats;
  gboolean     has_money;
  gint64       money_minor;
  gint64       annual_minor;
  gint64       amount_minor;
  const char  *interval;
  int          term_months;
  char         currency[4];
  char         start_iso[16];
  char         churn_iso[16];
  char         renewal_iso[16];
} ImportRow;

typedef void (*ProblemFunc) (gpointer    sink,
                             guint       line,
                             const char *column,
                             const char *reason);

typedef enum
{
  ROW_VALID,
  ROW_REJECTED,
  ROW_EMPTY,
  ROW_END,
  ROW_FAILED,
} RowResult;

typedef struct
{
  const ImportJob  *job;
  TendCsvReader    *reader;
  char            **header;
  guint             n_columns;
  ColumnPlan       *plan;
  int               column_of[TEND_IMPORT_N_FIELDS];
  gboolean          has_adoption;
  gboolean          has_money;
  char              as_of_iso[16];
  GHashTable       *seen_ids;
  GHashTable       *adopted_cache;
  GString          *scratch;
  ProblemFunc       problem;
  gpointer          problem_sink;
  guint             n_read;
  guint             n_rejected;
  ImportRow         row;
} ImportSession;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  g_clear_object (&job->mapping);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

static ImportJob *
import_job_new (TendImporter *self)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->path = g_strdup (self->path);
  job->mapping = self->mapping != NULL ? tend_import_mapping_copy (self->mapping) : NULL;
  job->policy = self->policy;
  job->as_of = self->as_of;

  return job;
}

static gboolean
import_job_check (const ImportJob  *job,
                  GError          **error)
{
  if (job->path == NULL || job->mapping == NULL)
    {
      g_set_error_literal (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_FAILED,
                           _("Choose a file and a mapping before importing."));
      return FALSE;
    }

  return TRUE;
}

static void
day_to_iso_buffer (TendDay  day,
                   char    *buffer)
{
  int year, month, mday;

  if (day == TEND_DAY_INVALID)
    {
      buffer[0] = '\0';
      return;
    }

  tend_day_to_ymd (day, &year, &month, &mday);
  g_snprintf (buffer, 16, "%04d-%02d-%02d", year, month, mday);
}

/* Spaces, tabs, line breaks and the ideographic space around a cell mean nothing. */
static void
trim_cell (const char **text,
           gsize       *length)
{
  const char *p = *text;
  const char *end = p + *length;

  for (;;)
    {
      if (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
        p++;
      else if (end - p >= 3 && memcmp (p, "\xe3\x80\x80", 3) == 0)
        p += 3;
      else
        break;
    }

  for (;;)
    {
      if (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        end--;
      else if (end - p >= 3 && memcmp (end - 3, "\xe3\x80\x80", 3) == 0)
        end -= 3;
      else
        break;
    }

  *text = p;
  *length = (gsize)(end - p);
}

static void
session_init (ImportSession   *s,
              const ImportJob *job)
{
  memset (s, 0, sizeof *s);

  s->job = job;
  s->seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->adopted_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->scratch = g_string_new (NULL);
  s->row.attributes = g_string_sized_new (512);
  s->row.adopted = g_string_sized_new (128);

  for (guint i = 0; i < TEND_IMPORT_N_FIELDS; i++)
    {
      s->column_of[i] = -1;
      s->row.text[i] = g_string_new (NULL);
    }

  day_to_iso_buffer (job->as_of, s->as_of_iso);
}

static void
session_clear (ImportSession *s)
{
  for (guint i = 0; i < s->n_columns; i++)
    g_free (s->plan[i].json_key);
  g_free (s->plan);

  for (guint i = 0; i < TEND_IMPORT_N_FIELDS; i++)
    g_string_free (s->row.text[i], TRUE);

  g_string_free (s->row.attributes, TRUE);
  g_string_free (s->row.adopted, TRUE);
  g_string_free (s->scratch, TRUE);
  g_hash_table_unref (s->seen_ids);
  g_hash_table_unref (s->adopted_cache);
  g_strfreev (s->header);
  g_clear_object (&s->reader);
}

static gboolean
field_is_kept_as_attribute (TendImportField field,
                            gboolean        keep)
{
  switch (field)
    {
    case TEND_IMPORT_FIELD_IGNORE:
      return FALSE;
    case TEND_IMPORT_FIELD_NONE:
    case TEND_IMPORT_FIELD_ATTRIBUTE:
    case TEND_IMPORT_FIELD_PRODUCT:
    case TEND_IMPORT_FIELD_FEATURE:
      return TRUE;
    default:
      return keep;
    }
}

/* Attribute keys are the headers, made unique: a second "Notes" becomes "Notes (2)", and
 * a column cannot take the key that lists the adopted features. */
static char *
session_attribute_key (ImportSession *s,
                       guint          column,
                       GHashTable    *used)
{
  const char *text = s->header[column];
  gsize length = strlen (text);
  g_autofree char *base = NULL;
  char *key;

  trim_cell (&text, &length);
  base = length > 0 ? g_strndup (text, length) : g_strdup_printf ("column_%u", column + 1);
  key = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (used, key); n++)
    {
      g_free (key);
      key = g_strdup_printf ("%s (%u)", base, n);
    }

  g_hash_table_add (used, key);

  return key;
}

static void
session_plan_columns (ImportSession *s)
{
  TendImportMapping *mapping = s->job->mapping;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  s->n_columns = g_strv_length (s->header);
  s->plan = g_new0 (ColumnPlan, MAX (s->n_columns, 1));

  for (guint i = 0; i < s->n_columns; i++)
    {
      TendImportField field = tend_import_mapping_get_field (mapping, s->header[i]);
      gboolean keep = tend_import_mapping_get_keep (mapping, s->header[i]);

      /* A second column of the same name as a single field's is kept as an attribute. */
      if (!tend_import_field_is_repeatable (field) && s->column_of[field] >= 0)
        field = TEND_IMPORT_FIELD_NONE;

      if (s->column_of[field] < 0)
        s->column_of[field] = (int)i;

      s->plan[i].field = field;
      s->plan[i].attribute = field_is_kept_as_attribute (field, keep);
    }

  s->has_adoption = s->column_of[TEND_IMPORT_FIELD_FEATURE] >= 0 ||
                    s->column_of[TEND_IMPORT_FIELD_PRODUCT] >= 0;
  s->has_money = s->column_of[TEND_IMPORT_FIELD_MRR] >= 0 ||
                 s->column_of[TEND_IMPORT_FIELD_ARR] >= 0;

  if (s->has_adoption)
    g_hash_table_add (used, g_strdup (TEND_IMPORT_ADOPTED_KEY));

  for (guint i = 0; i < s->n_columns; i++)
    {
      g_autofree char *key = NULL;
      GString *json;

      if (!s->plan[i].attribute)
        continue;

      key = g_strdup (session_attribute_key (s, i, used));
      json = g_string_new (NULL);
      tend_import_json_append_string (json, key, strlen (key));
      g_string_append_c (json, ':');
      s->plan[i].json_key = g_string_free (json, FALSE);
    }
}

static gboolean
session_open (ImportSession  *s,
              GError        **error)
{
  s->reader = tend_csv_reader_new_for_path (s->job->path, error);
  if (s->reader == NULL)
    return FALSE;

  s->header = tend_csv_reader_read_header (s->reader, error);
  if (s->header == NULL)
    return FALSE;

  if (!tend_import_mapping_check (s->job->mapping, (const char * const *)s->header, error))
    return FALSE;

  session_plan_columns (s);

  return TRUE;
}

static void
session_report_missing_columns (ImportSession *s)
{
  g_auto(GStrv) columns = tend_import_mapping_dup_columns (s->job->mapping);

  for (guint i = 0; columns[i] != NULL; i++)
    {
      if (tend_import_mapping_header_index ((const char * const *)s->header, columns[i]) < 0)
        s->problem (s->problem_sink, 1, columns[i],
                    _("The mapping reads this column, but the file has none; the field is "
                      "left as it was."));
    }
}

static const char *
session_column_name (ImportSession   *s,
                     TendImportField  field)
{
  int column = s->column_of[field];

  return column >= 0 ? s->header[column] : NULL;
}

static void session_reject (ImportSession   *s,
                            TendImportField  field,
                            const char      *format,
                            ...) G_GNUC_PRINTF (3, 4);

static void
session_reject (ImportSession   *s,
                TendImportField  field,
                const char      *format,
                ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  s->row.n_problems++;
  s->problem (s->problem_sink, s->row.line,
              field == TEND_IMPORT_FIELD_NONE ? NULL : session_column_name (s, field), reason);
}

static const char *
row_text (ImportRow       *row,
          TendImportField  field)
{
  return row->present[field] ? row->text[field]->str : NULL;
}

static void
row_reset (ImportRow *row)
{
  memset (row->present, 0, sizeof row->present);
  g_string_truncate (row->attributes, 0);
  g_string_truncate (row->adopted, 0);
  row->n_problems = 0;
  row->status = NULL;
  row->start_day = TEND_DAY_INVALID;
  row->churn_day = TEND_DAY_INVALID;
  row->renewal_day = TEND_DAY_INVALID;
  row->tenure = -1;
  row->seats = -1;
  row->has_money = FALSE;
  row->money_minor = 0;
  row->annual_minor = 0;
  row->amount_minor = 0;
  row->interval = NULL;
  row->term_months = 0;
  row->start_iso[0] = '\0';
  row->churn_iso[0] = '\0';
  row->renewal_iso[0] = '\0';
}

static gboolean
session_is_adopted (ImportSession *s,
                    const char    *cell,
                    gsize          length)
{
  gpointer cached;
  gboolean adopted;

  g_string_truncate (s->scratch, 0);
  g_string_append_len (s->scratch, cell, length);

  if (g_hash_table_lookup_extended (s->adopted_cache, s->scratch->str, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  adopted = tend_import_is_adopted (s->scratch->str);
  if (g_hash_table_size (s->adopted_cache) < ADOPTED_CACHE_MAX)
    g_hash_table_insert (s->adopted_cache, g_strdup (s->scratch->str), GINT_TO_POINTER (adopted));

  return adopted;
}

static void
row_add_attribute (ImportRow  *row,
                   const char *json_key,
                   const char *cell,
                   gsize       length)
{
  if (row->attributes->len > 1)
    g_string_append_c (row->attributes, ',');
  g_string_append (row->attributes, json_key);
  tend_import_json_append_value (row->attributes, cell, length);
}

/* The first pass: each cell to its field, its attribute or the adopted list. */
static gboolean
session_collect_cells (ImportSession *s)
{
  ImportRow *row = &s->row;
  gboolean any = FALSE;

  g_string_append_c (row->attributes, '{');
  g_string_append_c (row->adopted, '[');

  for (guint i = 0; i < s->n_columns && i < tend_csv_reader_get_n_fields (s->reader); i++)
    {
      const ColumnPlan *plan = &s->plan[i];
      const char *cell = tend_csv_reader_get_field (s->reader, i);
      gsize length = tend_csv_reader_get_field_length (s->reader, i);

      trim_cell (&cell, &length);
      any = any || length > 0;

      if (plan->attribute)
        row_add_attribute (row, plan->json_key, cell, length);

      if (plan->field == TEND_IMPORT_FIELD_FEATURE || plan->field == TEND_IMPORT_FIELD_PRODUCT)
        {
          if (length > 0 && session_is_adopted (s, cell, length))
            {
              if (row->adopted->len > 1)
                g_string_append_c (row->adopted, ',');
              tend_import_json_append_string (row->adopted, s->header[i], strlen (s->header[i]));
            }
        }
      else if (!tend_import_field_is_repeatable (plan->field))
        {
          g_string_truncate (row->text[plan->field], 0);
          g_string_append_len (row->text[plan->field], cell, length);
          row->present[plan->field] = length > 0;
        }
    }

  g_string_append_c (row->adopted, ']');
  if (s->has_adoption)
    {
      if (row->attributes->len > 1)
        g_string_append_c (row->attributes, ',');
      g_string_append (row->attributes, "\"" TEND_IMPORT_ADOPTED_KEY "\":");
      g_string_append_len (row->attributes, row->adopted->str, row->adopted->len);
    }
  g_string_append_c (row->attributes, '}');

  return any;
}

static void
session_check_external_id (ImportSession *s)
{
  ImportRow *row = &s->row;
  const char *id = row_text (row, TEND_IMPORT_FIELD_EXTERNAL_ID);
  gpointer first_line;

  if (id == NULL)
    {
      session_reject (s, TEND_IMPORT_FIELD_EXTERNAL_ID,
                      _("The external ID is empty; every row needs one."));
      return;
    }

  if (g_hash_table_lookup_extended (s->seen_ids, id, NULL, &first_line))
    {
      session_reject (s, TEND_IMPORT_FIELD_EXTERNAL_ID,
                      _("The external ID “%s” is also on line %u; an account can be in the "
                        "file only once."),
                      id, GPOINTER_TO_UINT (first_line));
      return;
    }

  g_hash_table_insert (s->seen_ids, g_strdup (id), GUINT_TO_POINTER (row->line));
}

static gboolean
is_currency_code (const char *code)
{
  return strlen (code) == 3 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) &&
         g_ascii_isupper (code[2]);
}

static void
session_check_currency (ImportSession *s)
{
  ImportRow *row = &s->row;
  const char *currency = row_text (row, TEND_IMPORT_FIELD_CURRENCY);
  g_autofree char *upper = NULL;

  g_strlcpy (row->currency, tend_import_mapping_get_currency (s->job->mapping),
             sizeof row->currency);

  if (currency == NULL)
    return;

  upper = g_ascii_strup (currency, -1);
  if (!is_currency_code (upper))
    {
      session_reject (s, TEND_IMPORT_FIELD_CURRENCY,
                      _("“%s” is not an ISO 4217 currency code such as USD, EUR or JPY."),
                      currency);
      return;
    }

  g_strlcpy (row->currency, upper, sizeof row->currency);
}

/* example.com from "https://www.Example.com/about"; FALSE if it cannot be a domain. */
static gboolean
normalize_domain (GString *text)
{
  static const char * const schemes[] = { "https://", "http://", NULL };
  const char *cut;

  for (guint i = 0; schemes[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (text->str, schemes[i], strlen (schemes[i])) == 0)
        g_string_erase (text, 0, (gssize)strlen (schemes[i]));
    }

  cut = strpbrk (text->str, "/?#");
  if (cut != NULL)
    g_string_truncate (text, (gsize)(cut - text->str));

  g_string_ascii_down (text);
  if (g_str_has_prefix (text->str, "www."))
    g_string_erase (text, 0, 4);

  return text->len > 2 && strchr (text->str, '.') != NULL && strpbrk (text->str, " @,") == NULL &&
         text->str[0] != '.' && text->str[text->len - 1] != '.';
}

static void
session_check_domain (ImportSession *s)
{
  ImportRow *row = &s->row;
  g_autofree char *original = NULL;

  if (!row->present[TEND_IMPORT_FIELD_DOMAIN])
    return;

  original = g_strdup (row->text[TEND_IMPORT_FIELD_DOMAIN]->str);
  if (!normalize_domain (row->text[TEND_IMPORT_FIELD_DOMAIN]))
    session_reject (s, TEND_IMPORT_FIELD_DOMAIN,
                    _("“%s” is not a web domain such as example.com."), original);
}

static TendDay
session_read_date (ImportSession   *s,
                   TendImportField  field)
{
  const char *text = row_text (&s->row, field);
  TendDateOrder order = tend_import_mapping_get_date_order (s->job->mapping);
  TendDay day;

  if (text == NULL)
    return TEND_DAY_INVALID;

  day = tend_import_parse_date (text, order);
  if (day == TEND_DAY_INVALID)
    session_reject (s, field, _("“%s” is not a date; write it as 2024-03-31 or %s."),
                    text, order == TEND_DATE_ORDER_DMY ? "31/03/2024" : "03/31/2024");

  return day;
}

static void
session_check_dates (ImportSession *s)
{
  ImportRow *row = &s->row;
  const char *tenure = row_text (row, TEND_IMPORT_FIELD_TENURE_MONTHS);

  row->start_day = session_read_date (s, TEND_IMPORT_FIELD_START_DATE);
  row->churn_day = session_read_date (s, TEND_IMPORT_FIELD_CHURN_DATE);
  row->renewal_day = session_read_date (s, TEND_IMPORT_FIELD_RENEWAL_DATE);

  if (tenure == NULL)
    return;

  if (!tend_import_parse_count (tenure, &row->tenure) || row->tenure > 1200)
    {
      session_reject (s, TEND_IMPORT_FIELD_TENURE_MONTHS,
                      _("“%s” is not a whole number of months."), tenure);
      row->tenure = -1;
      return;
    }

  /* A start date in the file wins over one worked out from the tenure. */
  if (!row->present[TEND_IMPORT_FIELD_START_DATE])
    row->start_day = tend_day_add_months (s->job->as_of, -(int)row->tenure);
}

static void
session_check_status (ImportSession *s)
{
  ImportRow *row = &s->row;
  const char *status = row_text (row, TEND_IMPORT_FIELD_STATUS);
  const char *churned = row_text (row, TEND_IMPORT_FIELD_CHURNED);
  gboolean is_churned;

  if (status != NULL)
    {
      row->status = tend_import_parse_status (status);
      if (row->status == NULL)
        session_reject (s, TEND_IMPORT_FIELD_STATUS,
                        _("“%s” is not a status Tend knows; use active, churned, trial or "
                          "paused."),
                        status);
    }

  if (churned != NULL)
    {
      if (!tend_import_parse_bool (churned, &is_churned))
        session_reject (s, TEND_IMPORT_FIELD_CHURNED, _("“%s” is not yes or no."), churned);
      else if (is_churned)
        row->status = "churned";
      else if (row->status == NULL)
        row->status = "active";
    }

  /* A churn date alone says the account churned. */
  if (row->status == NULL && row->churn_day != TEND_DAY_INVALID)
    row->status = "churned";
}

static void
session_check_seats (ImportSession *s)
{
  ImportRow *row = &s->row;
  const char *seats = row_text (row, TEND_IMPORT_FIELD_LICENSED_SEATS);

  if (seats != NULL && !tend_import_parse_count (seats, &row->seats))
    {
      session_reject (s, TEND_IMPORT_FIELD_LICENSED_SEATS,
                      _("“%s” is not a whole number of seats."), seats);
      row->seats = -1;
    }
}

static void
session_check_money (ImportSession *s)
{
  ImportRow *row = &s->row;
  TendImportField field = s->column_of[TEND_IMPORT_FIELD_MRR] >= 0 ? TEND_IMPORT_FIELD_MRR
                                                                     : TEND_IMPORT_FIELD_ARR;
  const char *text = row_text (row, field);

  if (text == NULL)
    return;

  if (!tend_money_parse (text, row->currency, &row->money_minor))
    {
      session_reject (s, field, _("“%s” is not an amount of money in %s."), text,
                      row->currency);
      return;
    }

  if (row->money_minor < 0)
    {
      session_reject (s, field, _("The amount “%s” is negative."), text);
      return;
    }

  if (field == TEND_IMPORT_FIELD_MRR && row->money_minor > G_MAXINT64 / 12)
    {
      session_reject (s, field, _("The amount “%s” is too large."), text);
      return;
    }

  row->has_money = TRUE;
  row->annual_minor = field == TEND_IMPORT_FIELD_MRR ? row->money_minor * 12 : row->money_minor;
}

static void
session_check_term (ImportSession *s)
{
  ImportRow *row = &s->row;
  const char *term = row_text (row, TEND_IMPORT_FIELD_CONTRACT);

  if (term != NULL && !tend_import_parse_term (term, &row->term_months))
    session_reject (s, TEND_IMPORT_FIELD_CONTRACT,
                    _("“%s” is not a contract term Tend knows, such as Month-to-month, One "
                      "year or Two year."),
                    term);
}

static int
interval_months (const char *interval)
{
  if (g_strcmp0 (interval, "year") == 0)
    return 12;
  if (g_strcmp0 (interval, "quarter") == 0)
    return 3;

  return 1;
}

/* The subscription bills the annual amount per term: yearly for a one- or two-year
 * contract, monthly for month-to-month; an amount that does not split evenly into the
 * term's periods is billed yearly, so that ARR stays exact. */
static void
session_derive_subscription (ImportSession *s)
{
  ImportRow *row = &s->row;
  int term = row->term_months;
  int periods;

  if (row->has_money)
    {
      if (term > 0)
        row->interval = tend_import_term_interval (term);
      else
        row->interval = s->column_of[TEND_IMPORT_FIELD_MRR] >= 0 ? "month" : "year";

      periods = 12 / interval_months (row->interval);
      if (row->annual_minor % periods != 0)
        {
          row->interval = "year";
          periods = 1;
        }
      row->amount_minor = row->annual_minor / periods;

      if (term == 0)
        term = interval_months (row->interval);
    }

  if (!row->present[TEND_IMPORT_FIELD_RENEWAL_DATE] && row->start_day != TEND_DAY_INVALID &&
      term > 0)
    row->renewal_day = tend_import_next_renewal (row->start_day, term, s->job->as_of);

  day_to_iso_buffer (row->start_day, row->start_iso);
  day_to_iso_buffer (row->churn_day, row->churn_iso);
  day_to_iso_buffer (row->renewal_day, row->renewal_iso);
}

/* The second pass: what each single field's text means, in the order they depend on
 * each other (the currency before money, dates before the renewal). */
static void
session_check_row (ImportSession *s)
{
  session_check_external_id (s);
  session_check_currency (s);
  session_check_domain (s);
  session_check_dates (s);
  session_check_status (s);
  session_check_seats (s);
  session_check_money (s);
  session_check_term (s);
  session_derive_subscription (s);
}

static gboolean
csv_cells_empty (TendCsvReader *reader)
{
  for (guint i = 0; i < tend_csv_reader_get_n_fields (reader); i++)
    {
      const char *cell = tend_csv_reader_get_field (reader, i);
      gsize length = tend_csv_reader_get_field_length (reader, i);

      trim_cell (&cell, &length);
      if (length > 0)
        return FALSE;
    }

  return TRUE;
}

/* A row the reader could not read whole: rejected, and the import goes on. */
static RowResult
session_reject_unreadable (ImportSession *s,
                           GError        *reader_error)
{
  guint n_fields = tend_csv_reader_get_n_fields (s->reader);

  s->row.line = tend_csv_reader_get_line (s->reader);

  if (g_error_matches (reader_error, TEND_CSV_ERROR, TEND_CSV_ERROR_FIELD_COUNT))
    {
      if (csv_cells_empty (s->reader))
        return ROW_EMPTY;

      s->n_read++;
      s->n_rejected++;
      session_reject (s, TEND_IMPORT_FIELD_NONE,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "The row has %u column; the header has %u.",
                                   "The row has %u columns; the header has %u.", n_fields),
                      n_fields, s->n_columns);
      return ROW_REJECTED;
    }

  s->n_read++;
  s->n_rejected++;
  session_reject (s, TEND_IMPORT_FIELD_NONE,
                  _("A quoted value starts on this line and is never closed; the file may "
                    "have been cut short."));
  return ROW_REJECTED;
}

static RowResult
session_next_row (ImportSession  *s,
                  GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  ImportRow *row = &s->row;

  row_reset (row);

  if (!tend_csv_reader_next (s->reader, &local_error))
    {
      if (local_error == NULL)
        return ROW_END;

      if (g_error_matches (local_error, TEND_CSV_ERROR, TEND_CSV_ERROR_FIELD_COUNT) ||
          g_error_matches (local_error, TEND_CSV_ERROR, TEND_CSV_ERROR_TRUNCATED))
        return session_reject_unreadable (s, local_error);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return ROW_FAILED;
    }

  row->line = tend_csv_reader_get_line (s->reader);

  if (!session_collect_cells (s))
    return ROW_EMPTY;

  s->n_read++;
  session_check_row (s);

  if (row->n_problems > 0)
    {
      s->n_rejected++;
      return ROW_REJECTED;
    }

  return ROW_VALID;
}

/* Writing rows: the statements are prepared once per import. */
typedef struct
{
  TendStore     *store;
  ImportSession *session;
  sqlite3_stmt  *find_account;
  sqlite3_stmt  *insert_account;
  sqlite3_stmt  *update_account;
  sqlite3_stmt  *insert_source;
  sqlite3_stmt  *upsert_subscription;
  sqlite3_stmt  *recompute_account;
  sqlite3_stmt  *find_csm_by_email;
  sqlite3_stmt  *find_csm_by_name;
  sqlite3_stmt  *insert_csm;
  GHashTable    *owners;
  gboolean       source_was_empty;
  char          *subscription_source;
  char          *product;
  guint          n_inserted;
  guint          n_updated;
} Writer;

/* The parameters shared by the insert and the update of an account. */
enum {
  P_NAME = 1,
  P_DOMAIN,
  P_OWNER,
  P_SEGMENT,
  P_STAGE,
  P_START,
  P_STATUS,
  P_CHURN_DATE,
  P_CHURN_REASON,
  P_SEATS,
  P_ATTRIBUTES,
  P_ARR,
  P_CURRENCY,
  P_RENEWAL,
  P_AS_OF,
  P_ID,
};

static const char insert_account_sql[] =
  "INSERT INTO accounts (name, domain, owner_id, segment, lifecycle_stage, start_date, status,"
  " churn_date, churn_reason, licensed_seats, attributes, arr_minor, currency, renewal_date)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, 'active'),"
  " CASE WHEN ?7 = 'churned' THEN coalesce(?8, ?15) END, ?9, ?10, ?11, ?12, ?13,"
  " CASE WHEN ?7 IS NOT 'churned' THEN ?14 END)";

static const char upsert_subscription_sql[] =
  "INSERT INTO subscriptions (account_id, source, external_id, product, amount_minor,"
  " currency, billing_interval, start_date, renewal_date, end_date, status)"
  " SELECT a.id, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, a.start_date),"
  " CASE WHEN a.status = 'churned' THEN NULL ELSE ?9 END,"
  " CASE WHEN a.status = 'churned' THEN a.churn_date END,"
  " CASE a.status WHEN 'churned' THEN 'canceled' WHEN 'trial' THEN 'trialing'"
  " ELSE 'active' END"
  " FROM accounts a WHERE a.id = ?1"
  " ON CONFLICT (source, external_id) DO UPDATE SET account_id = excluded.account_id,"
  " product = excluded.product, amount_minor = excluded.amount_minor,"
  " currency = excluded.currency, billing_interval = excluded.billing_interval,"
  " start_date = excluded.start_date, renewal_date = excluded.renewal_date,"
  " end_date = excluded.end_date, status = excluded.status";

/* ARR counts the subscriptions that bill; a churned account keeps the ARR it had when it
 * churned (its canceled subscriptions), so that lost ARR can be told and measures on ARR
 * do not give away which accounts churned. */
static const char recompute_account_sql[] =
  "UPDATE accounts SET"
  " arr_minor = (SELECT coalesce(sum(s.amount_minor * s.quantity * CASE s.billing_interval"
  "   WHEN 'month' THEN 12 WHEN 'quarter' THEN 4 WHEN 'year' THEN 1 ELSE 0 END), 0)"
  "   FROM subscriptions s WHERE s.account_id = accounts.id AND s.currency = accounts.currency"
  "   AND (s.status IN ('active', 'trialing', 'past_due')"
  "        OR (accounts.status = 'churned' AND s.status = 'canceled'))),"
  " renewal_date = CASE WHEN accounts.status = 'churned' THEN NULL ELSE"
  "   (SELECT min(s.renewal_date) FROM subscriptions s WHERE s.account_id = accounts.id"
  "    AND s.status IN ('active', 'trialing', 'past_due')) END"
  " WHERE id = ?1";

/* Only the fields the file has are updated, and an empty cell never erases a value. */
static char *
build_update_sql (ImportSession *s)
{
  GString *sql = g_string_new ("UPDATE accounts SET updated_at = unixepoch()");
  const int *has = s->column_of;
  gboolean status_known = has[TEND_IMPORT_FIELD_STATUS] >= 0 ||
                          has[TEND_IMPORT_FIELD_CHURNED] >= 0 ||
                          has[TEND_IMPORT_FIELD_CHURN_DATE] >= 0;

  if (has[TEND_IMPORT_FIELD_NAME] >= 0)
    g_string_append (sql, ", name = coalesce(?1, name)");
  if (has[TEND_IMPORT_FIELD_DOMAIN] >= 0)
    g_string_append (sql, ", domain = coalesce(?2, domain)");
  if (has[TEND_IMPORT_FIELD_OWNER] >= 0)
    g_string_append (sql, ", owner_id = coalesce(?3, owner_id)");
  if (has[TEND_IMPORT_FIELD_SEGMENT] >= 0)
    g_string_append (sql, ", segment = coalesce(?4, segment)");
  if (has[TEND_IMPORT_FIELD_LIFECYCLE_STAGE] >= 0)
    g_string_append (sql, ", lifecycle_stage = coalesce(?5, lifecycle_stage)");
  if (has[TEND_IMPORT_FIELD_START_DATE] >= 0 || has[TEND_IMPORT_FIELD_TENURE_MONTHS] >= 0)
    g_string_append (sql, ", start_date = coalesce(?6, start_date)");
  if (status_known)
    g_string_append (sql, ", status = coalesce(?7, status), churn_date = CASE"
                          " WHEN coalesce(?7, status) = 'churned'"
                          " THEN coalesce(?8, churn_date, ?15) END");
  if (has[TEND_IMPORT_FIELD_CHURN_REASON] >= 0)
    g_string_append (sql, ", churn_reason = coalesce(?9, churn_reason)");
  if (has[TEND_IMPORT_FIELD_LICENSED_SEATS] >= 0)
    g_string_append (sql, ", licensed_seats = coalesce(?10, licensed_seats)");
  g_string_append (sql, ", attributes = json_patch(attributes, ?11)");
  if (has[TEND_IMPORT_FIELD_CURRENCY] >= 0 || s->has_money)
    g_string_append (sql, ", currency = coalesce(?13, currency)");
  if (!s->has_money &&
      (has[TEND_IMPORT_FIELD_RENEWAL_DATE] >= 0 || has[TEND_IMPORT_FIELD_CONTRACT] >= 0))
    g_string_append (sql, ", renewal_date = CASE WHEN coalesce(?7, status) = 'churned'"
                          " THEN NULL ELSE coalesce(?14, renewal_date) END");
  g_string_append (sql, " WHERE id = ?16");

  return g_string_free (sql, FALSE);
}

static void
writer_clear (Writer *w)
{
  g_clear_pointer (&w->owners, g_hash_table_unref);
  g_clear_pointer (&w->subscription_source, g_free);
  g_clear_pointer (&w->product, g_free);
}

static gboolean
writer_source_is_empty (Writer      *w,
                        const char  *source,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (w->store,
                             "SELECT EXISTS (SELECT 1 FROM account_sources WHERE source = ?1)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      tend_store_set_error (w->store, error, rc, _("read the workspace"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  w->source_was_empty = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
writer_init (Writer         *w,
             TendStore      *store,
             ImportSession  *s,
             GError        **error)
{
  TendImportMapping *mapping = s->job->mapping;
  const char *product = tend_import_mapping_get_product (mapping);
  g_autofree char *update_sql = build_update_sql (s);

  memset (w, 0, sizeof *w);
  w->store = store;
  w->session = s;
  w->owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w->subscription_source = g_strconcat ("csv:", tend_import_mapping_get_name (mapping), NULL);
  w->product = g_strdup (product != NULL ? product : tend_import_mapping_get_name (mapping));

  if (!writer_source_is_empty (w, tend_import_mapping_get_source (mapping), error))
    return FALSE;

  return
    (w->find_account = tend_store_prepare (store,
                                           "SELECT account_id FROM account_sources"
                                           " WHERE source = ?1 AND external_id = ?2",
                                           error)) != NULL &&
    (w->insert_account = tend_store_prepare (store, insert_account_sql, error)) != NULL &&
    (w->update_account = tend_store_prepare (store, update_sql, error)) != NULL &&
    (w->insert_source = tend_store_prepare (store,
                                            "INSERT INTO account_sources"
                                            " (source, external_id, account_id)"
                                            " VALUES (?1, ?2, ?3)",
                                            error)) != NULL &&
    (w->upsert_subscription = tend_store_prepare (store, upsert_subscription_sql,
                                                  error)) != NULL &&
    (w->recompute_account = tend_store_prepare (store, recompute_account_sql, error)) != NULL &&
    (w->find_csm_by_email = tend_store_prepare (store,
                                                "SELECT id FROM csms"
                                                " WHERE email = ?1 COLLATE NOCASE"
                                                " ORDER BY id LIMIT 1",
                                                error)) != NULL &&
    (w->find_csm_by_name = tend_store_prepare (store,
                                               "SELECT id FROM csms"
                                               " WHERE name = ?1 COLLATE NOCASE"
                                               " ORDER BY id LIMIT 1",
                                               error)) != NULL &&
    (w->insert_csm = tend_store_prepare (store,
                                         "INSERT INTO csms (name, email) VALUES (?1, ?2)",
                                         error)) != NULL;
}

/* Steps a statement that returns at most one id; 0 when it returns none. */
static gboolean
writer_lookup_id (Writer        *w,
                  sqlite3_stmt  *stmt,
                  gint64        *id,
                  GError       **error)
{
  int rc = sqlite3_step (stmt);

  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      tend_store_set_error (w->store, error, rc, _("read the workspace"));
      return FALSE;
    }

  return TRUE;
}

/* The owner is a CSM's e-mail address or name; one not yet in the workspace is added. */
static gboolean
writer_find_owner (Writer      *w,
                   const char  *owner,
                   gint64      *id,
                   GError     **error)
{
  gboolean is_email = strchr (owner, '@') != NULL;
  sqlite3_stmt *find = is_email ? w->find_csm_by_email : w->find_csm_by_name;
  gint64 *cached = g_hash_table_lookup (w->owners, owner);

  if (cached != NULL)
    {
      *id = *cached;
      return TRUE;
    }

  sqlite3_bind_text (find, 1, owner, -1, SQLITE_STATIC);
  if (!writer_lookup_id (w, find, id, error))
    return FALSE;

  if (*id == 0)
    {
      sqlite3_bind_text (w->insert_csm, 1, owner, -1, SQLITE_STATIC);
      if (is_email)
        sqlite3_bind_text (w->insert_csm, 2, owner, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (w->insert_csm, 2);

      if (!tend_store_step_done (w->store, w->insert_csm, error))
        return FALSE;

      *id = sqlite3_last_insert_rowid (tend_store_get_db (w->store));
    }

  g_hash_table_insert (w->owners, g_strdup (owner), g_memdup2 (id, sizeof *id));

  return TRUE;
}

static void
bind_optional_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           index,
                   gint64        value)
{
  if (value >= 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static void
writer_bind_account (Writer       *w,
                     sqlite3_stmt *stmt,
                     gint64        owner_id)
{
  ImportSession *s = w->session;
  ImportRow *row = &s->row;

  bind_optional_text (stmt, P_NAME, row_text (row, TEND_IMPORT_FIELD_NAME));
  bind_optional_text (stmt, P_DOMAIN, row_text (row, TEND_IMPORT_FIELD_DOMAIN));
  bind_optional_int (stmt, P_OWNER, owner_id > 0 ? owner_id : -1);
  bind_optional_text (stmt, P_SEGMENT, row_text (row, TEND_IMPORT_FIELD_SEGMENT));
  bind_optional_text (stmt, P_STAGE, row_text (row, TEND_IMPORT_FIELD_LIFECYCLE_STAGE));
  bind_optional_text (stmt, P_START, row->start_iso);
  bind_optional_text (stmt, P_STATUS, row->status);
  bind_optional_text (stmt, P_CHURN_DATE, row->churn_iso);
  bind_optional_text (stmt, P_CHURN_REASON, row_text (row, TEND_IMPORT_FIELD_CHURN_REASON));
  bind_optional_int (stmt, P_SEATS, row->seats);
  sqlite3_bind_text (stmt, P_ATTRIBUTES, row->attributes->str, (int)row->attributes->len,
                     SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, P_ARR, row->annual_minor);
  bind_optional_text (stmt, P_CURRENCY,
                      row->present[TEND_IMPORT_FIELD_CURRENCY] || s->has_money ? row->currency
                                                                               : NULL);
  bind_optional_text (stmt, P_RENEWAL, row->renewal_iso);
  sqlite3_bind_text (stmt, P_AS_OF, s->as_of_iso, -1, SQLITE_STATIC);
}

static gboolean
writer_insert_account (Writer  *w,
                       gint64   owner_id,
                       gint64  *account_id,
                       GError **error)
{
  ImportSession *s = w->session;
  ImportRow *row = &s->row;
  const char *external_id = row_text (row, TEND_IMPORT_FIELD_EXTERNAL_ID);
  const char *name = row_text (row, TEND_IMPORT_FIELD_NAME);

  writer_bind_account (w, w->insert_account, owner_id);

  /* A file without names (such as the Telco data) names accounts by their external id. */
  sqlite3_bind_text (w->insert_account, P_NAME, name != NULL ? name : external_id, -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (w->insert_account, P_CURRENCY, row->currency, -1, SQLITE_STATIC);

  if (!tend_store_step_done (w->store, w->insert_account, error))
    return FALSE;

  *account_id = sqlite3_last_insert_rowid (tend_store_get_db (w->store));

  sqlite3_bind_text (w->insert_source, 1, tend_import_mapping_get_source (s->job->mapping), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (w->insert_source, 2, external_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (w->insert_source, 3, *account_id);

  return tend_store_step_done (w->store, w->insert_source, error);
}

static gboolean
writer_update_account (Writer  *w,
                       gint64   owner_id,
                       gint64   account_id,
                       GError **error)
{
  writer_bind_account (w, w->update_account, owner_id);
  sqlite3_bind_int64 (w->update_account, P_ID, account_id);

  return tend_store_step_done (w->store, w->update_account, error);
}

static gboolean
writer_find_account (Writer  *w,
                     gint64  *account_id,
                     GError **error)
{
  ImportSession *s = w->session;

  *account_id = 0;
  if (w->source_was_empty)
    return TRUE;

  sqlite3_bind_text (w->find_account, 1, tend_import_mapping_get_source (s->job->mapping), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (w->find_account, 2, row_text (&s->row, TEND_IMPORT_FIELD_EXTERNAL_ID), -1,
                     SQLITE_STATIC);

  return writer_lookup_id (w, w->find_account, account_id, error);
}

static gboolean
writer_write_subscription (Writer  *w,
                           gint64   account_id,
                           gboolean recompute,
                           GError **error)
{
  ImportRow *row = &w->session->row;
  sqlite3_stmt *stmt = w->upsert_subscription;

  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_text (stmt, 2, w->subscription_source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, row_text (row, TEND_IMPORT_FIELD_EXTERNAL_ID), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, w->product, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, row->amount_minor);
  sqlite3_bind_text (stmt, 6, row->currency, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, row->interval, -1, SQLITE_STATIC);
  bind_optional_text (stmt, 8, row->start_iso);
  bind_optional_text (stmt, 9, row->renewal_iso);

  if (!tend_store_step_done (w->store, stmt, error))
    return FALSE;

  /* A new account got its ARR and renewal with the insert; an old one may have other
   * subscriptions, so its figures are summed again. */
  if (!recompute)
    return TRUE;

  sqlite3_bind_int64 (w->recompute_account, 1, account_id);

  return tend_store_step_done (w->store, w->recompute_account, error);
}

static gboolean
writer_write_row (Writer  *w,
                  GError **error)
{
  ImportRow *row = &w->session->row;
  const char *owner = row_text (row, TEND_IMPORT_FIELD_OWNER);
  gint64 owner_id = 0;
  gint64 account_id = 0;
  gboolean existed;

  if (owner != NULL && !writer_find_owner (w, owner, &owner_id, error))
    return FALSE;

  if (!writer_find_account (w, &account_id, error))
    return FALSE;

  existed = account_id != 0;
  if (existed)
    {
      if (!writer_update_account (w, owner_id, account_id, error))
        return FALSE;
      w->n_updated++;
    }
  else
    {
      if (!writer_insert_account (w, owner_id, &account_id, error))
        return FALSE;
      w->n_inserted++;
    }

  if (!row->has_money)
    return TRUE;

  return writer_write_subscription (w, account_id, existed, error);
}

static void
report_problem_cb (gpointer    sink,
                   guint       line,
                   const char *column,
                   const char *reason)
{
  tend_import_report_add_problem (sink, line, column, reason);
}

static void
preview_problem_cb (gpointer    sink,
                    guint       line,
                    const char *column,
                    const char *reason)
{
  tend_import_preview_add_problem (sink, line, column, reason);
}

static void
tell_progress (ImportSession          *s,
               TendImportProgressFunc  progress,
               gpointer                progress_data)
{
  if (progress != NULL)
    progress (s->n_read, (goffset)tend_csv_reader_get_offset (s->reader),
              tend_csv_reader_get_size (s->reader), progress_data);
}

static gboolean
import_rows (ImportSession           *s,
             Writer                  *w,
             GCancellable            *cancellable,
             TendImportProgressFunc   progress,
             gpointer                 progress_data,
             GError                 **error)
{
  gboolean all_or_nothing = s->job->policy == TEND_IMPORT_POLICY_ALL_OR_NOTHING;

  for (;;)
    {
      RowResult result;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      result = session_next_row (s, error);
      if (result == ROW_FAILED)
        return FALSE;
      if (result == ROW_END)
        return TRUE;

      /* Once an all-or-nothing import has a bad row, the rest is only checked. */
      if (result == ROW_VALID && !(all_or_nothing && s->n_rejected > 0) &&
          !writer_write_row (w, error))
        return FALSE;

      if (result != ROW_EMPTY && s->n_read % PROGRESS_EVERY == 0)
        tell_progress (s, progress, progress_data);
    }
}

static TendImportReport *
import_run (const ImportJob         *job,
            TendStore               *store,
            GCancellable            *cancellable,
            TendImportProgressFunc   progress,
            gpointer                 progress_data,
            GError                 **error)
{
  g_autoptr(TendImportReport) report = tend_import_report_new ();
  ImportSession s;
  Writer w = { 0 };
  gboolean committed = FALSE;
  gboolean ok;

  session_init (&s, job);
  s.problem = report_problem_cb;
  s.problem_sink = report;

  ok = session_open (&s, error);
  if (ok)
    session_report_missing_columns (&s);

  ok = ok && tend_store_begin (store, error);
  if (ok)
    {
      if (!writer_init (&w, store, &s, error) ||
          !import_rows (&s, &w, cancellable, progress, progress_data, error))
        {
          tend_store_rollback (store);
          ok = FALSE;
        }
      else if (job->policy == TEND_IMPORT_POLICY_ALL_OR_NOTHING && s.n_rejected > 0)
        tend_store_rollback (store);
      else
        ok = committed = tend_store_commit (store, error);
    }

  if (ok)
    {
      tell_progress (&s, progress, progress_data);
      tend_import_report_set_encoding (report, tend_csv_reader_get_encoding (s.reader));
      tend_import_report_set_counts (report, s.n_read,
                                     committed ? w.n_inserted : 0,
                                     committed ? w.n_updated : 0,
                                     committed ? s.n_rejected : s.n_read,
                                     s.n_rejected, committed);
      g_message ("Import finished: %u rows read, %u accounts added, %u updated, %u rejected%s",
                 s.n_read, tend_import_report_get_n_inserted (report),
                 tend_import_report_get_n_updated (report), s.n_rejected,
                 committed ? "" : ", nothing saved");
    }

  writer_clear (&w);
  session_clear (&s);

  return ok ? g_steal_pointer (&report) : NULL;
}

static char *
format_money (ImportRow *row,
              gint64     minor)
{
  return tend_money_format (minor, row->currency);
}

static char *
format_term (int months)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", months),
                          months);
}

/* The values a preview shows for a row: what the import would store. */
static char **
session_row_values (ImportSession *s)
{
  ImportRow *row = &s->row;
  char **values = g_new0 (char *, TEND_IMPORT_N_FIELDS);
  gboolean churned = g_strcmp0 (row->status, "churned") == 0;
  const char *external_id = row_text (row, TEND_IMPORT_FIELD_EXTERNAL_ID);
  const char *name = row_text (row, TEND_IMPORT_FIELD_NAME);
  static const TendImportField texts[] = {
    TEND_IMPORT_FIELD_EXTERNAL_ID, TEND_IMPORT_FIELD_DOMAIN, TEND_IMPORT_FIELD_OWNER,
    TEND_IMPORT_FIELD_SEGMENT, TEND_IMPORT_FIELD_LIFECYCLE_STAGE, TEND_IMPORT_FIELD_CHURN_REASON,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    values[texts[i]] = g_strdup (row_text (row, texts[i]));

  values[TEND_IMPORT_FIELD_NAME] = g_strdup (name != NULL ? name : external_id);
  values[TEND_IMPORT_FIELD_START_DATE] = tend_day_to_iso (row->start_day);
  if (row->tenure >= 0)
    values[TEND_IMPORT_FIELD_TENURE_MONTHS] = g_strdup_printf ("%" G_GINT64_FORMAT, row->tenure);
  values[TEND_IMPORT_FIELD_STATUS] = g_strdup (row->status);
  if (row->present[TEND_IMPORT_FIELD_CHURNED] && row->status != NULL)
    values[TEND_IMPORT_FIELD_CHURNED] = g_strdup (churned ? "yes" : "no");
  if (churned)
    values[TEND_IMPORT_FIELD_CHURN_DATE] = g_strdup (*row->churn_iso ? row->churn_iso
                                                                     : s->as_of_iso);
  if (row->seats >= 0)
    values[TEND_IMPORT_FIELD_LICENSED_SEATS] = g_strdup_printf ("%" G_GINT64_FORMAT, row->seats);
  if (row->has_money && s->column_of[TEND_IMPORT_FIELD_MRR] >= 0)
    values[TEND_IMPORT_FIELD_MRR] = format_money (row, row->money_minor);
  if (row->has_money)
    values[TEND_IMPORT_FIELD_ARR] = format_money (row, row->annual_minor);
  if (row->has_money || row->present[TEND_IMPORT_FIELD_CURRENCY])
    values[TEND_IMPORT_FIELD_CURRENCY] = g_strdup (row->currency);
  if (row->term_months > 0)
    values[TEND_IMPORT_FIELD_CONTRACT] = format_term (row->term_months);
  if (!churned)
    values[TEND_IMPORT_FIELD_RENEWAL_DATE] = tend_day_to_iso (row->renewal_day);
  if (s->has_adoption)
    {
      values[TEND_IMPORT_FIELD_FEATURE] = g_strdup (row->adopted->str);
      values[TEND_IMPORT_FIELD_PRODUCT] = g_strdup (row->adopted->str);
    }
  values[TEND_IMPORT_FIELD_ATTRIBUTE] = g_strdup (row->attributes->str);
  values[TEND_IMPORT_FIELD_NONE] = g_strdup (row->attributes->str);

  return values;
}

static TendImportPreview *
import_preview (const ImportJob  *job,
                guint             max_rows,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(TendImportPreview) preview = NULL;
  g_autofree TendImportField *fields = NULL;
  ImportSession s;
  RowResult result = ROW_EMPTY;

  session_init (&s, job);
  if (!session_open (&s, error))
    {
      session_clear (&s);
      return NULL;
    }

  fields = g_new0 (TendImportField, MAX (s.n_columns, 1));
  for (guint i = 0; i < s.n_columns; i++)
    fields[i] = s.plan[i].field;

  preview = tend_import_preview_new ((const char * const *)s.header, fields,
                                     tend_csv_reader_get_encoding (s.reader));
  s.problem = preview_problem_cb;
  s.problem_sink = preview;
  session_report_missing_columns (&s);

  while (result != ROW_END && result != ROW_FAILED)
    {
      result = session_next_row (&s, error);

      if ((result == ROW_VALID || result == ROW_REJECTED) &&
          tend_import_preview_get_n_rows (preview) < max_rows)
        tend_import_preview_add_row (preview, tend_csv_reader_dup_record (s.reader), s.row.line,
                                     result == ROW_VALID, session_row_values (&s));

      if (s.n_read % PROGRESS_EVERY == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, error))
        result = ROW_FAILED;
    }

  tend_import_preview_set_encoding (preview, tend_csv_reader_get_encoding (s.reader));
  tend_import_preview_set_counts (preview, s.n_read, s.n_rejected);
  session_clear (&s);

  return result == ROW_END ? g_steal_pointer (&preview) : NULL;
}

static void
tend_importer_finalize (GObject *object)
{
  TendImporter *self = (TendImporter *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tend_importer_parent_class)->finalize (object);
}

static void
tend_importer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TendImporter *self = TEND_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MAPPING:
      g_value_set_object (value, self->mapping);
      break;
    case PROP_POLICY:
      g_value_set_enum (value, self->policy);
      break;
    case PROP_AS_OF:
      g_value_set_int (value, self->as_of);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_importer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TendImporter *self = TEND_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PATH:
      tend_importer_set_path (self, g_value_get_string (value));
      break;
    case PROP_MAPPING:
      tend_importer_set_mapping (self, g_value_get_object (value));
      break;
    case PROP_POLICY:
      tend_importer_set_policy (self, g_value_get_enum (value));
      break;
    case PROP_AS_OF:
      tend_importer_set_as_of (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_importer_class_init (TendImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_importer_finalize;
  object_class->get_property = tend_importer_get_property;
  object_class->set_property = tend_importer_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TEND_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAPPING] =
    g_param_spec_object ("mapping", NULL, NULL, TEND_TYPE_IMPORT_MAPPING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLICY] =
    g_param_spec_enum ("policy", NULL, NULL,
                       TEND_TYPE_IMPORT_POLICY, TEND_IMPORT_POLICY_SKIP_BAD_ROWS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The day the import counts from: tenure, renewals and churn dates without a date. */
  properties[PROP_AS_OF] =
    g_param_spec_int ("as-of", NULL, NULL, G_MININT + 1, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_importer_init (TendImporter *self)
{
  self->policy = TEND_IMPORT_POLICY_SKIP_BAD_ROWS;
  self->as_of = tend_day_today ();
}

/**
 * tend_importer_new:
 * @store: (nullable): the workspace to import into; a preview needs none
 * @path: (nullable): the CSV file
 * @mapping: (nullable): how its columns become account fields
 *
 * The import skips bad rows and counts from today (tend_day_today()) unless told
 * otherwise.
 */
TendImporter *
tend_importer_new (TendStore         *store,
                   const char        *path,
                   TendImportMapping *mapping)
{
  g_return_val_if_fail (store == NULL || TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (mapping == NULL || TEND_IS_IMPORT_MAPPING (mapping), NULL);

  return g_object_new (TEND_TYPE_IMPORTER,
                       "store", store,
                       "path", path,
                       "mapping", mapping,
                       NULL);
}

TendStore *
tend_importer_get_store (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);

  return self->store;
}

const char *
tend_importer_get_path (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);

  return self->path;
}

void
tend_importer_set_path (TendImporter *self,
                        const char   *path)
{
  g_return_if_fail (TEND_IS_IMPORTER (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

TendImportMapping *
tend_importer_get_mapping (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);

  return self->mapping;
}

void
tend_importer_set_mapping (TendImporter      *self,
                           TendImportMapping *mapping)
{
  g_return_if_fail (TEND_IS_IMPORTER (self));
  g_return_if_fail (mapping == NULL || TEND_IS_IMPORT_MAPPING (mapping));

  if (g_set_object (&self->mapping, mapping))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAPPING]);
}

TendImportPolicy
tend_importer_get_policy (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), TEND_IMPORT_POLICY_SKIP_BAD_ROWS);

  return self->policy;
}

void
tend_importer_set_policy (TendImporter     *self,
                          TendImportPolicy  policy)
{
  g_return_if_fail (TEND_IS_IMPORTER (self));

  if (self->policy == policy)
    return;

  self->policy = policy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

TendDay
tend_importer_get_as_of (TendImporter *self)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), TEND_DAY_INVALID);

  return self->as_of;
}

void
tend_importer_set_as_of (TendImporter *self,
                         TendDay       as_of)
{
  g_return_if_fail (TEND_IS_IMPORTER (self));
  g_return_if_fail (as_of != TEND_DAY_INVALID);

  if (self->as_of == as_of)
    return;

  self->as_of = as_of;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

/**
 * tend_importer_read_header:
 *
 * Reads only the file's header, so that a mapping can be guessed before the preview.
 *
 * Returns: (transfer full) (nullable): the column names
 */
char **
tend_importer_read_header (TendImporter  *self,
                           GError       **error)
{
  g_autoptr(TendCsvReader) reader = NULL;

  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (self->path != NULL, NULL);

  reader = tend_csv_reader_new_for_path (self->path, error);
  if (reader == NULL)
    return NULL;

  return tend_csv_reader_read_header (reader, error);
}

/**
 * tend_importer_preview:
 * @max_rows: how many of the first rows to keep for display
 *
 * Reads the whole file and checks every row against the mapping without writing
 * anything. Rejected rows are kept among the first rows too, with their cells as read
 * (a row with the wrong number of columns has that many cells).
 *
 * Returns: (transfer full) (nullable): the preview, or %NULL with @error set when the
 *   file cannot be read, the mapping cannot import it, or @cancellable was cancelled
 */
TendImportPreview *
tend_importer_preview (TendImporter  *self,
                       guint          max_rows,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(ImportJob) job = NULL;

  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  job = import_job_new (self);
  if (!import_job_check (job, error))
    return NULL;

  return import_preview (job, max_rows, cancellable, error);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const ImportJob *job = task_data;
  GError *error = NULL;
  TendImportPreview *preview;

  preview = import_preview (job, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task),
                                                                        "max-rows")),
                            cancellable, &error);
  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, g_object_unref);
}

/**
 * tend_importer_preview_async:
 *
 * Makes the preview in a worker thread; see tend_importer_preview().
 */
void
tend_importer_preview_async (TendImporter        *self,
                             guint                max_rows,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ImportJob *job;

  g_return_if_fail (TEND_IS_IMPORTER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_importer_preview_async);

  job = import_job_new (self);
  g_task_set_task_data (task, job, (GDestroyNotify)import_job_free);
  if (!import_job_check (job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_object_set_data (G_OBJECT (task), "max-rows", GUINT_TO_POINTER (max_rows));
  g_task_run_in_thread (task, preview_thread);
}

TendImportPreview *
tend_importer_preview_finish (TendImporter  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tend_importer_run:
 * @cancellable: (nullable): cancels the import; nothing is then saved
 * @progress: (nullable) (scope call): told how far the import is
 *
 * Imports the file in one transaction. Each row is checked; a rejected row is reported
 * with its line, column and reason. With %TEND_IMPORT_POLICY_SKIP_BAD_ROWS the good rows
 * are saved; with %TEND_IMPORT_POLICY_ALL_OR_NOTHING a single bad row saves nothing, and
 * the report says so (tend_import_report_get_committed() is %FALSE) rather than an error.
 *
 * Accounts are matched by the mapping's source and the external ID, so importing the
 * same file again updates them. On update, only the fields the file has are written and
 * an empty cell keeps the value the account had; custom attributes are merged.
 *
 * On success, with something saved, the store emits "changed" with "accounts".
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set when the
 *   file cannot be read, the mapping cannot import it, the workspace cannot be written
 *   or the import was cancelled; the workspace is then as it was before
 */
TendImportReport *
tend_importer_run (TendImporter            *self,
                   GCancellable            *cancellable,
                   TendImportProgressFunc   progress,
                   gpointer                 progress_data,
                   GError                 **error)
{
  g_autoptr(ImportJob) job = NULL;
  TendImportReport *report;

  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (TEND_IS_STORE (self->store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  job = import_job_new (self);
  if (!import_job_check (job, error))
    return NULL;

  report = import_run (job, self->store, cancellable, progress, progress_data, error);

  if (report != NULL && tend_import_report_get_n_inserted (report) +
                        tend_import_report_get_n_updated (report) > 0)
    tend_store_emit_changed (self->store, "accounts");

  return report;
}

/* Progress from the worker thread, told in the caller's main context. Only the latest
 * figures matter, so at most one report waits there at a time. */
typedef struct
{
  GMutex                  lock;
  GMainContext           *context;
  TendImportProgressFunc  func;
  gpointer                data;
  GDestroyNotify          destroy;
  gboolean                pending;
  guint                   rows;
  goffset                 bytes;
  goffset                 total;
} ProgressRelay;

static ProgressRelay *
progress_relay_new (TendImportProgressFunc func,
                    gpointer               data,
                    GDestroyNotify         destroy)
{
  ProgressRelay *relay = g_atomic_rc_box_new0 (ProgressRelay);

  g_mutex_init (&relay->lock);
  relay->context = g_main_context_ref_thread_default ();
  relay->func = func;
  relay->data = data;
  relay->destroy = destroy;

  return relay;
}

static void
progress_relay_clear (gpointer data)
{
  ProgressRelay *relay = data;

  g_mutex_clear (&relay->lock);
  g_main_context_unref (relay->context);
}

static void
progress_relay_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, progress_relay_clear);
}

static gboolean
progress_relay_deliver (gpointer data)
{
  ProgressRelay *relay = data;
  TendImportProgressFunc func;
  guint rows;
  goffset bytes, total;

  g_mutex_lock (&relay->lock);
  relay->pending = FALSE;
  func = relay->func;
  rows = relay->rows;
  bytes = relay->bytes;
  total = relay->total;
  g_mutex_unlock (&relay->lock);

  if (func != NULL)
    func (rows, bytes, total, relay->data);

  return G_SOURCE_REMOVE;
}

static void
progress_relay_post (guint    rows,
                     goffset  bytes,
                     goffset  total,
                     gpointer data)
{
  ProgressRelay *relay = data;
  gboolean schedule;

  g_mutex_lock (&relay->lock);
  relay->rows = rows;
  relay->bytes = bytes;
  relay->total = total;
  schedule = !relay->pending && relay->func != NULL;
  relay->pending = relay->pending || schedule;
  g_mutex_unlock (&relay->lock);

  if (schedule)
    g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, progress_relay_deliver,
                                g_atomic_rc_box_acquire (relay), progress_relay_unref);
}

/* Called in the caller's context when the import is over: no progress comes after. */
static void
progress_relay_stop (ProgressRelay *relay)
{
  GDestroyNotify destroy;
  gpointer data;

  g_mutex_lock (&relay->lock);
  relay->func = NULL;
  destroy = relay->destroy;
  data = relay->data;
  relay->destroy = NULL;
  g_mutex_unlock (&relay->lock);

  if (destroy != NULL)
    destroy (data);
}

typedef struct
{
  ImportJob     *job;
  TendStore     *store;
  ProgressRelay *relay;
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  import_job_free (run->job);
  g_clear_object (&run->store);
  progress_relay_unref (run->relay);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *run = task_data;
  g_autoptr(TendStore) sibling = NULL;
  GError *error = NULL;
  TendImportReport *report;

  /* A connection serves one thread: the worker writes through its own. */
  sibling = tend_store_open_sibling (run->store, &error);
  if (sibling == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  report = import_run (run->job, sibling, cancellable, progress_relay_post, run->relay, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

static void
run_thread_done_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *run = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  TendImportReport *report;

  progress_relay_stop (run->relay);

  report = g_task_propagate_pointer (G_TASK (result), &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (tend_import_report_get_n_inserted (report) + tend_import_report_get_n_updated (report) > 0)
    tend_store_emit_changed (run->store, "accounts");

  g_task_return_pointer (task, report, g_object_unref);
}

/**
 * tend_importer_run_async:
 * @progress: (nullable): told in the caller's main context, never after @callback
 * @progress_destroy: (nullable): frees @progress_data when the import is over
 *
 * Runs tend_importer_run() in a worker thread with its own connection to the workspace
 * (tend_store_open_sibling()). The importer's file, mapping, policy and day are taken as
 * they are now; changing them later does not affect this import. When something was
 * saved, the importer's store emits "changed" with "accounts" in the caller's context
 * before @callback runs.
 */
void
tend_importer_run_async (TendImporter           *self,
                         GCancellable           *cancellable,
                         TendImportProgressFunc  progress,
                         gpointer                progress_data,
                         GDestroyNotify          progress_destroy,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GError) error = NULL;
  RunData *run;

  g_return_if_fail (TEND_IS_IMPORTER (self));
  g_return_if_fail (TEND_IS_STORE (self->store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tend_importer_run_async);

  /* A cancel that comes too late to stop the commit must not hide that it was saved. */
  g_task_set_check_cancellable (task, FALSE);

  run = g_new0 (RunData, 1);
  run->job = import_job_new (self);
  run->store = g_object_ref (self->store);
  run->relay = progress_relay_new (progress, progress_data, progress_destroy);

  if (!import_job_check (run->job, &error))
    {
      progress_relay_stop (run->relay);
      run_data_free (run);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  worker = g_task_new (self, cancellable, run_thread_done_cb, g_steal_pointer (&task));
  g_task_set_check_cancellable (worker, FALSE);
  g_task_set_task_data (worker, run, run_data_free);
  g_task_run_in_thread (worker, run_thread);
}

TendImportReport *
tend_importer_run_finish (TendImporter  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (TEND_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
