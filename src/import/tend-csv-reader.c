/* tend-csv-reader.c: a streaming RFC 4180 reader that detects UTF-8 and CP932
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader pulls the file in chunks, turns them into UTF-8 text and cuts that text into
 * records. Fields live NUL-separated in one buffer that every record reuses, so reading a
 * large file allocates almost nothing per row.
 *
 * The encoding is decided at the first byte above ASCII, since ASCII reads the same in
 * UTF-8 and in CP932: a file whose Japanese names only start on row 5,000 is still read
 * right. A byte-order mark settles it at once.
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tend-csv-reader.h"

/* How much the reader pulls from the stream at once. */
#define CHUNK_SIZE (64 * 1024)

/* How many bytes, from the first one above ASCII, the encoding is decided on. */
#define DECIDE_WINDOW 4096

typedef enum
{
  ENCODING_UNDECIDED,
  ENCODING_UTF8,
  ENCODING_CP932,
} Encoding;

typedef enum
{
  DECODE_OK,
  DECODE_NOT_TEXT,
  DECODE_BAD_UTF8,
  DECODE_BAD_CP932,
  DECODE_UTF16,
} DecodeFailure;

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_SEEN,
} ParseState;

struct _TendCsvReader
{
  GObject        parent_instance;

  GInputStream  *stream;
  char          *name;
  goffset        size;

  /* Bytes read from the stream and not yet decoded; raw_offset is the file offset of raw[0]. */
  guint8        *raw;
  gsize          raw_start;
  gsize          raw_end;
  guint64        raw_offset;
  gboolean       at_eof;
  gboolean       bom_checked;
  gboolean       had_bom;

  Encoding       encoding;
  GIConv         converter;
  DecodeFailure  failure;
  guint64        failure_offset;

  /* Decoded UTF-8 text not yet parsed; text_discarded counts what was parsed before. */
  char          *text;
  gsize          text_end;
  gsize          text_start;
  gsize          text_alloc;
  guint64        text_discarded;

  /* The current record: each field is NUL-terminated in one reused buffer. */
  GString       *fields;
  guint         *starts;
  guint          n_fields;
  guint          starts_alloc;

  guint          line;
  guint          record_line;
  guint          expected_fields;
  gboolean       after_cr;
};

G_DEFINE_FINAL_TYPE (TendCsvReader, tend_csv_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (tend-csv-error-quark, tend_csv_error)

static void
tend_csv_reader_finalize (GObject *object)
{
  TendCsvReader *self = (TendCsvReader *)object;

  if (self->converter != (GIConv)-1)
    g_iconv_close (self->converter);

  g_clear_object (&self->stream);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->raw, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->starts, g_free);
  g_string_free (self->fields, TRUE);

  G_OBJECT_CLASS (tend_csv_reader_parent_class)->finalize (object);
}

static void
tend_csv_reader_class_init (TendCsvReaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_csv_reader_finalize;
}

static void
tend_csv_reader_init (TendCsvReader *self)
{
  self->converter = (GIConv)-1;
  self->raw = g_malloc (CHUNK_SIZE + DECIDE_WINDOW + 16);
  self->text_alloc = CHUNK_SIZE + DECIDE_WINDOW;
  self->text = g_malloc (self->text_alloc);
  self->fields = g_string_sized_new (1024);
  self->starts_alloc = 32;
  self->starts = g_new (guint, self->starts_alloc);
  self->line = 1;
  self->size = -1;
}

/**
 * tend_csv_reader_new_for_stream:
 * @stream: the CSV bytes
 * @name: the file's name as the user knows it, used in every error message
 * @size: the stream's length in bytes for progress, or -1 if unknown
 */
TendCsvReader *
tend_csv_reader_new_for_stream (GInputStream *stream,
                                const char   *name,
                                goffset       size)
{
  TendCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (TEND_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  self->name = g_strdup (name);
  self->size = size;

  return self;
}

/**
 * tend_csv_reader_new_for_data:
 *
 * Reads CSV from memory (a copy of @data is kept), as tests and pasted text need.
 */
TendCsvReader *
tend_csv_reader_new_for_data (const char *data,
                              gsize       length,
                              const char *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

  return tend_csv_reader_new_for_stream (stream, name, (goffset)length);
}

/**
 * tend_csv_reader_new_for_path:
 * @path: a file in the GLib file name encoding
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with %TEND_CSV_ERROR_READ set
 *   when the file cannot be opened
 */
TendCsvReader *
tend_csv_reader_new_for_path (const char  *path,
                              GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  name = g_filename_display_name (path);

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_READ,
                   _("Could not open %s: %s"), name, local_error->message);
      return NULL;
    }

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);

  return tend_csv_reader_new_for_stream (G_INPUT_STREAM (stream), name,
                                         info != NULL ? g_file_info_get_size (info) : -1);
}

static gboolean
reader_read_raw (TendCsvReader  *self,
                 GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  /* Keep the undecoded tail (a split character, or bytes waiting for a decision). */
  memmove (self->raw, self->raw + self->raw_start, self->raw_end - self->raw_start);
  self->raw_offset += self->raw_start;
  self->raw_end -= self->raw_start;
  self->raw_start = 0;

  g_assert (self->raw_end <= DECIDE_WINDOW);

  n = g_input_stream_read (self->stream, self->raw + self->raw_end, CHUNK_SIZE, NULL,
                           &local_error);
  if (n < 0)
    {
      g_set_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_READ,
                   _("Could not read %s: %s"), self->name, local_error->message);
      return FALSE;
    }

  if (n == 0)
    self->at_eof = TRUE;
  self->raw_end += (gsize)n;

  return TRUE;
}

static void
reader_ensure_text_space (TendCsvReader *self,
                          gsize          needed)
{
  if (self->text_alloc - self->text_end >= needed)
    return;

  self->text_alloc = self->text_end + needed;
  self->text = g_realloc (self->text, self->text_alloc);
}

static void
reader_append_text (TendCsvReader *self,
                    const guint8  *bytes,
                    gsize          length)
{
  reader_ensure_text_space (self, length);
  memcpy (self->text + self->text_end, bytes, length);
  self->text_end += length;
  self->raw_start += length;
}

static void
reader_fail (TendCsvReader *self,
             DecodeFailure  failure,
             const guint8  *where)
{
  self->failure = failure;
  self->failure_offset = self->raw_offset + (guint64)(where - self->raw);
}

/* Whether the bytes are the start of a UTF-8 character that the next chunk completes. */
static gboolean
utf8_incomplete_tail (const guint8 *p,
                      gsize         length)
{
  gsize needed;

  if (p[0] >= 0xf0 && p[0] <= 0xf4)
    needed = 4;
  else if (p[0] >= 0xe0)
    needed = 3;
  else if (p[0] >= 0xc2 && p[0] < 0xe0)
    needed = 2;
  else
    return FALSE;

  if (length >= needed)
    return FALSE;

  for (gsize i = 1; i < length; i++)
    {
      if ((p[i] & 0xc0) != 0x80)
        return FALSE;
    }

  return TRUE;
}

static const guint8 *
utf8_invalid_byte (const guint8 *p,
                   gsize         length,
                   gboolean      at_eof)
{
  const char *valid_end;

  if (g_utf8_validate_len ((const char *)p, length, &valid_end))
    return NULL;

  if (!at_eof && utf8_incomplete_tail ((const guint8 *)valid_end,
                                       length - (gsize)((const guint8 *)valid_end - p)))
    return NULL;

  return (const guint8 *)valid_end;
}

static gboolean
reader_open_converter (TendCsvReader *self)
{
  if (self->converter != (GIConv)-1)
    return TRUE;

  self->converter = g_iconv_open ("UTF-8", "CP932");
  if (self->converter == (GIConv)-1)
    self->converter = g_iconv_open ("UTF-8", "SHIFT_JIS");

  if (self->converter == (GIConv)-1)
    g_warning ("Neither CP932 nor SHIFT_JIS is known to iconv; Japanese CSV cannot be read");

  return self->converter != (GIConv)-1;
}

static gboolean
window_is_cp932 (TendCsvReader *self,
                 const guint8  *p,
                 gsize          length)
{
  g_autofree char *scratch = NULL;
  char *in = (char *)p;
  gsize in_left = length;
  char *out;
  gsize out_left = length * 3 + 16;
  gsize result;
  int saved_errno;

  if (!reader_open_converter (self))
    return FALSE;

  scratch = g_malloc (out_left);
  out = scratch;
  result = g_iconv (self->converter, &in, &in_left, &out, &out_left);
  saved_errno = errno;
  g_iconv (self->converter, NULL, NULL, NULL, NULL);

  if (result != (gsize)-1)
    return TRUE;

  /* A character cut by the end of the window is fine unless the file ends there. */
  return saved_errno == EINVAL && !self->at_eof;
}

static void reader_decode (TendCsvReader *self);

static void
decode_undecided (TendCsvReader *self)
{
  const guint8 *p = self->raw + self->raw_start;
  const guint8 *end = self->raw + self->raw_end;
  const guint8 *q = p;
  const guint8 *bad;

  while (q < end && *q < 0x80 && *q != 0)
    q++;

  reader_append_text (self, p, (gsize)(q - p));

  if (q == end)
    return;

  if (*q == 0)
    {
      reader_fail (self, DECODE_NOT_TEXT, q);
      return;
    }

  if ((gsize)(end - q) < DECIDE_WINDOW && !self->at_eof)
    return;

  bad = utf8_invalid_byte (q, (gsize)(end - q), self->at_eof);
  if (bad == NULL)
    self->encoding = ENCODING_UTF8;
  else if (window_is_cp932 (self, q, (gsize)(end - q)))
    self->encoding = ENCODING_CP932;
  else
    {
      reader_fail (self, DECODE_NOT_TEXT, bad);
      return;
    }

  g_debug ("%s is %s text", self->name, tend_csv_reader_get_encoding (self));
  reader_decode (self);
}

static void
decode_utf8 (TendCsvReader *self)
{
  const guint8 *p = self->raw + self->raw_start;
  gsize length = self->raw_end - self->raw_start;
  const char *valid_end;

  g_utf8_validate_len ((const char *)p, length, &valid_end);
  reader_append_text (self, p, (gsize)((const guint8 *)valid_end - p));

  if ((const guint8 *)valid_end == p + length)
    return;

  if (!self->at_eof && utf8_incomplete_tail ((const guint8 *)valid_end,
                                             length - (gsize)((const guint8 *)valid_end - p)))
    return;

  reader_fail (self, *valid_end == '\0' ? DECODE_NOT_TEXT : DECODE_BAD_UTF8,
               (const guint8 *)valid_end);
}

static void
decode_cp932 (TendCsvReader *self)
{
  const guint8 *p = self->raw + self->raw_start;
  gsize length = self->raw_end - self->raw_start;
  const guint8 *nul = memchr (p, 0, length);
  char *in = (char *)p;
  gsize in_left = nul != NULL ? (gsize)(nul - p) : length;
  char *out;
  gsize out_left;
  gsize result;

  /* A CP932 byte never becomes more than three bytes of UTF-8. */
  reader_ensure_text_space (self, in_left * 3 + 16);
  out = self->text + self->text_end;
  out_left = self->text_alloc - self->text_end;

  result = g_iconv (self->converter, &in, &in_left, &out, &out_left);

  self->text_end = (gsize)(out - self->text);
  self->raw_start = (gsize)((guint8 *)in - self->raw);

  if (result == (gsize)-1 && (errno != EINVAL || self->at_eof))
    reader_fail (self, DECODE_BAD_CP932, (const guint8 *)in);
  else if (nul != NULL && (const guint8 *)in == nul)
    reader_fail (self, DECODE_NOT_TEXT, nul);
}

static void
reader_check_bom (TendCsvReader *self)
{
  const guint8 *p = self->raw + self->raw_start;
  gsize length = self->raw_end - self->raw_start;

  self->bom_checked = TRUE;

  if (length >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    {
      self->had_bom = TRUE;
      self->encoding = ENCODING_UTF8;
      self->raw_start += 3;
    }
  else if (length >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
    reader_fail (self, DECODE_UTF16, p);
}

static void
reader_decode (TendCsvReader *self)
{
  if (!self->bom_checked)
    {
      if (self->raw_end - self->raw_start < 3 && !self->at_eof)
        return;
      reader_check_bom (self);
      if (self->failure != DECODE_OK)
        return;
    }

  switch (self->encoding)
    {
    case ENCODING_UNDECIDED:
      decode_undecided (self);
      break;
    case ENCODING_UTF8:
      decode_utf8 (self);
      break;
    case ENCODING_CP932:
      decode_cp932 (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
reader_set_decode_error (TendCsvReader  *self,
                         GError        **error)
{
  g_autofree char *offset = g_strdup_printf ("%" G_GUINT64_FORMAT, self->failure_offset);

  switch (self->failure)
    {
    case DECODE_UTF16:
      g_set_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_ENCODING,
                   _("%s is UTF-16 text, which Tend does not read. Save it as “CSV UTF-8” "
                     "and import it again."), self->name);
      break;
    case DECODE_BAD_UTF8:
      g_set_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_ENCODING,
                   _("%s, line %u: the byte at offset %s is not valid UTF-8, although the "
                     "file started as UTF-8. Save it as “CSV UTF-8” and import it again."),
                   self->name, self->line, offset);
      break;
    case DECODE_BAD_CP932:
      g_set_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_ENCODING,
                   _("%s, line %u: the byte at offset %s is not valid Shift_JIS (CP932), "
                     "although the file started as Shift_JIS. Save it as “CSV UTF-8” and "
                     "import it again."),
                   self->name, self->line, offset);
      break;
    case DECODE_NOT_TEXT:
    default:
      g_set_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_ENCODING,
                   _("%s, line %u: the byte at offset %s is neither UTF-8 nor Shift_JIS "
                     "(CP932) text. Is it a CSV file? Save it as “CSV UTF-8” and import it "
                     "again."),
                   self->name, self->line, offset);
      break;
    }
}

/* Brings more decoded text; on return, no text at all means the end of the file. */
static gboolean
reader_fill (TendCsvReader  *self,
             GError        **error)
{
  /* The parser asks for more only once it has used all the text it had. */
  self->text_discarded += self->text_end;
  self->text_start = 0;
  self->text_end = 0;

  while (self->text_end == 0)
    {
      if (self->failure != DECODE_OK)
        {
          reader_set_decode_error (self, error);
          return FALSE;
        }

      if (self->at_eof && self->raw_start == self->raw_end)
        return TRUE;

      if (!self->at_eof && !reader_read_raw (self, error))
        return FALSE;

      reader_decode (self);
    }

  return TRUE;
}

static inline void
record_begin_field (TendCsvReader *self)
{
  if (self->n_fields == self->starts_alloc)
    {
      self->starts_alloc *= 2;
      self->starts = g_renew (guint, self->starts, self->starts_alloc);
    }

  self->starts[self->n_fields] = (guint)self->fields->len;
}

static inline void
record_end_field (TendCsvReader *self)
{
  g_string_append_c (self->fields, '\0');
  self->n_fields++;
}

static gboolean
record_check_count (TendCsvReader  *self,
                    GError        **error)
{
  if (self->expected_fields == 0 || self->n_fields == self->expected_fields)
    return TRUE;

  g_set_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_FIELD_COUNT,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s, line %u: expected %u column but found %u.",
                            "%s, line %u: expected %u columns but found %u.",
                            self->expected_fields),
               self->name, self->record_line, self->expected_fields, self->n_fields);
  return FALSE;
}

/* A physical line with nothing on it is not a record; a line with "" is one empty field. */
static gboolean
record_is_blank (TendCsvReader *self,
                 gboolean       first_quoted)
{
  return self->n_fields == 1 && self->fields->len == 1 && !first_quoted;
}

static gboolean
record_finish_at_eof (TendCsvReader  *self,
                      ParseState      state,
                      guint           quote_line,
                      GError        **error)
{
  if (state == STATE_QUOTED)
    {
      g_set_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_TRUNCATED,
                   _("%s, line %u: the quoted field that opens on line %u is never closed; "
                     "the file may have been cut short."),
                   self->name, self->record_line, quote_line);
      return FALSE;
    }

  /* A comma just before the end starts one more, empty, field. */
  if (state == STATE_FIELD_START)
    record_begin_field (self);
  record_end_field (self);

  return TRUE;
}

/**
 * tend_csv_reader_next:
 *
 * Reads the next record. Fields are unquoted; a quoted field keeps its newlines as they
 * were (CR, LF or CRLF). Blank lines are skipped; text after a closing quote, or a quote
 * inside an unquoted field, is kept as it is rather than refused.
 *
 * A record whose field count differs from tend_csv_reader_set_expected_fields() fails with
 * %TEND_CSV_ERROR_FIELD_COUNT, but it has been read: its fields can be looked at, and the
 * next call goes on with the following record. Every other error is final.
 *
 * Returns: %TRUE when a record was read; %FALSE at the end (with @error unset) or on error
 */
gboolean
tend_csv_reader_next (TendCsvReader  *self,
                      GError        **error)
{
  ParseState state = STATE_FIELD_START;
  gboolean started = FALSE;
  gboolean first_quoted = FALSE;
  guint quote_line = 0;

  g_return_val_if_fail (TEND_IS_CSV_READER (self), FALSE);

  self->n_fields = 0;
  g_string_truncate (self->fields, 0);

  for (;;)
    {
      const char *p;
      const char *end;
      gboolean done = FALSE;

      if (self->text_start == self->text_end)
        {
          if (!reader_fill (self, error))
            return FALSE;

          if (self->text_end == 0)
            {
              if (!started)
                return FALSE;
              if (!record_finish_at_eof (self, state, quote_line, error))
                return FALSE;
              if (record_is_blank (self, first_quoted))
                return FALSE;
              return record_check_count (self, error);
            }
        }

      p = self->text + self->text_start;
      end = self->text + self->text_end;

      while (p < end && !done)
        {
          const char *q = p;

          switch (state)
            {
            case STATE_FIELD_START:
              if (!started)
                {
                  /* The LF of a CRLF that ended the previous record. */
                  if (self->after_cr && *p == '\n')
                    {
                      self->after_cr = FALSE;
                      p++;
                      break;
                    }
                  self->record_line = self->line;
                  started = TRUE;
                }
              self->after_cr = FALSE;
              record_begin_field (self);
              if (*p == '"')
                {
                  state = STATE_QUOTED;
                  quote_line = self->line;
                  first_quoted = first_quoted || self->n_fields == 0;
                  p++;
                }
              else
                state = STATE_UNQUOTED;
              break;

            case STATE_UNQUOTED:
              while (q < end && *q != ',' && *q != '\n' && *q != '\r')
                q++;
              g_string_append_len (self->fields, p, q - p);
              p = q;
              if (p == end)
                break;
              record_end_field (self);
              if (*p == ',')
                state = STATE_FIELD_START;
              else
                {
                  self->after_cr = *p == '\r';
                  self->line++;
                  done = TRUE;
                }
              p++;
              break;

            case STATE_QUOTED:
              while (q < end && *q != '"' && *q != '\n' && *q != '\r')
                q++;
              if (q > p)
                {
                  g_string_append_len (self->fields, p, q - p);
                  self->after_cr = FALSE;
                }
              p = q;
              if (p == end)
                break;
              if (*p == '"')
                {
                  state = STATE_QUOTE_SEEN;
                  self->after_cr = FALSE;
                }
              else
                {
                  if (*p == '\r' || !self->after_cr)
                    self->line++;
                  self->after_cr = *p == '\r';
                  g_string_append_c (self->fields, *p);
                }
              p++;
              break;

            case STATE_QUOTE_SEEN:
              if (*p == '"')
                {
                  g_string_append_c (self->fields, '"');
                  state = STATE_QUOTED;
                  p++;
                }
              else
                state = STATE_UNQUOTED;
              break;

            default:
              g_assert_not_reached ();
            }
        }

      self->text_start = (gsize)(p - self->text);

      if (!done)
        continue;

      if (record_is_blank (self, first_quoted))
        {
          self->n_fields = 0;
          g_string_truncate (self->fields, 0);
          state = STATE_FIELD_START;
          started = FALSE;
          continue;
        }

      return record_check_count (self, error);
    }
}

/**
 * tend_csv_reader_read_header:
 *
 * Reads the first record as the header, and expects every later record to have as many
 * fields.
 *
 * Returns: (transfer full): the column names, or %NULL with @error set (an empty file is
 *   %TEND_CSV_ERROR_READ)
 */
char **
tend_csv_reader_read_header (TendCsvReader  *self,
                             GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TEND_IS_CSV_READER (self), NULL);

  if (!tend_csv_reader_next (self, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_READ,
                     _("%s is empty: there is not even a header line."), self->name);
      return NULL;
    }

  self->expected_fields = self->n_fields;

  return tend_csv_reader_dup_record (self);
}

guint
tend_csv_reader_get_n_fields (TendCsvReader *self)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), 0);

  return self->n_fields;
}

/**
 * tend_csv_reader_get_field:
 *
 * Returns: (transfer none): the field's text, valid UTF-8, until the next record is read
 */
const char *
tend_csv_reader_get_field (TendCsvReader *self,
                           guint          index)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), NULL);
  g_return_val_if_fail (index < self->n_fields, NULL);

  return self->fields->str + self->starts[index];
}

gsize
tend_csv_reader_get_field_length (TendCsvReader *self,
                                  guint          index)
{
  gsize next;

  g_return_val_if_fail (TEND_IS_CSV_READER (self), 0);
  g_return_val_if_fail (index < self->n_fields, 0);

  next = index + 1 < self->n_fields ? self->starts[index + 1] : self->fields->len;

  return next - self->starts[index] - 1;
}

/**
 * tend_csv_reader_dup_record:
 *
 * Returns: (transfer full): a copy of the current record's fields
 */
char **
tend_csv_reader_dup_record (TendCsvReader *self)
{
  char **record;

  g_return_val_if_fail (TEND_IS_CSV_READER (self), NULL);

  record = g_new (char *, self->n_fields + 1);
  for (guint i = 0; i < self->n_fields; i++)
    record[i] = g_strdup (self->fields->str + self->starts[i]);
  record[self->n_fields] = NULL;

  return record;
}

/**
 * tend_csv_reader_get_line:
 *
 * Returns: the physical line (from 1) where the current record starts
 */
guint
tend_csv_reader_get_line (TendCsvReader *self)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), 0);

  return self->record_line;
}

/**
 * tend_csv_reader_set_expected_fields:
 * @n_fields: how many fields each record must have, or 0 for any number
 */
void
tend_csv_reader_set_expected_fields (TendCsvReader *self,
                                     guint          n_fields)
{
  g_return_if_fail (TEND_IS_CSV_READER (self));

  self->expected_fields = n_fields;
}

guint
tend_csv_reader_get_expected_fields (TendCsvReader *self)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), 0);

  return self->expected_fields;
}

const char *
tend_csv_reader_get_name (TendCsvReader *self)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), NULL);

  return self->name;
}

/**
 * tend_csv_reader_get_encoding:
 *
 * Returns: "UTF-8" or "CP932"; a file read only as far as plain ASCII counts as UTF-8
 */
const char *
tend_csv_reader_get_encoding (TendCsvReader *self)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), NULL);

  return self->encoding == ENCODING_CP932 ? "CP932" : "UTF-8";
}

gboolean
tend_csv_reader_get_had_bom (TendCsvReader *self)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), FALSE);

  return self->had_bom;
}

/**
 * tend_csv_reader_get_offset:
 *
 * Returns: how far into the file the reader is, in bytes, for progress: exact for UTF-8,
 *   up to one chunk ahead for CP932, whose characters change length when decoded
 */
guint64
tend_csv_reader_get_offset (TendCsvReader *self)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), 0);

  if (self->encoding == ENCODING_CP932)
    return self->raw_offset + self->raw_start;

  return (self->had_bom ? 3 : 0) + self->text_discarded + self->text_start;
}

/**
 * tend_csv_reader_get_size:
 *
 * Returns: the file's size in bytes, or -1 if it is not known
 */
goffset
tend_csv_reader_get_size (TendCsvReader *self)
{
  g_return_val_if_fail (TEND_IS_CSV_READER (self), -1);

  return self->size;
}
