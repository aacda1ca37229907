/* tend-import-session.h: reading and checking the rows of an import, inside the importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a public API: the importer, its preview and its writer share these structures.
 */

#pragma once

#include "import/tend-csv-reader.h"
#include "import/tend-import-mapping.h"
#include "import/tend-importer.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

/* What an import works from, copied so that a worker thread owns its own. */
typedef struct
{
  char              *path;
  TendImportMapping *mapping;
  TendImportPolicy   policy;
  TendDay            as_of;
} TendImportJob;

/* What becomes of one column of the file. */
typedef struct
{
  TendImportField  field;
  gboolean         attribute;
  char            *json_key;
} TendImportColumn;

/* The current row: the cells of single fields as trimmed text, and what they mean; and
 * how many rows were read, and how far into the file, once it was. */
typedef struct
{
  guint        line;
  guint        n_read;
  guint64      offset;
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
} TendImportRow;

typedef void (*TendImportProblemFunc) (gpointer    sink,
                                       guint       line,
                                       const char *column,
                                       const char *reason);

typedef enum
{
  TEND_IMPORT_ROW_VALID,
  TEND_IMPORT_ROW_REJECTED,
  TEND_IMPORT_ROW_EMPTY,
  TEND_IMPORT_ROW_END,
  TEND_IMPORT_ROW_FAILED,
} TendImportRowResult;

typedef struct
{
  const TendImportJob    *job;
  TendCsvReader          *reader;
  char                  **header;
  guint                   n_columns;
  TendImportColumn       *plan;
  int                     column_of[TEND_IMPORT_N_FIELDS];
  gboolean                has_adoption;
  gboolean                has_money;
  char                    as_of_iso[16];
  GHashTable             *seen_ids;
  GHashTable             *word_cache;
  GString                *scratch;
  TendImportProblemFunc   problem;
  gpointer                problem_sink;
  guint                   n_read;
  guint                   n_rejected;
  TendImportRow           row;
} TendImportSession;

void                 tend_import_row_init                       (TendImportRow        *row);
void                 tend_import_row_clear                      (TendImportRow        *row);
void                 tend_import_session_init                   (TendImportSession    *s,
                                                                 const TendImportJob  *job);
void                 tend_import_session_clear                  (TendImportSession    *s);
gboolean             tend_import_session_open                   (TendImportSession    *s,
                                                                 GError              **error);
void                 tend_import_session_report_missing_columns (TendImportSession    *s);
TendImportRowResult  tend_import_session_next_row               (TendImportSession    *s,
                                                                 GError              **error);
char               **tend_import_session_row_values             (TendImportSession    *s);
const char          *tend_import_row_text                       (const TendImportRow  *row,
                                                                 TendImportField       field);

G_END_DECLS
