/* tend-health-score.c: an account's health score on one day, and why it is what it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "scoring/tend-measure.h"
#include "tend-health-score.h"

struct _TendHealthScore
{
  GObject         parent_instance;

  gint64          account_id;
  TendDay         day;
  double          score;
  TendHealthBand  band;
  GPtrArray      *parts;
};

G_DEFINE_FINAL_TYPE (TendHealthScore, tend_health_score, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNT_ID,
  PROP_DAY,
  PROP_SCORE,
  PROP_BAND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (TendHealthBand, tend_health_band,
  G_DEFINE_ENUM_VALUE (TEND_HEALTH_BAND_NONE, "none"),
  G_DEFINE_ENUM_VALUE (TEND_HEALTH_BAND_RED, "red"),
  G_DEFINE_ENUM_VALUE (TEND_HEALTH_BAND_YELLOW, "yellow"),
  G_DEFINE_ENUM_VALUE (TEND_HEALTH_BAND_GREEN, "green"))

G_DEFINE_BOXED_TYPE (TendScorePart, tend_score_part,
                     tend_score_part_copy, tend_score_part_free)
G_DEFINE_BOXED_TYPE (TendScoreChange, tend_score_change,
                     tend_score_change_copy, tend_score_change_free)

/**
 * tend_health_band_to_string:
 *
 * Returns: (nullable): "red", "yellow" or "green" as the store keeps them; %NULL for none
 */
const char *
tend_health_band_to_string (TendHealthBand band)
{
  switch (band)
    {
    case TEND_HEALTH_BAND_RED:
      return "red";
    case TEND_HEALTH_BAND_YELLOW:
      return "yellow";
    case TEND_HEALTH_BAND_GREEN:
      return "green";
    case TEND_HEALTH_BAND_NONE:
    default:
      return NULL;
    }
}

TendHealthBand
tend_health_band_from_string (const char *text)
{
  if (g_strcmp0 (text, "red") == 0)
    return TEND_HEALTH_BAND_RED;
  if (g_strcmp0 (text, "yellow") == 0)
    return TEND_HEALTH_BAND_YELLOW;
  if (g_strcmp0 (text, "green") == 0)
    return TEND_HEALTH_BAND_GREEN;

  return TEND_HEALTH_BAND_NONE;
}

/**
 * tend_health_band_get_label:
 *
 * Returns: the band's name for people, translated
 */
const char *
tend_health_band_get_label (TendHealthBand band)
{
  switch (band)
    {
    case TEND_HEALTH_BAND_RED:
      return C_("health band", "Red");
    case TEND_HEALTH_BAND_YELLOW:
      return C_("health band", "Yellow");
    case TEND_HEALTH_BAND_GREEN:
      return C_("health band", "Green");
    case TEND_HEALTH_BAND_NONE:
    default:
      return C_("health band", "Not scored");
    }
}

TendScorePart *
tend_score_part_copy (const TendScorePart *part)
{
  TendScorePart *copy;

  g_return_val_if_fail (part != NULL, NULL);

  copy = g_memdup2 (part, sizeof *part);
  copy->measure_id = g_strdup (part->measure_id);
  copy->kind = g_strdup (part->kind);
  copy->label = g_strdup (part->label);
  copy->text = g_strdup (part->text);

  return copy;
}

void
tend_score_part_free (TendScorePart *part)
{
  if (part == NULL)
    return;

  g_free (part->measure_id);
  g_free (part->kind);
  g_free (part->label);
  g_free (part->text);
  g_free (part);
}

TendScoreChange *
tend_score_change_copy (const TendScoreChange *change)
{
  TendScoreChange *copy;

  g_return_val_if_fail (change != NULL, NULL);

  copy = g_memdup2 (change, sizeof *change);
  copy->measure_id = g_strdup (change->measure_id);
  copy->label = g_strdup (change->label);

  return copy;
}

void
tend_score_change_free (TendScoreChange *change)
{
  if (change == NULL)
    return;

  g_free (change->measure_id);
  g_free (change->label);
  g_free (change);
}

static void
append_json_string (GString    *json,
                    const char *text)
{
  g_autofree char *repaired = NULL;
  const char *valid = text;

  /* Attribute values come from imported files; JSON must be valid UTF-8 all the same. */
  if (!g_utf8_validate (text, -1, NULL))
    valid = repaired = g_utf8_make_valid (text, -1);

  g_string_append_c (json, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (json, '\\');
          g_string_append_c (json, *p);
        }
      else if ((guchar)*p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guchar)*p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static void
append_json_number (GString    *json,
                    const char *member,
                    double      number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (json, ',');
  g_string_append_c (json, '"');
  g_string_append (json, member);
  g_string_append (json, "\":");

  /* Most points and weights are whole numbers, which print far faster as integers. */
  if (number == (double)(gint64)number && fabs (number) < 1e15)
    g_string_append_printf (json, "%" G_GINT64_FORMAT, (gint64)number);
  else
    g_string_append (json, g_ascii_formatd (buffer, sizeof buffer, "%.12g", number));
}

/**
 * tend_score_part_append_json:
 * @json: where to append the part as a JSON object
 *
 * Writes the part as health_scores.parts holds it: {"id", "kind" (only when it differs
 * from the id), "label" (only when the user set one), "text" or "value", "points" or
 * "missing": true, "weight"}. The share and the contribution are not stored: they follow
 * from the weights and points of the parts, and a recompute writes a million parts, so
 * every byte counts. It is written by hand, not with a JSON builder, for the same reason.
 */
void
tend_score_part_append_json (const TendScorePart *part,
                             GString             *json)
{
  g_return_if_fail (part != NULL && part->measure_id != NULL);

  g_string_append (json, "{\"id\":");
  append_json_string (json, part->measure_id);

  if (part->kind != NULL && !g_str_equal (part->kind, part->measure_id))
    {
      g_string_append (json, ",\"kind\":");
      append_json_string (json, part->kind);
    }

  if (part->label != NULL)
    {
      g_string_append (json, ",\"label\":");
      append_json_string (json, part->label);
    }

  if (part->text != NULL)
    {
      g_string_append (json, ",\"text\":");
      append_json_string (json, part->text);
    }
  else if (!isnan (part->value))
    append_json_number (json, "value", part->value);

  if (part->missing)
    g_string_append (json, ",\"missing\":true");
  else
    append_json_number (json, "points", part->points);

  append_json_number (json, "weight", part->weight);
  g_string_append_c (json, '}');
}

/**
 * tend_score_parts_to_json:
 * @parts: (element-type TendScorePart)
 *
 * Returns: the parts as a JSON array
 */
char *
tend_score_parts_to_json (GPtrArray *parts)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      tend_score_part_append_json (g_ptr_array_index (parts, i), json);
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static double
member_double (JsonObject *object,
               const char *member,
               double      fallback)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return fallback;

  return json_node_get_double (node);
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A part stores its label only when the user customised it, so that the names of the
 * built-in measures follow the language Tend runs in, not the one it scored in. */
static char *
part_default_label (const char *kind_text)
{
  g_autofree char *attribute = NULL;
  TendMeasureKind kind;

  if (!tend_measure_kind_from_string (kind_text, &kind, &attribute))
    return g_strdup (kind_text ? kind_text : "");

  if (kind == TEND_MEASURE_ATTRIBUTE)
    return g_steal_pointer (&attribute);

  return g_strdup (tend_measure_kind_get_label (kind));
}

static TendScorePart *
part_from_json_object (JsonObject *object)
{
  TendScorePart *part = g_new0 (TendScorePart, 1);
  const char *label = member_string (object, "label");
  JsonNode *missing = json_object_get_member (object, "missing");

  part->measure_id = g_strdup (member_string (object, "id") ?: "");
  part->kind = g_strdup (member_string (object, "kind") ?: part->measure_id);
  part->label = label != NULL ? g_strdup (label) : part_default_label (part->kind);
  part->missing = missing != NULL && JSON_NODE_HOLDS_VALUE (missing) &&
                  json_node_get_value_type (missing) == G_TYPE_BOOLEAN &&
                  json_node_get_boolean (missing);
  part->text = g_strdup (member_string (object, "text"));
  part->value = member_double (object, "value", NAN);
  part->weight = member_double (object, "weight", 0);
  part->points = part->missing ? NAN : member_double (object, "points", NAN);

  /* A part that lost its points is as good as missing; say so rather than show 0. */
  part->missing = part->missing || isnan (part->points);

  return part;
}

/* The share of each part is its weight over the weights of the parts with data, as the
 * scorer worked it out; the contributions then add up to the score. */
static void
parts_share_weights (GPtrArray *parts)
{
  double total = 0;

  for (guint i = 0; i < parts->len; i++)
    {
      TendScorePart *part = g_ptr_array_index (parts, i);

      if (!part->missing)
        total += part->weight;
    }

  for (guint i = 0; i < parts->len; i++)
    {
      TendScorePart *part = g_ptr_array_index (parts, i);

      part->effective_weight = part->missing || total <= 0 ? 0 : part->weight / total;
      part->contribution = part->missing ? 0 : part->points * part->effective_weight;
    }
}

/**
 * tend_score_parts_from_json:
 * @json: an array as tend_score_parts_to_json() writes it
 *
 * Returns: (transfer container) (element-type TendScorePart): the parts, their shares
 *   and contributions worked out from their weights; entries that are not objects are
 *   skipped
 */
GPtrArray *
tend_score_parts_from_json (const char  *json,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) parts =
    g_ptr_array_new_with_free_func ((GDestroyNotify)tend_score_part_free);
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, json ? json : "[]", -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("The parts of a health score are not a JSON array."));
      return NULL;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (parts, part_from_json_object (json_node_get_object (node)));
    }

  parts_share_weights (parts);

  return g_steal_pointer (&parts);
}

static void
tend_health_score_finalize (GObject *object)
{
  TendHealthScore *self = (TendHealthScore *)object;

  g_clear_pointer (&self->parts, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_health_score_parent_class)->finalize (object);
}

static void
tend_health_score_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TendHealthScore *self = TEND_HEALTH_SCORE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->account_id);
      break;
    case PROP_DAY:
      g_value_set_int (value, self->day);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_BAND:
      g_value_set_enum (value, self->band);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_health_score_class_init (TendHealthScoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_health_score_finalize;
  object_class->get_property = tend_health_score_get_property;

  /* A score is a record of one day: it never changes, a recompute writes a new one. */
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DAY] =
    g_param_spec_int ("day", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL, 0, 100, 0, flags);
  properties[PROP_BAND] =
    g_param_spec_enum ("band", NULL, NULL,
                       TEND_TYPE_HEALTH_BAND, TEND_HEALTH_BAND_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_health_score_init (TendHealthScore *self)
{
}

/**
 * tend_health_score_new:
 * @parts: (element-type TendScorePart) (transfer none) (nullable): the parts; the score
 *   keeps a reference, so the array must free its parts itself
 */
TendHealthScore *
tend_health_score_new (gint64          account_id,
                       TendDay         day,
                       double          score,
                       TendHealthBand  band,
                       GPtrArray      *parts)
{
  TendHealthScore *self = g_object_new (TEND_TYPE_HEALTH_SCORE, NULL);

  self->account_id = account_id;
  self->day = day;
  self->score = score;
  self->band = band;

  if (parts != NULL)
    self->parts = g_ptr_array_ref (parts);
  else
    self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify)tend_score_part_free);

  return self;
}

static TendHealthScore *
health_score_new_from_row (sqlite3_stmt  *stmt,
                           GError       **error)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *parts_json = (const char *)sqlite3_column_text (stmt, 4);

  parts = tend_score_parts_from_json (parts_json, &local_error);
  if (parts == NULL)
    {
      g_autofree char *account = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  (gint64)sqlite3_column_int64 (stmt, 0));

      /* The id goes in as text: a G_GINT64_FORMAT inside _() cuts the string short for
       * xgettext, so it could never be translated. */
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CORRUPT,
                   _("The health score of account %s on day %d is damaged: %s"),
                   account, sqlite3_column_int (stmt, 1), local_error->message);
      return NULL;
    }

  return tend_health_score_new (sqlite3_column_int64 (stmt, 0),
                                sqlite3_column_int (stmt, 1),
                                sqlite3_column_double (stmt, 2),
                                tend_health_band_from_string
                                  ((const char *)sqlite3_column_text (stmt, 3)),
                                parts);
}

static TendHealthScore *
health_score_load_with (TendStore   *store,
                        const char  *sql,
                        gint64       account_id,
                        TendDay      day,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  TendHealthScore *score = NULL;
  int rc;

  stmt = tend_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, account_id);
  sqlite3_bind_int (stmt, 2, day);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    score = health_score_new_from_row (stmt, error);
  else if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, rc, _("read the health scores"));
  sqlite3_reset (stmt);

  return score;
}

/**
 * tend_health_score_load:
 *
 * Returns: (transfer full) (nullable): the account's score of @day; %NULL without an
 *   error when the account was not scored that day
 */
TendHealthScore *
tend_health_score_load (TendStore  *store,
                        gint64      account_id,
                        TendDay     day,
                        GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return health_score_load_with (store,
                                 "SELECT account_id, day, score, band, parts "
                                 "FROM health_scores WHERE account_id = ?1 AND day = ?2",
                                 account_id, day, error);
}

/**
 * tend_health_score_load_latest:
 * @on_or_before: the last day to consider; G_MAXINT for the newest score
 *
 * Returns: (transfer full) (nullable): the account's newest score on or before
 *   @on_or_before; %NULL without an error when there is none
 */
TendHealthScore *
tend_health_score_load_latest (TendStore  *store,
                               gint64      account_id,
                               TendDay     on_or_before,
                               GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return health_score_load_with (store,
                                 "SELECT account_id, day, score, band, parts "
                                 "FROM health_scores WHERE account_id = ?1 AND day <= ?2 "
                                 "ORDER BY day DESC LIMIT 1",
                                 account_id, on_or_before, error);
}

/**
 * tend_health_score_load_previous:
 *
 * Returns: (transfer full) (nullable): the account's score before this one, the one
 *   tend_health_score_explain() compares with; %NULL without an error for the first
 */
TendHealthScore *
tend_health_score_load_previous (TendHealthScore  *self,
                                 TendStore        *store,
                                 GError          **error)
{
  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), NULL);

  if (self->day == G_MININT)
    return NULL;

  return tend_health_score_load_latest (store, self->account_id, self->day - 1, error);
}

static GArray *
load_points (TendStore   *store,
             const char  *sql,
             gint64       account_id,
             TendDay      from,
             TendDay      to,
             GError     **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (TendScorePoint));
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, account_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TendScorePoint point = {
        .day = sqlite3_column_int (stmt, 0),
        .score = sqlite3_column_double (stmt, 1),
      };

      g_array_append_val (points, point);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, rc, _("read the health score history"));
      return NULL;
    }

  return g_steal_pointer (&points);
}

/**
 * tend_health_score_load_history:
 * @from: the first day, included
 * @to: the last day, included
 *
 * Returns: (transfer full) (element-type TendScorePoint): the account's scores in the
 *   range, oldest first, or %NULL with @error set
 */
GArray *
tend_health_score_load_history (TendStore  *store,
                                gint64      account_id,
                                TendDay     from,
                                TendDay     to,
                                GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return load_points (store,
                      "SELECT day, score FROM health_scores "
                      "WHERE account_id = ?3 AND day BETWEEN ?1 AND ?2 ORDER BY day",
                      account_id, from, to, error);
}

/**
 * tend_health_score_load_portfolio_history:
 *
 * The average score of each scored day in the range, over the accounts that were
 * customers that day: started (no start date, or on or before it) and either active now
 * or churned after it, the definition the portfolio summary uses. Churned accounts with
 * no churn date, trials and paused accounts are left out.
 *
 * Returns: (transfer full) (element-type TendScorePoint): one point a day, oldest first,
 *   or %NULL with @error set
 */
GArray *
tend_health_score_load_portfolio_history (TendStore  *store,
                                          TendDay     from,
                                          TendDay     to,
                                          GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return load_points (store,
                      "SELECT h.day, avg (h.score) FROM health_scores h "
                      "JOIN accounts a ON a.id = h.account_id "
                      "WHERE h.day BETWEEN ?1 AND ?2 "
                      "  AND (a.start_date IS NULL OR a.start_date = '' "
                      "       OR a.start_date <= date (h.day * 86400, 'unixepoch')) "
                      "  AND (a.status = 'active' OR (a.status = 'churned' "
                      "       AND a.churn_date > date (h.day * 86400, 'unixepoch'))) "
                      "GROUP BY h.day ORDER BY h.day",
                      0, from, to, error);
}

gint64
tend_health_score_get_account_id (TendHealthScore *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), 0);

  return self->account_id;
}

TendDay
tend_health_score_get_day (TendHealthScore *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), TEND_DAY_INVALID);

  return self->day;
}

double
tend_health_score_get_score (TendHealthScore *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), 0);

  return self->score;
}

TendHealthBand
tend_health_score_get_band (TendHealthScore *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), TEND_HEALTH_BAND_NONE);

  return self->band;
}

/**
 * tend_health_score_get_parts:
 *
 * Returns: (transfer none) (element-type TendScorePart): the parts, in scorecard order
 */
GPtrArray *
tend_health_score_get_parts (TendHealthScore *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), NULL);

  return self->parts;
}

guint
tend_health_score_get_n_parts (TendHealthScore *self)
{
  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), 0);

  return self->parts->len;
}

const TendScorePart *
tend_health_score_get_part (TendHealthScore *self,
                            guint            position)
{
  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), NULL);
  g_return_val_if_fail (position < self->parts->len, NULL);

  return g_ptr_array_index (self->parts, position);
}

/**
 * tend_health_score_find_part:
 *
 * Returns: (nullable): the part of the measure @measure_id
 */
const TendScorePart *
tend_health_score_find_part (TendHealthScore *self,
                             const char      *measure_id)
{
  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), NULL);

  for (guint i = 0; i < self->parts->len; i++)
    {
      const TendScorePart *part = g_ptr_array_index (self->parts, i);

      if (g_strcmp0 (part->measure_id, measure_id) == 0)
        return part;
    }

  return NULL;
}

/**
 * tend_health_score_get_n_missing:
 *
 * Returns: how many measures had no data for the account
 */
guint
tend_health_score_get_n_missing (TendHealthScore *self)
{
  guint missing = 0;

  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), 0);

  for (guint i = 0; i < self->parts->len; i++)
    {
      const TendScorePart *part = g_ptr_array_index (self->parts, i);

      missing += part->missing ? 1 : 0;
    }

  return missing;
}

static TendScoreChange *
change_new (const TendScorePart *before,
            const TendScorePart *after)
{
  TendScoreChange *change = g_new0 (TendScoreChange, 1);
  const TendScorePart *named = after != NULL ? after : before;

  change->measure_id = g_strdup (named->measure_id);
  change->label = g_strdup (named->label);
  change->was_missing = before == NULL || before->missing;
  change->is_missing = after == NULL || after->missing;
  change->points_before = change->was_missing ? NAN : before->points;
  change->points_after = change->is_missing ? NAN : after->points;
  change->points_delta = change->points_after - change->points_before;
  change->contribution_before = change->was_missing ? 0 : before->contribution;
  change->contribution_after = change->is_missing ? 0 : after->contribution;
  change->contribution_delta = change->contribution_after - change->contribution_before;

  return change;
}

static int
compare_changes_by_impact (gconstpointer a,
                           gconstpointer b)
{
  const TendScoreChange *x = *(TendScoreChange * const *)a;
  const TendScoreChange *y = *(TendScoreChange * const *)b;
  double dx = fabs (x->contribution_delta);
  double dy = fabs (y->contribution_delta);

  return (dx < dy) - (dx > dy);
}

/**
 * tend_health_score_explain:
 * @previous: (nullable): an earlier score of the same account, usually the one
 *   tend_health_score_load_previous() returns; %NULL explains the score from nothing
 *
 * Lists how each measure moved from @previous to this score: its points and its
 * contribution before and after. A measure that only one of the two scores has (the
 * scorecard changed in between) counts as missing on the other side. The list is sorted
 * by the size of the contribution's change, largest first; measures whose contribution
 * did not move come last in scorecard order.
 *
 * Returns: (transfer container) (element-type TendScoreChange): the changes
 */
GPtrArray *
tend_health_score_explain (TendHealthScore *self,
                           TendHealthScore *previous)
{
  GPtrArray *changes;

  g_return_val_if_fail (TEND_IS_HEALTH_SCORE (self), NULL);
  g_return_val_if_fail (previous == NULL || TEND_IS_HEALTH_SCORE (previous), NULL);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify)tend_score_change_free);

  for (guint i = 0; i < self->parts->len; i++)
    {
      const TendScorePart *after = g_ptr_array_index (self->parts, i);
      const TendScorePart *before =
        previous ? tend_health_score_find_part (previous, after->measure_id) : NULL;

      g_ptr_array_add (changes, change_new (before, after));
    }

  for (guint i = 0; previous != NULL && i < previous->parts->len; i++)
    {
      const TendScorePart *before = g_ptr_array_index (previous->parts, i);

      if (tend_health_score_find_part (self, before->measure_id) == NULL)
        g_ptr_array_add (changes, change_new (before, NULL));
    }

  /* The sort is stable, so equal impacts keep scorecard order. */
  g_ptr_array_sort (changes, compare_changes_by_impact);

  return changes;
}
