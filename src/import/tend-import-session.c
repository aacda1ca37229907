/* tend-import-session.c: reading and checking the rows of an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session reads the file once and checks each row against the mapping, in two passes:
 * first each cell goes to its field, its custom attribute or the list of adopted
 * features; then each field's text is read for what it means, in the order the fields
 * depend on each other. Cell texts go into per-field strings that every row reuses, and
 * the attributes are written as JSON text directly, so that a row costs few allocations.
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "tend-import-session.h"
#include "tend-import-values.h"
#include "util/tend-money.h"

/* How many distinct cell values are remembered with what they meant. */
#define WORD_CACHE_MAX 4096

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

  /* Written digit by digit: this runs three times a row, and printf costs more than the
   * rest of the row's dates. Years outside 0..9999 keep printf's form. */
  if (year < 0 || year > 9999)
    {
      g_snprintf (buffer, 16, "%04d-%02d-%02d", year, month, mday);
      return;
    }

  buffer[0] = (char)('0' + year / 1000);
  buffer[1] = (char)('0' + year / 100 % 10);
  buffer[2] = (char)('0' + year / 10 % 10);
  buffer[3] = (char)('0' + year % 10);
  buffer[4] = '-';
  buffer[5] = (char)('0' + month / 10);
  buffer[6] = (char)('0' + month % 10);
  buffer[7] = '-';
  buffer[8] = (char)('0' + mday / 10);
  buffer[9] = (char)('0' + mday % 10);
  buffer[10] = '\0';
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

/* A row owns its texts: the importer hands filled rows to its writer and takes their
 * place with spare ones, so that no text is copied on the way. */
void
tend_import_row_init (TendImportRow *row)
{
  memset (row, 0, sizeof *row);
  row->attributes = g_string_sized_new (512);
  row->adopted = g_string_sized_new (128);

  for (guint i = 0; i < TEND_IMPORT_N_FIELDS; i++)
    row->text[i] = g_string_new (NULL);
}

void
tend_import_row_clear (TendImportRow *row)
{
  for (guint i = 0; i < TEND_IMPORT_N_FIELDS; i++)
    g_string_free (row->text[i], TRUE);

  g_string_free (row->attributes, TRUE);
  g_string_free (row->adopted, TRUE);
}

void
tend_import_session_init (TendImportSession   *s,
                          const TendImportJob *job)
{
  memset (s, 0, sizeof *s);

  s->job = job;
  s->seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->word_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->scratch = g_string_new (NULL);
  tend_import_row_init (&s->row);

  for (guint i = 0; i < TEND_IMPORT_N_FIELDS; i++)
    s->column_of[i] = -1;

  day_to_iso_buffer (job->as_of, s->as_of_iso);
}

void
tend_import_session_clear (TendImportSession *s)
{
  for (guint i = 0; i < s->n_columns; i++)
    g_free (s->plan[i].json_key);
  g_free (s->plan);

  tend_import_row_clear (&s->row);
  g_string_free (s->scratch, TRUE);
  g_hash_table_unref (s->seen_ids);
  g_hash_table_unref (s->word_cache);
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
session_attribute_key (TendImportSession *s,
                       guint              column,
                       GHashTable        *used)
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
session_plan_columns (TendImportSession *s)
{
  TendImportMapping *mapping = s->job->mapping;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  s->n_columns = g_strv_length (s->header);
  s->plan = g_new0 (TendImportColumn, MAX (s->n_columns, 1));

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

gboolean
tend_import_session_open (TendImportSession  *s,
                          GError            **error)
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

void
tend_import_session_report_missing_columns (TendImportSession *s)
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
session_column_name (TendImportSession *s,
                     TendImportField    field)
{
  int column = s->column_of[field];

  return column >= 0 ? s->header[column] : NULL;
}

static void session_reject (TendImportSession   *s,
                            TendImportField  field,
                            const char      *format,
                            ...) G_GNUC_PRINTF (3, 4);

static void
session_reject (TendImportSession   *s,
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

const char *
tend_import_row_text (const TendImportRow *row,
                      TendImportField      field)
{
  return row->present[field] ? row->text[field]->str : NULL;
}

static void
row_reset (TendImportRow *row)
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

static const char * const statuses[] = { "active", "churned", "trial", "paused" };

typedef int (*MeaningFunc) (const char *text);

static int
read_adopted (const char *text)
{
  return tend_import_is_adopted (text);
}

static int
read_bool (const char *text)
{
  gboolean value;

  return tend_import_parse_bool (text, &value) ? value : -1;
}

static int
read_status (const char *text)
{
  const char *status = tend_import_parse_status (text);

  for (guint i = 0; status != NULL && i < G_N_ELEMENTS (statuses); i++)
    {
      if (strcmp (status, statuses[i]) == 0)
        return (int)i;
    }

  return -1;
}

static int
read_term (const char *text)
{
  int months;

  return tend_import_parse_term (text, &months) ? months : -1;
}

/* What a cell says, read once for each distinct text of a field: a column holds the same
 * few words (Yes, No, One year) on thousands of rows. */
static int
session_meaning (TendImportSession *s,
                 TendImportField    field,
                 const char        *text,
                 gsize              length,
                 MeaningFunc        read)
{
  gpointer cached;
  int meaning;

  g_string_truncate (s->scratch, 0);
  g_string_append_c (s->scratch, (char)('A' + field));
  g_string_append_len (s->scratch, text, (gssize)length);

  if (g_hash_table_lookup_extended (s->word_cache, s->scratch->str, NULL, &cached))
    return GPOINTER_TO_INT (cached);

  meaning = read (s->scratch->str + 1);
  if (g_hash_table_size (s->word_cache) < WORD_CACHE_MAX)
    g_hash_table_insert (s->word_cache, g_strdup (s->scratch->str), GINT_TO_POINTER (meaning));

  return meaning;
}

static void
row_add_attribute (TendImportRow *row,
                   const char    *json_key,
                   const char    *cell,
                   gsize          length)
{
  if (row->attributes->len > 1)
    g_string_append_c (row->attributes, ',');
  g_string_append (row->attributes, json_key);
  tend_import_json_append_value (row->attributes, cell, length);
}

/* The first pass: each cell to its field, its attribute or the adopted list. */
static gboolean
session_collect_cells (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  gboolean any = FALSE;

  g_string_append_c (row->attributes, '{');
  g_string_append_c (row->adopted, '[');

  for (guint i = 0; i < s->n_columns && i < tend_csv_reader_get_n_fields (s->reader); i++)
    {
      const TendImportColumn *plan = &s->plan[i];
      const char *cell = tend_csv_reader_get_field (s->reader, i);
      gsize length = tend_csv_reader_get_field_length (s->reader, i);

      trim_cell (&cell, &length);
      any = any || length > 0;

      if (plan->attribute)
        row_add_attribute (row, plan->json_key, cell, length);

      if (plan->field == TEND_IMPORT_FIELD_FEATURE || plan->field == TEND_IMPORT_FIELD_PRODUCT)
        {
          if (length > 0 && session_meaning (s, plan->field, cell, length, read_adopted))
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
session_check_external_id (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  const char *id = tend_import_row_text (row, TEND_IMPORT_FIELD_EXTERNAL_ID);
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
session_check_currency (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  const char *currency = tend_import_row_text (row, TEND_IMPORT_FIELD_CURRENCY);
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
session_check_domain (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  g_autofree char *original = NULL;

  if (!row->present[TEND_IMPORT_FIELD_DOMAIN])
    return;

  original = g_strdup (row->text[TEND_IMPORT_FIELD_DOMAIN]->str);
  if (!normalize_domain (row->text[TEND_IMPORT_FIELD_DOMAIN]))
    session_reject (s, TEND_IMPORT_FIELD_DOMAIN,
                    _("“%s” is not a web domain such as example.com."), original);
}

static TendDay
session_read_date (TendImportSession *s,
                   TendImportField    field)
{
  const char *text = tend_import_row_text (&s->row, field);
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
session_check_dates (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  const char *tenure = tend_import_row_text (row, TEND_IMPORT_FIELD_TENURE_MONTHS);

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
session_check_status (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  const char *status = tend_import_row_text (row, TEND_IMPORT_FIELD_STATUS);
  const char *churned = tend_import_row_text (row, TEND_IMPORT_FIELD_CHURNED);
  int meaning;

  if (status != NULL)
    {
      meaning = session_meaning (s, TEND_IMPORT_FIELD_STATUS, status, strlen (status),
                                 read_status);
      row->status = meaning >= 0 ? statuses[meaning] : NULL;
      if (row->status == NULL)
        session_reject (s, TEND_IMPORT_FIELD_STATUS,
                        _("“%s” is not a status Tend knows; use active, churned, trial or "
                          "paused."),
                        status);
    }

  if (churned != NULL)
    {
      meaning = session_meaning (s, TEND_IMPORT_FIELD_CHURNED, churned, strlen (churned),
                                 read_bool);
      if (meaning < 0)
        session_reject (s, TEND_IMPORT_FIELD_CHURNED, _("“%s” is not yes or no."), churned);
      else if (meaning)
        row->status = "churned";
      else if (row->status == NULL)
        row->status = "active";
    }

  /* A churn date alone says the account churned. */
  if (row->status == NULL && row->churn_day != TEND_DAY_INVALID)
    row->status = "churned";
}

static void
session_check_seats (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  const char *seats = tend_import_row_text (row, TEND_IMPORT_FIELD_LICENSED_SEATS);

  if (seats != NULL && !tend_import_parse_count (seats, &row->seats))
    {
      session_reject (s, TEND_IMPORT_FIELD_LICENSED_SEATS,
                      _("“%s” is not a whole number of seats."), seats);
      row->seats = -1;
    }
}

static void
session_check_money (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  TendImportField field = s->column_of[TEND_IMPORT_FIELD_MRR] >= 0 ? TEND_IMPORT_FIELD_MRR
                                                                     : TEND_IMPORT_FIELD_ARR;
  const char *text = tend_import_row_text (row, field);

  if (text == NULL)
    return;

  switch (tend_money_parse_full (text, row->currency, &row->money_minor))
    {
    case TEND_MONEY_PARSE_OK:
      break;

    case TEND_MONEY_PARSE_TOO_LARGE:
      session_reject (s, field, _("The amount “%s” is too large."), text);
      return;

    case TEND_MONEY_PARSE_OTHER_CURRENCY:
      session_reject (s, field, _("“%s” is in another currency than the column’s %s."), text,
                      row->currency);
      return;

    case TEND_MONEY_PARSE_TOO_MANY_DECIMALS:
      session_reject (s, field, _("“%s” has more decimals than %s has."), text,
                      row->currency);
      return;

    case TEND_MONEY_PARSE_INVALID:
    default:
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
session_check_term (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  const char *term = tend_import_row_text (row, TEND_IMPORT_FIELD_CONTRACT);

  if (term == NULL)
    return;

  row->term_months = session_meaning (s, TEND_IMPORT_FIELD_CONTRACT, term, strlen (term),
                                      read_term);
  if (row->term_months < 0)
    {
      row->term_months = 0;
      session_reject (s, TEND_IMPORT_FIELD_CONTRACT,
                      _("“%s” is not a contract term Tend knows, such as Month-to-month, One "
                        "year or Two year."),
                      term);
    }
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
session_derive_subscription (TendImportSession *s)
{
  TendImportRow *row = &s->row;
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
session_check_row (TendImportSession *s)
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
static TendImportRowResult
session_reject_unreadable (TendImportSession *s,
                           GError            *reader_error)
{
  guint n_fields = tend_csv_reader_get_n_fields (s->reader);

  s->row.line = tend_csv_reader_get_line (s->reader);

  if (g_error_matches (reader_error, TEND_CSV_ERROR, TEND_CSV_ERROR_FIELD_COUNT))
    {
      if (csv_cells_empty (s->reader))
        return TEND_IMPORT_ROW_EMPTY;

      s->n_read++;
      s->n_rejected++;
      session_reject (s, TEND_IMPORT_FIELD_NONE,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "The row has %u column; the header has %u.",
                                   "The row has %u columns; the header has %u.", n_fields),
                      n_fields, s->n_columns);
      return TEND_IMPORT_ROW_REJECTED;
    }

  s->n_read++;
  s->n_rejected++;
  session_reject (s, TEND_IMPORT_FIELD_NONE,
                  _("A quoted value starts on this line and is never closed; the file may "
                    "have been cut short."));
  return TEND_IMPORT_ROW_REJECTED;
}

TendImportRowResult
tend_import_session_next_row (TendImportSession  *s,
                              GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  TendImportRow *row = &s->row;

  row_reset (row);

  if (!tend_csv_reader_next (s->reader, &local_error))
    {
      if (local_error == NULL)
        return TEND_IMPORT_ROW_END;

      if (g_error_matches (local_error, TEND_CSV_ERROR, TEND_CSV_ERROR_FIELD_COUNT) ||
          g_error_matches (local_error, TEND_CSV_ERROR, TEND_CSV_ERROR_TRUNCATED))
        return session_reject_unreadable (s, local_error);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return TEND_IMPORT_ROW_FAILED;
    }

  row->line = tend_csv_reader_get_line (s->reader);

  if (!session_collect_cells (s))
    return TEND_IMPORT_ROW_EMPTY;

  s->n_read++;
  row->n_read = s->n_read;
  row->offset = tend_csv_reader_get_offset (s->reader);
  session_check_row (s);

  if (row->n_problems > 0)
    {
      s->n_rejected++;
      return TEND_IMPORT_ROW_REJECTED;
    }

  return TEND_IMPORT_ROW_VALID;
}

static char *
format_money (TendImportRow *row,
              gint64         minor)
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
char **
tend_import_session_row_values (TendImportSession *s)
{
  TendImportRow *row = &s->row;
  char **values = g_new0 (char *, TEND_IMPORT_N_FIELDS);
  gboolean churned = g_strcmp0 (row->status, "churned") == 0;
  const char *external_id = tend_import_row_text (row, TEND_IMPORT_FIELD_EXTERNAL_ID);
  const char *name = tend_import_row_text (row, TEND_IMPORT_FIELD_NAME);
  static const TendImportField texts[] = {
    TEND_IMPORT_FIELD_EXTERNAL_ID, TEND_IMPORT_FIELD_DOMAIN, TEND_IMPORT_FIELD_OWNER,
    TEND_IMPORT_FIELD_SEGMENT, TEND_IMPORT_FIELD_LIFECYCLE_STAGE, TEND_IMPORT_FIELD_CHURN_REASON,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    values[texts[i]] = g_strdup (tend_import_row_text (row, texts[i]));

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

