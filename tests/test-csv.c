/* test-csv.c: the streaming CSV reader, its RFC 4180 cases and encodings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendTest"

#include <string.h>

#include "import/tend-csv-reader.h"

/* A stream that hands out at most a few bytes a read, so that every quote, CRLF and
 * multi-byte character eventually falls across the reader's chunk boundaries. */
#define TEST_TYPE_TRICKLE_STREAM (test_trickle_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, TEST, TRICKLE_STREAM,
                      GInputStream)

struct _TestTrickleStream
{
  GInputStream  parent_instance;
  GBytes       *bytes;
  gsize         position;
  gsize         step;
};

G_DEFINE_FINAL_TYPE (TestTrickleStream, test_trickle_stream, G_TYPE_INPUT_STREAM)

static gssize
test_trickle_stream_read (GInputStream  *stream,
                          void          *buffer,
                          gsize          count,
                          GCancellable  *cancellable,
                          GError       **error)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (stream);
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (MIN (count, self->step), size - self->position);

  if (n > 0)
    memcpy (buffer, data + self->position, n);
  self->position += n;

  return (gssize)n;
}

static gboolean
test_trickle_stream_close (GInputStream  *stream,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return TRUE;
}

static void
test_trickle_stream_finalize (GObject *object)
{
  TestTrickleStream *self = TEST_TRICKLE_STREAM (object);

  g_bytes_unref (self->bytes);

  G_OBJECT_CLASS (test_trickle_stream_parent_class)->finalize (object);
}

static void
test_trickle_stream_class_init (TestTrickleStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_trickle_stream_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = test_trickle_stream_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = test_trickle_stream_close;
}

static void
test_trickle_stream_init (TestTrickleStream *self)
{
}

static TendCsvReader *
reader_new_trickle (const char *data,
                    gsize       length,
                    gsize       step)
{
  g_autoptr(TestTrickleStream) stream = g_object_new (TEST_TYPE_TRICKLE_STREAM, NULL);

  stream->bytes = g_bytes_new (data, length);
  stream->step = step;

  return tend_csv_reader_new_for_stream (G_INPUT_STREAM (stream), "trickle.csv",
                                         (goffset)length);
}

/* Each case: the input, then its records as fields separated by '|' with the record's
 * starting line first, e.g. "2|a|b" is the record (a, b) starting on line 2. */
typedef struct
{
  const char *name;
  const char *input;
  const char *records[6];
} ParseCase;

static const ParseCase parse_cases[] = {
  { "lf", "a,b,c\n1,2,3\n", { "1|a|b|c", "2|1|2|3" } },
  { "crlf", "a,b\r\n1,2\r\n", { "1|a|b", "2|1|2" } },
  { "cr", "a,b\r1,2\r", { "1|a|b", "2|1|2" } },
  { "mixed-endings", "a\r\nb\nc\rd\n", { "1|a", "2|b", "3|c", "4|d" } },
  { "no-final-newline", "a,b\n1,2", { "1|a|b", "2|1|2" } },
  { "quoted-comma", "a,\"b,c\",d\n", { "1|a|b,c|d" } },
  { "doubled-quotes", "\"he said \"\"hi\"\"\",x\n", { "1|he said \"hi\"|x" } },
  { "only-quotes", "\"\"\"\"\"\",\"\"\n", { "1|\"\"|" } },
  { "quoted-lf", "id,note\n1,\"one\ntwo\"\n2,x\n", { "1|id|note", "2|1|one\ntwo", "4|2|x" } },
  { "quoted-crlf", "id,note\r\n1,\"one\r\ntwo\"\r\n2,x\r\n",
    { "1|id|note", "2|1|one\r\ntwo", "4|2|x" } },
  { "quoted-cr", "1,\"one\rtwo\"\n2,x\n", { "1|1|one\rtwo", "3|2|x" } },
  { "quoted-blank-lines", "1,\"a\n\n\nb\"\n2,x\n", { "1|1|a\n\n\nb", "5|2|x" } },
  { "empty-fields", ",,\na,\n", { "1|||", "2|a|" } },
  { "quoted-empty-line", "\"\"\nx\n", { "1|", "2|x" } },
  { "quoted-empty-at-eof", "a,\"\"", { "1|a|" } },
  { "comma-at-eof", "a,", { "1|a|" } },
  { "blank-trailing-line", "a,b\n1,2\n\n", { "1|a|b", "2|1|2" } },
  { "blank-trailing-crlf", "a,b\r\n1,2\r\n\r\n", { "1|a|b", "2|1|2" } },
  { "blank-inner-line", "a\n\nb\n", { "1|a", "3|b" } },
  { "spaces-kept", " a , b \n", { "1| a | b " } },
  { "text-after-quote", "\"ab\"c,d\n", { "1|abc|d" } },
  { "quote-inside-unquoted", "a\"b,c\n", { "1|a\"b|c" } },
  { "utf8", "名前,値\n日本,１\n", { "1|名前|値", "2|日本|１" } },
  { "bom", "\xef\xbb\xbfid,name\n1,x\n", { "1|id|name", "2|1|x" } },
  { "empty", "", { NULL } },
  { "only-newlines", "\n\r\n\n", { NULL } },
};

static char *
record_describe (TendCsvReader *reader)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%u", tend_csv_reader_get_line (reader));
  for (guint i = 0; i < tend_csv_reader_get_n_fields (reader); i++)
    {
      g_string_append_c (out, '|');
      g_string_append (out, tend_csv_reader_get_field (reader, i));
      g_assert_cmpuint (tend_csv_reader_get_field_length (reader, i), ==,
                        strlen (tend_csv_reader_get_field (reader, i)));
    }

  return g_string_free (out, FALSE);
}

static void
check_parse_case (const ParseCase *test,
                  TendCsvReader   *reader)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  while (tend_csv_reader_next (reader, &error))
    {
      g_autofree char *got = record_describe (reader);

      g_assert_nonnull (test->records[n]);
      g_assert_cmpstr (got, ==, test->records[n]);
      n++;
    }

  g_assert_no_error (error);
  g_assert_null (test->records[n]);
  g_assert_cmpuint (tend_csv_reader_get_offset (reader), ==, strlen (test->input));

  /* After the end, the reader stays at the end. */
  g_assert_false (tend_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_parse_case (gconstpointer data)
{
  const ParseCase *test = data;
  static const gsize steps[] = { 1, 2, 3, 7 };
  g_autoptr(TendCsvReader) reader = NULL;

  reader = tend_csv_reader_new_for_data (test->input, strlen (test->input), "case.csv");
  check_parse_case (test, reader);
  g_assert_cmpstr (tend_csv_reader_get_encoding (reader), ==, "UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(TendCsvReader) trickle = NULL;

      trickle = reader_new_trickle (test->input, strlen (test->input), steps[i]);
      check_parse_case (test, trickle);
    }
}

static void
test_bom (void)
{
  static const char input[] = "\xef\xbb\xbf" "id,name\n";
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;

  reader = tend_csv_reader_new_for_data (input, strlen (input), "bom.csv");
  header = tend_csv_reader_read_header (reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (header[0], ==, "id");
  g_assert_cmpuint (strlen (header[0]), ==, 2);
  g_assert_true (tend_csv_reader_get_had_bom (reader));
  g_assert_cmpstr (tend_csv_reader_get_encoding (reader), ==, "UTF-8");
}

static void
test_truncated (void)
{
  static const char input[] = "id,note\n1,ok\n2,\"never closed\nsecond line\n";
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = tend_csv_reader_new_for_data (input, strlen (input), "cut.csv");

  g_assert_true (tend_csv_reader_next (reader, &error));
  g_assert_true (tend_csv_reader_next (reader, &error));
  g_assert_cmpstr (tend_csv_reader_get_field (reader, 1), ==, "ok");
  g_assert_no_error (error);

  g_assert_false (tend_csv_reader_next (reader, &error));
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_TRUNCATED);
  g_assert_cmpstr (error->message, ==,
                   "cut.csv, line 3: the quoted field that opens on line 3 is never closed; "
                   "the file may have been cut short.");
}

static void
test_truncated_crlf (void)
{
  static const char input[] = "id,note\r\n1,\"a\r\nb\r\n";
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = reader_new_trickle (input, strlen (input), 2);

  g_assert_true (tend_csv_reader_next (reader, &error));
  g_assert_false (tend_csv_reader_next (reader, &error));
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "line 2"));
}

static void
test_field_count (void)
{
  static const char input[] = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n";
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;

  reader = tend_csv_reader_new_for_data (input, strlen (input), "count.csv");
  header = tend_csv_reader_read_header (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (header), ==, 3);
  g_assert_cmpuint (tend_csv_reader_get_expected_fields (reader), ==, 3);

  g_assert_true (tend_csv_reader_next (reader, &error));
  g_assert_cmpuint (tend_csv_reader_get_line (reader), ==, 2);

  g_assert_false (tend_csv_reader_next (reader, &error));
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_FIELD_COUNT);
  g_assert_cmpstr (error->message, ==, "count.csv, line 3: expected 3 columns but found 2.");
  g_assert_cmpuint (tend_csv_reader_get_n_fields (reader), ==, 2);
  g_clear_error (&error);

  g_assert_false (tend_csv_reader_next (reader, &error));
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_FIELD_COUNT);
  g_assert_cmpstr (error->message, ==, "count.csv, line 4: expected 3 columns but found 4.");
  g_clear_error (&error);

  /* The reader goes on after a short or long row. */
  g_assert_true (tend_csv_reader_next (reader, &error));
  g_assert_cmpuint (tend_csv_reader_get_line (reader), ==, 5);
  g_assert_cmpstr (tend_csv_reader_get_field (reader, 2), ==, "12");
  g_assert_false (tend_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

static void
test_empty_file (void)
{
  g_autoptr(TendCsvReader) reader = tend_csv_reader_new_for_data ("", 0, "empty.csv");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = tend_csv_reader_read_header (reader, &error);

  g_assert_null (header);
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_READ);
  g_assert_cmpstr (error->message, ==, "empty.csv is empty: there is not even a header line.");
}

/* 顧客ID,会社名,担当者,メモ
 * C001,株式会社テスト,山田太郎,"①～ｶﾅ"
 * in CP932, as Japanese Excel saves it:
 * the NEC circled digit, the wave dash and half-width katakana are the
 * characters that plain Shift_JIS lacks or maps differently. */
static const char cp932_input[] =
  "\x8c\xda\x8b\x71\x49\x44,\x89\xef\x8e\xd0\x96\xbc,\x92\x53\x93\x96\x8e\xd2,\x83\x81\x83\x82\r\n"
  "C001,\x8a\x94\x8e\xae\x89\xef\x8e\xd0\x83\x65\x83\x58\x83\x67,"
  "\x8e\x52\x93\x63\x91\xbe\x98\x59,\"\x87\x40\x81\x60\xb6\xc5\"\r\n";

static void
check_cp932_records (TendCsvReader *reader)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = tend_csv_reader_read_header (reader, &error);
  g_auto(GStrv) row = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (header[0], ==, "顧客ID");
  g_assert_cmpstr (header[1], ==, "会社名");
  g_assert_cmpstr (header[2], ==, "担当者");
  g_assert_cmpstr (header[3], ==, "メモ");

  g_assert_true (tend_csv_reader_next (reader, &error));
  row = tend_csv_reader_dup_record (reader);
  g_assert_cmpstr (row[0], ==, "C001");
  g_assert_cmpstr (row[1], ==, "株式会社テスト");
  g_assert_cmpstr (row[2], ==, "山田太郎");
  g_assert_cmpstr (row[3], ==, "\xe2\x91\xa0\xef\xbd\x9e\xef\xbd\xb6\xef\xbe\x85");
  g_assert_cmpuint (tend_csv_reader_get_line (reader), ==, 2);

  g_assert_false (tend_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tend_csv_reader_get_encoding (reader), ==, "CP932");
  g_assert_false (tend_csv_reader_get_had_bom (reader));
}

static void
test_cp932 (void)
{
  g_autoptr(TendCsvReader) reader = NULL;

  reader = tend_csv_reader_new_for_data (cp932_input, strlen (cp932_input), "sjis.csv");
  check_cp932_records (reader);

  for (gsize step = 1; step <= 5; step++)
    {
      g_autoptr(TendCsvReader) trickle = reader_new_trickle (cp932_input, strlen (cp932_input),
                                                             step);
      check_cp932_records (trickle);
    }
}

/* The first non-ASCII byte comes after more than a chunk of ASCII: the encoding is only
 * decided there, and the earlier rows read the same either way. */
static void
test_cp932_late (void)
{
  g_autoptr(GString) input = g_string_new ("id,name\n");
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  guint rows = 0;
  guint line = 0;

  for (int i = 0; i < 10000; i++)
    g_string_append_printf (input, "%d,Customer %d\n", i, i);
  g_string_append (input, "10000,\x8a\x94\x8e\xae\x89\xef\x8e\xd0\n");
  g_assert_cmpuint (input->len, >, 128 * 1024);

  reader = tend_csv_reader_new_for_data (input->str, input->len, "late.csv");
  while (tend_csv_reader_next (reader, &error))
    {
      rows++;
      g_clear_pointer (&last, g_free);
      last = g_strdup (tend_csv_reader_get_field (reader, 1));
      line = tend_csv_reader_get_line (reader);
    }

  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 10002);
  g_assert_cmpstr (last, ==, "株式会社");
  g_assert_cmpuint (line, ==, 10002);
  g_assert_cmpstr (tend_csv_reader_get_encoding (reader), ==, "CP932");
}

typedef struct
{
  const char *name;
  const char *input;
  gsize       length;
  const char *message;
} EncodingErrorCase;

static const EncodingErrorCase encoding_error_cases[] = {
  { "latin1-ff", "id,name\n1,abc\xff\xfe\n", 0,
    "bad.csv, line 2: the byte at offset 13 is neither UTF-8 nor Shift_JIS (CP932) text. "
    "Is it a CSV file? Save it as “CSV UTF-8” and import it again." },
  { "nul", "id,name\n1,a\0b\n", 14,
    "bad.csv, line 2: the byte at offset 11 is neither UTF-8 nor Shift_JIS (CP932) text. "
    "Is it a CSV file? Save it as “CSV UTF-8” and import it again." },
  { "utf16", "\xff\xfei\0d\0\n\0", 8,
    "bad.csv is UTF-16 text, which Tend does not read. Save it as “CSV UTF-8” and import "
    "it again." },
  { "utf8-then-ff", "id\n\xe6\x97\xa5\xff", 0,
    "bad.csv, line 2: the byte at offset 6 is neither UTF-8 nor Shift_JIS (CP932) text. "
    "Is it a CSV file? Save it as “CSV UTF-8” and import it again." },
};

static void
test_encoding_error (gconstpointer data)
{
  const EncodingErrorCase *test = data;
  gsize length = test->length != 0 ? test->length : strlen (test->input);
  g_autoptr(TendCsvReader) reader = tend_csv_reader_new_for_data (test->input, length, "bad.csv");
  g_autoptr(GError) error = NULL;

  while (tend_csv_reader_next (reader, &error))
    ;

  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, test->message);
}

/* A file that is UTF-8 for more than a chunk, then has a byte that is not. */
static void
test_utf8_then_invalid (void)
{
  g_autoptr(GString) input = g_string_new ("id,name\n");
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gsize bad_offset;
  guint rows = 0;

  for (int i = 0; i < 5000; i++)
    g_string_append_printf (input, "%d,日本語の名前 %d\n", i, i);
  bad_offset = input->len + 5;
  g_string_append (input, "5000,\x82\xa0\n");

  reader = tend_csv_reader_new_for_data (input->str, input->len, "mixed.csv");
  while (tend_csv_reader_next (reader, &error))
    rows++;

  expected = g_strdup_printf ("mixed.csv, line 5002: the byte at offset %" G_GSIZE_FORMAT
                              " is not valid UTF-8, although the file started as UTF-8. "
                              "Save it as “CSV UTF-8” and import it again.", bad_offset);
  g_assert_cmpuint (rows, ==, 5001);
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_cp932_then_invalid (void)
{
  g_autoptr(GString) input = g_string_new ("id,name\n");
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gsize bad_offset;

  for (int i = 0; i < 8000; i++)
    g_string_append_printf (input, "%d,\x8a\x94\x8e\xae\x89\xef\x8e\xd0\n", i);
  bad_offset = input->len + 2;
  g_string_append (input, "x,\x80\n");

  reader = tend_csv_reader_new_for_data (input->str, input->len, "sjis.csv");
  while (tend_csv_reader_next (reader, &error))
    ;

  expected = g_strdup_printf ("sjis.csv, line 8002: the byte at offset %" G_GSIZE_FORMAT
                              " is not valid Shift_JIS (CP932), although the file started as "
                              "Shift_JIS. Save it as “CSV UTF-8” and import it again.",
                              bad_offset);
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, expected);
}

/* Many quoted, multi-line, multi-byte records: whatever the chunk boundaries cut, every
 * record comes back whole and on the right line. */
static void
test_chunk_boundaries (void)
{
  g_autoptr(GString) input = g_string_new ("id,note,amount\r\n");
  g_autoptr(TendCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint line = 2;
  int i = 0;

  for (i = 0; i < 20000; i++)
    g_string_append_printf (input, "%d,\"注記 %d, \"\"引用\"\"\r\n二行目\",%d.%02d\r\n",
                            i, i, i, i % 100);

  reader = tend_csv_reader_new_for_data (input->str, input->len, "big.csv");
  g_strfreev (tend_csv_reader_read_header (reader, &error));
  g_assert_no_error (error);

  for (i = 0; tend_csv_reader_next (reader, &error); i++)
    {
      g_autofree char *note = g_strdup_printf ("注記 %d, \"引用\"\r\n二行目", i);
      g_autofree char *id = g_strdup_printf ("%d", i);

      g_assert_cmpstr (tend_csv_reader_get_field (reader, 0), ==, id);
      g_assert_cmpstr (tend_csv_reader_get_field (reader, 1), ==, note);
      g_assert_cmpuint (tend_csv_reader_get_line (reader), ==, line);
      line += 2;
    }

  g_assert_no_error (error);
  g_assert_cmpint (i, ==, 20000);
  g_assert_cmpuint (tend_csv_reader_get_offset (reader), ==, input->len);
}

static void
test_open_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TendCsvReader) reader = NULL;

  reader = tend_csv_reader_new_for_path ("/nonexistent/folder/accounts.csv", &error);

  g_assert_null (reader);
  g_assert_error (error, TEND_CSV_ERROR, TEND_CSV_ERROR_READ);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Could not open /nonexistent/folder/accounts.csv: "));
}

static void
test_open_path (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "csv-quoted.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TendCsvReader) reader = tend_csv_reader_new_for_path (path, &error);
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) row = NULL;

  g_assert_no_error (error);
  header = tend_csv_reader_read_header (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (header), ==, 3);

  g_assert_true (tend_csv_reader_next (reader, &error));
  row = tend_csv_reader_dup_record (reader);
  g_assert_cmpstr (row[0], ==, "A-1");
  g_assert_cmpstr (row[1], ==, "Acme, Inc.");
  g_assert_cmpstr (row[2], ==, "Said \"renew\"\r\nthen left");
  g_assert_cmpint (tend_csv_reader_get_size (reader), ==,
                   (goffset)tend_csv_reader_get_offset (reader) + 11);

  g_assert_true (tend_csv_reader_next (reader, &error));
  g_assert_cmpuint (tend_csv_reader_get_line (reader), ==, 4);
  g_assert_false (tend_csv_reader_next (reader, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/parse/%s", parse_cases[i].name);

      g_test_add_data_func (path, &parse_cases[i], test_parse_case);
    }

  for (guint i = 0; i < G_N_ELEMENTS (encoding_error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/encoding/error/%s",
                                               encoding_error_cases[i].name);

      g_test_add_data_func (path, &encoding_error_cases[i], test_encoding_error);
    }

  g_test_add_func ("/csv/parse/chunk-boundaries", test_chunk_boundaries);
  g_test_add_func ("/csv/errors/truncated", test_truncated);
  g_test_add_func ("/csv/errors/truncated-crlf", test_truncated_crlf);
  g_test_add_func ("/csv/errors/field-count", test_field_count);
  g_test_add_func ("/csv/errors/empty-file", test_empty_file);
  g_test_add_func ("/csv/errors/open-missing", test_open_missing);
  g_test_add_func ("/csv/encoding/bom", test_bom);
  g_test_add_func ("/csv/encoding/cp932", test_cp932);
  g_test_add_func ("/csv/encoding/cp932-late", test_cp932_late);
  g_test_add_func ("/csv/encoding/utf8-then-invalid", test_utf8_then_invalid);
  g_test_add_func ("/csv/encoding/cp932-then-invalid", test_cp932_then_invalid);
  g_test_add_func ("/csv/file/open", test_open_path);

  return g_test_run ();
}
