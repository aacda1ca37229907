/* tend-csv-writer.c: rows of cells written as RFC 4180 CSV that spreadsheets open safely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The output is UTF-8 with CRLF line ends, as RFC 4180 asks and as Excel writes; a field is
 * quoted only when it holds a comma, a double quote, CR or LF, and its quotes are doubled.
 */

#define G_LOG_DOMAIN "TendReports"

#include "config.h"

#include <string.h>

#include "tend-csv-writer.h"

/* What Excel needs at the start of a file to read it as UTF-8 rather than the ANSI code page. */
static const char utf8_bom[] = "\xEF\xBB\xBF";

struct _TendCsvWriter
{
  GObject        parent_instance;

  GOutputStream *stream;
  gboolean       bom;
  guint64        rows;
  GString       *line;
};

G_DEFINE_FINAL_TYPE (TendCsvWriter, tend_csv_writer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STREAM,
  PROP_BOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tend_csv_writer_finalize (GObject *object)
{
  TendCsvWriter *self = (TendCsvWriter *)object;

  g_clear_object (&self->stream);
  g_string_free (self->line, TRUE);

  G_OBJECT_CLASS (tend_csv_writer_parent_class)->finalize (object);
}

static void
tend_csv_writer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TendCsvWriter *self = TEND_CSV_WRITER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      g_value_set_object (value, self->stream);
      break;
    case PROP_BOM:
      g_value_set_boolean (value, self->bom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_csv_writer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TendCsvWriter *self = TEND_CSV_WRITER (object);

  switch (prop_id)
    {
    case PROP_STREAM:
      self->stream = g_value_dup_object (value);
      break;
    case PROP_BOM:
      self->bom = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_csv_writer_class_init (TendCsvWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_csv_writer_finalize;
  object_class->get_property = tend_csv_writer_get_property;
  object_class->set_property = tend_csv_writer_set_property;

  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL,
                         G_TYPE_OUTPUT_STREAM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* Whether the first row is preceded by a UTF-8 byte order mark, for Excel. */
  properties[PROP_BOM] =
    g_param_spec_boolean ("bom", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_csv_writer_init (TendCsvWriter *self)
{
  self->line = g_string_sized_new (256);
}

/**
 * tend_csv_is_plain_number:
 *
 * Returns: whether @text is a plain decimal the exporter writes: an optional minus sign,
 *   digits, and optionally a dot and more digits
 */
gboolean
tend_csv_is_plain_number (const char *text)
{
  const char *p = text;

  if (p == NULL)
    return FALSE;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  return *p == '\0';
}

static gboolean
starts_like_formula (const char *value)
{
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

/**
 * tend_csv_append_cell:
 * @line: where the field goes
 * @value: (nullable): the cell; %NULL is an empty field
 * @kind: whether @value is text from users or a number the exporter wrote
 *
 * Appends one field, neutralised and quoted as needed, without any separator.
 */
void
tend_csv_append_cell (GString         *line,
                      const char      *value,
                      TendCsvCellKind  kind)
{
  gboolean neutralise;

  g_return_if_fail (line != NULL);

  if (value == NULL)
    return;

  neutralise = starts_like_formula (value) &&
               !(kind == TEND_CSV_CELL_NUMBER && tend_csv_is_plain_number (value));

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      if (neutralise)
        g_string_append_c (line, '\'');
      g_string_append (line, value);
      return;
    }

  g_string_append_c (line, '"');
  if (neutralise)
    g_string_append_c (line, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

/**
 * tend_csv_writer_new:
 * @stream: where the rows go; the writer does not close it
 * @bom: whether to begin with a UTF-8 byte order mark, which Excel needs to read UTF-8
 */
TendCsvWriter *
tend_csv_writer_new (GOutputStream *stream,
                     gboolean       bom)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  return g_object_new (TEND_TYPE_CSV_WRITER,
                       "stream", stream,
                       "bom", bom,
                       NULL);
}

GOutputStream *
tend_csv_writer_get_stream (TendCsvWriter *self)
{
  g_return_val_if_fail (TEND_IS_CSV_WRITER (self), NULL);

  return self->stream;
}

gboolean
tend_csv_writer_get_bom (TendCsvWriter *self)
{
  g_return_val_if_fail (TEND_IS_CSV_WRITER (self), FALSE);

  return self->bom;
}

/**
 * tend_csv_writer_get_rows:
 *
 * Returns: how many rows were written, the header included
 */
guint64
tend_csv_writer_get_rows (TendCsvWriter *self)
{
  g_return_val_if_fail (TEND_IS_CSV_WRITER (self), 0);

  return self->rows;
}

/**
 * tend_csv_writer_write_row:
 * @cells: (array length=n_cells): the cells, %NULL ones empty
 * @kinds: (array length=n_cells) (nullable): each cell's kind, or %NULL when all are text
 *
 * Writes one row ended by CRLF. The first row is preceded by the byte order mark when
 * the writer was made with one.
 */
gboolean
tend_csv_writer_write_row (TendCsvWriter          *self,
                           const char *const      *cells,
                           const TendCsvCellKind  *kinds,
                           guint                   n_cells,
                           GCancellable           *cancellable,
                           GError                **error)
{
  g_return_val_if_fail (TEND_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (cells != NULL || n_cells == 0, FALSE);

  g_string_truncate (self->line, 0);
  if (self->rows == 0 && self->bom)
    g_string_append (self->line, utf8_bom);

  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (self->line, ',');
      tend_csv_append_cell (self->line, cells[i], kinds != NULL ? kinds[i] : TEND_CSV_CELL_TEXT);
    }
  g_string_append (self->line, "\r\n");

  if (!g_output_stream_write_all (self->stream, self->line->str, self->line->len, NULL,
                                  cancellable, error))
    return FALSE;

  self->rows++;

  return TRUE;
}
