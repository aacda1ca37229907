/* tend-scorecard.c: the measures, weights and bands that make a health score
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendScoring"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "scoring/tend-scoring-resources.h"
#include "tend-scorecard.h"

struct _TendScorecard
{
  GObject    parent_instance;

  gint64     id;
  char      *name;
  double     red_below;
  double     green_from;
  GPtrArray *measures;
};

static void tend_scorecard_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TendScorecard, tend_scorecard, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tend_scorecard_list_model_init))

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_RED_BELOW,
  PROP_GREEN_FROM,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const struct
{
  const char *name;
  const char *resource;
} builtins[] = {
  { TEND_SCORECARD_DEFAULT, "/io/github/tendcs/Tend/scoring/default.json" },
  { TEND_SCORECARD_TELCO, "/io/github/tendcs/Tend/scoring/telco.json" },
};

/* The names are keys the workspace stores, so they stay in English whatever the language;
 * the labels of their measures do follow the user's language (see tend_measure_to_json). */
static const char * const builtin_names[] = { TEND_SCORECARD_DEFAULT, TEND_SCORECARD_TELCO, NULL };

static void
scorecard_emit_changed (TendScorecard *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
measure_notify_cb (TendMeasure   *measure,
                   GParamSpec    *pspec,
                   TendScorecard *self)
{
  scorecard_emit_changed (self);
}

static GType
tend_scorecard_get_item_type (GListModel *model)
{
  return TEND_TYPE_MEASURE;
}

static guint
tend_scorecard_get_n_items (GListModel *model)
{
  return TEND_SCORECARD (model)->measures->len;
}

static gpointer
tend_scorecard_get_item (GListModel *model,
                         guint       position)
{
  TendScorecard *self = TEND_SCORECARD (model);

  if (position >= self->measures->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->measures, position));
}

static void
tend_scorecard_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tend_scorecard_get_item_type;
  iface->get_n_items = tend_scorecard_get_n_items;
  iface->get_item = tend_scorecard_get_item;
}

static void
scorecard_disconnect_measure (gpointer data,
                              gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (data, measure_notify_cb, user_data);
}

static void
tend_scorecard_dispose (GObject *object)
{
  TendScorecard *self = (TendScorecard *)object;

  if (self->measures != NULL)
    {
      g_ptr_array_foreach (self->measures, scorecard_disconnect_measure, self);
      g_ptr_array_set_size (self->measures, 0);
    }

  G_OBJECT_CLASS (tend_scorecard_parent_class)->dispose (object);
}

static void
tend_scorecard_finalize (GObject *object)
{
  TendScorecard *self = (TendScorecard *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->measures, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_scorecard_parent_class)->finalize (object);
}

static void
tend_scorecard_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TendScorecard *self = TEND_SCORECARD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_RED_BELOW:
      g_value_set_double (value, self->red_below);
      break;
    case PROP_GREEN_FROM:
      g_value_set_double (value, self->green_from);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_scorecard_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TendScorecard *self = TEND_SCORECARD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tend_scorecard_set_name (self, g_value_get_string (value));
      break;
    case PROP_RED_BELOW:
      tend_scorecard_set_red_below (self, g_value_get_double (value));
      break;
    case PROP_GREEN_FROM:
      tend_scorecard_set_green_from (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_scorecard_class_init (TendScorecardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tend_scorecard_dispose;
  object_class->finalize = tend_scorecard_finalize;
  object_class->get_property = tend_scorecard_get_property;
  object_class->set_property = tend_scorecard_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_RED_BELOW] =
    g_param_spec_double ("red-below", NULL, NULL, 0, 100, TEND_SCORECARD_RED_BELOW, flags);
  properties[PROP_GREEN_FROM] =
    g_param_spec_double ("green-from", NULL, NULL, 0, 100, TEND_SCORECARD_GREEN_FROM, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TendScorecard::changed:
   *
   * Emitted after any change that alters scores: the name, a cut-off, a measure added,
   * removed or moved, or any property of a measure. The editor saves and recomputes on it.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
tend_scorecard_init (TendScorecard *self)
{
  self->red_below = TEND_SCORECARD_RED_BELOW;
  self->green_from = TEND_SCORECARD_GREEN_FROM;
  self->measures = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * tend_scorecard_new:
 *
 * Creates an empty scorecard with the default bands.
 */
TendScorecard *
tend_scorecard_new (const char *name)
{
  TendScorecard *self = g_object_new (TEND_TYPE_SCORECARD, NULL);

  self->name = g_strdup (name);

  return self;
}

gint64
tend_scorecard_get_id (TendScorecard *self)
{
  g_return_val_if_fail (TEND_IS_SCORECARD (self), 0);

  return self->id;
}

static void
scorecard_set_id (TendScorecard *self,
                  gint64         id)
{
  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
tend_scorecard_get_name (TendScorecard *self)
{
  g_return_val_if_fail (TEND_IS_SCORECARD (self), NULL);

  return self->name;
}

void
tend_scorecard_set_name (TendScorecard *self,
                         const char    *name)
{
  g_return_if_fail (TEND_IS_SCORECARD (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  scorecard_emit_changed (self);
}

double
tend_scorecard_get_red_below (TendScorecard *self)
{
  g_return_val_if_fail (TEND_IS_SCORECARD (self), TEND_SCORECARD_RED_BELOW);

  return self->red_below;
}

/**
 * tend_scorecard_set_red_below:
 * @red_below: 0 to 100; scores below it are red
 */
void
tend_scorecard_set_red_below (TendScorecard *self,
                              double         red_below)
{
  g_return_if_fail (TEND_IS_SCORECARD (self));
  g_return_if_fail (red_below >= 0 && red_below <= 100);

  if (self->red_below == red_below)
    return;

  self->red_below = red_below;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RED_BELOW]);
  scorecard_emit_changed (self);
}

double
tend_scorecard_get_green_from (TendScorecard *self)
{
  g_return_val_if_fail (TEND_IS_SCORECARD (self), TEND_SCORECARD_GREEN_FROM);

  return self->green_from;
}

/**
 * tend_scorecard_set_green_from:
 * @green_from: 0 to 100; scores at or above it are green
 */
void
tend_scorecard_set_green_from (TendScorecard *self,
                               double         green_from)
{
  g_return_if_fail (TEND_IS_SCORECARD (self));
  g_return_if_fail (green_from >= 0 && green_from <= 100);

  if (self->green_from == green_from)
    return;

  self->green_from = green_from;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GREEN_FROM]);
  scorecard_emit_changed (self);
}

/**
 * tend_scorecard_band_for_score:
 * @score: 0 to 100, or NAN for an account that could not be scored
 *
 * Returns: red below the red cut-off, green at or above the green cut-off, yellow in
 *   between; none for NAN
 */
TendHealthBand
tend_scorecard_band_for_score (TendScorecard *self,
                               double         score)
{
  g_return_val_if_fail (TEND_IS_SCORECARD (self), TEND_HEALTH_BAND_NONE);

  if (isnan (score))
    return TEND_HEALTH_BAND_NONE;

  if (score < self->red_below)
    return TEND_HEALTH_BAND_RED;

  if (score >= self->green_from)
    return TEND_HEALTH_BAND_GREEN;

  return TEND_HEALTH_BAND_YELLOW;
}

/**
 * tend_scorecard_get_total_weight:
 *
 * Returns: the sum of the measures' weights, what the editor shows shares against
 */
double
tend_scorecard_get_total_weight (TendScorecard *self)
{
  double total = 0;

  g_return_val_if_fail (TEND_IS_SCORECARD (self), 0);

  for (guint i = 0; i < self->measures->len; i++)
    total += tend_measure_get_weight (g_ptr_array_index (self->measures, i));

  return total;
}

guint
tend_scorecard_get_n_measures (TendScorecard *self)
{
  g_return_val_if_fail (TEND_IS_SCORECARD (self), 0);

  return self->measures->len;
}

/**
 * tend_scorecard_get_measure:
 *
 * Returns: (transfer none): the measure at @position
 */
TendMeasure *
tend_scorecard_get_measure (TendScorecard *self,
                            guint          position)
{
  g_return_val_if_fail (TEND_IS_SCORECARD (self), NULL);
  g_return_val_if_fail (position < self->measures->len, NULL);

  return g_ptr_array_index (self->measures, position);
}

/**
 * tend_scorecard_find_measure:
 *
 * Returns: (transfer none) (nullable): the measure whose id is @id
 */
TendMeasure *
tend_scorecard_find_measure (TendScorecard *self,
                             const char    *id)
{
  g_return_val_if_fail (TEND_IS_SCORECARD (self), NULL);

  for (guint i = 0; i < self->measures->len; i++)
    {
      TendMeasure *measure = g_ptr_array_index (self->measures, i);

      if (g_strcmp0 (tend_measure_get_id (measure), id) == 0)
        return measure;
    }

  return NULL;
}

/* Two measures may read the same input with different rules, but each needs its own id
 * for its score parts and explanations to be told apart. */
static void
scorecard_make_id_unique (TendScorecard *self,
                          TendMeasure   *measure)
{
  const char *id = tend_measure_get_id (measure);

  if (id == NULL || tend_scorecard_find_measure (self, id) == NULL)
    return;

  for (guint n = 2; ; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%u", id, n);

      if (tend_scorecard_find_measure (self, candidate) == NULL)
        {
          tend_measure_set_id (measure, candidate);
          return;
        }
    }
}

/**
 * tend_scorecard_insert_measure:
 * @position: where; the number of measures or more appends
 *
 * Adds @measure, renaming its id if another measure has it already. The scorecard takes
 * a reference and follows the measure's changes.
 */
void
tend_scorecard_insert_measure (TendScorecard *self,
                               guint          position,
                               TendMeasure   *measure)
{
  g_return_if_fail (TEND_IS_SCORECARD (self));
  g_return_if_fail (TEND_IS_MEASURE (measure));
  g_return_if_fail (!g_ptr_array_find (self->measures, measure, NULL));

  position = MIN (position, self->measures->len);
  scorecard_make_id_unique (self, measure);

  g_ptr_array_insert (self->measures, position, g_object_ref (measure));
  g_signal_connect (measure, "notify", G_CALLBACK (measure_notify_cb), self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  scorecard_emit_changed (self);
}

void
tend_scorecard_add_measure (TendScorecard *self,
                            TendMeasure   *measure)
{
  g_return_if_fail (TEND_IS_SCORECARD (self));

  tend_scorecard_insert_measure (self, self->measures->len, measure);
}

void
tend_scorecard_remove_measure (TendScorecard *self,
                               guint          position)
{
  TendMeasure *measure;

  g_return_if_fail (TEND_IS_SCORECARD (self));
  g_return_if_fail (position < self->measures->len);

  measure = g_ptr_array_steal_index (self->measures, position);
  scorecard_disconnect_measure (measure, self);
  g_object_unref (measure);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  scorecard_emit_changed (self);
}

/**
 * tend_scorecard_move_measure:
 *
 * Moves the measure at @from to @to; the order is the order of the score's parts.
 */
void
tend_scorecard_move_measure (TendScorecard *self,
                             guint          from,
                             guint          to)
{
  gpointer measure;

  g_return_if_fail (TEND_IS_SCORECARD (self));
  g_return_if_fail (from < self->measures->len && to < self->measures->len);

  if (from == to)
    return;

  measure = g_ptr_array_steal_index (self->measures, from);
  g_ptr_array_insert (self->measures, to, measure);

  g_list_model_items_changed (G_LIST_MODEL (self), MIN (from, to),
                              ABS ((int)from - (int)to) + 1, ABS ((int)from - (int)to) + 1);
  scorecard_emit_changed (self);
}

static gboolean
scorecard_invalid (GError    **error,
                   const char *name,
                   const char *problem)
{
  if (name == NULL || *name == '\0')
    g_set_error (error, TEND_SCORING_ERROR, TEND_SCORING_ERROR_INVALID,
                 /* Translators: "Scorecard: <what is wrong>" */
                 _("Scorecard: %s"), problem);
  else
    g_set_error (error, TEND_SCORING_ERROR, TEND_SCORING_ERROR_INVALID,
                 /* Translators: "Scorecard “<name>”: <what is wrong>" */
                 _("Scorecard “%s”: %s"), name, problem);

  return FALSE;
}

static gboolean
scorecard_validate_measures (TendScorecard  *self,
                             GError        **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  double total = 0;

  for (guint i = 0; i < self->measures->len; i++)
    {
      TendMeasure *measure = g_ptr_array_index (self->measures, i);
      g_autoptr(GError) local_error = NULL;

      if (!tend_measure_validate (measure, &local_error))
        return scorecard_invalid (error, self->name, local_error->message);

      if (!g_hash_table_add (ids, (gpointer)tend_measure_get_id (measure)))
        {
          g_autofree char *problem = g_strdup_printf (_("two measures have the id “%s”."),
                                                      tend_measure_get_id (measure));

          return scorecard_invalid (error, self->name, problem);
        }

      total += tend_measure_get_weight (measure);
    }

  if (total <= 0)
    return scorecard_invalid (error, self->name,
                              _("give at least one measure a weight above zero."));

  return TRUE;
}

/**
 * tend_scorecard_validate:
 *
 * Checks that the scorecard can score: a name, cut-offs with red at or below green, and
 * valid measures with distinct ids, at least one of them weighing something.
 */
gboolean
tend_scorecard_validate (TendScorecard  *self,
                         GError        **error)
{
  g_return_val_if_fail (TEND_IS_SCORECARD (self), FALSE);

  if (self->name == NULL || *self->name == '\0')
    return scorecard_invalid (error, NULL, _("give the scorecard a name."));

  if (!(self->red_below <= self->green_from))
    return scorecard_invalid (error, self->name,
                              _("the red cut-off must not be above the green one."));

  return scorecard_validate_measures (self, error);
}

/**
 * tend_scorecard_to_json:
 *
 * Returns: (transfer full): the scorecard as the store keeps it: {"name": ..., "bands":
 *   {"red_below": 40, "green_from": 70}, "measures": [...]}, each measure as
 *   tend_measure_to_json() writes it
 */
char *
tend_scorecard_to_json (TendScorecard *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (TEND_IS_SCORECARD (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name ? self->name : "");
  json_builder_set_member_name (builder, "bands");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "red_below");
  json_builder_add_double_value (builder, self->red_below);
  json_builder_set_member_name (builder, "green_from");
  json_builder_add_double_value (builder, self->green_from);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "measures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->measures->len; i++)
    json_builder_add_value (builder, tend_measure_to_json (g_ptr_array_index (self->measures, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  return json_generator_to_data (generator, NULL);
}

static gboolean
read_band (JsonObject *bands,
           const char *member,
           double     *value)
{
  JsonNode *node = bands ? json_object_get_member (bands, member) : NULL;
  GType type;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_double (node);

  return *value >= 0 && *value <= 100;
}

static gboolean
scorecard_read_measures (TendScorecard  *self,
                         JsonNode       *node,
                         GError        **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return scorecard_invalid (error, self->name, _("it needs a list of measures."));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(TendMeasure) measure = NULL;

      measure = tend_measure_new_from_json (json_array_get_element (array, i), error);
      if (measure == NULL)
        return FALSE;

      tend_scorecard_add_measure (self, measure);
    }

  return TRUE;
}

static gboolean
scorecard_read_object (TendScorecard  *self,
                       JsonObject     *object,
                       GError        **error)
{
  JsonNode *bands_node = json_object_get_member (object, "bands");
  JsonNode *name = json_object_get_member (object, "name");
  JsonObject *bands = NULL;

  if (name != NULL && JSON_NODE_HOLDS_VALUE (name) &&
      json_node_get_value_type (name) == G_TYPE_STRING)
    self->name = g_strdup (json_node_get_string (name));

  if (bands_node != NULL && JSON_NODE_HOLDS_OBJECT (bands_node))
    bands = json_node_get_object (bands_node);
  else if (bands_node != NULL)
    return scorecard_invalid (error, self->name, _("the bands must be an object."));

  if (!read_band (bands, "red_below", &self->red_below) ||
      !read_band (bands, "green_from", &self->green_from))
    return scorecard_invalid (error, self->name,
                              _("the band cut-offs must be numbers from 0 to 100."));

  if (!scorecard_read_measures (self, json_object_get_member (object, "measures"), error))
    return FALSE;

  return tend_scorecard_validate (self, error);
}

/**
 * tend_scorecard_new_from_json:
 * @json: a scorecard as tend_scorecard_to_json() writes it
 *
 * Returns: (transfer full) (nullable): the scorecard, or %NULL with @error set to a
 *   %TEND_SCORING_ERROR_INVALID that says what is wrong and where
 */
TendScorecard *
tend_scorecard_new_from_json (const char  *json,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(TendScorecard) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, TEND_SCORING_ERROR, TEND_SCORING_ERROR_INVALID,
                   _("The scorecard is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  self = g_object_new (TEND_TYPE_SCORECARD, NULL);
  root = json_parser_get_root (parser);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      scorecard_invalid (error, NULL, _("it must be a JSON object."));
      return NULL;
    }

  if (!scorecard_read_object (self, json_node_get_object (root), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tend_scorecard_copy:
 *
 * Returns: (transfer full): an independent copy, with the same id, for a worker thread
 */
TendScorecard *
tend_scorecard_copy (TendScorecard *self)
{
  TendScorecard *copy;

  g_return_val_if_fail (TEND_IS_SCORECARD (self), NULL);

  copy = tend_scorecard_new (self->name);
  copy->id = self->id;
  copy->red_below = self->red_below;
  copy->green_from = self->green_from;

  for (guint i = 0; i < self->measures->len; i++)
    {
      g_autoptr(TendMeasure) measure = tend_measure_copy (g_ptr_array_index (self->measures, i));

      tend_scorecard_add_measure (copy, measure);
    }

  return copy;
}

const char * const *
tend_scorecard_get_builtin_names (void)
{
  return builtin_names;
}

/**
 * tend_scorecard_new_builtin:
 * @name: %TEND_SCORECARD_DEFAULT or %TEND_SCORECARD_TELCO
 *
 * Returns: (transfer full) (nullable): a fresh, unsaved copy of a scorecard Tend ships,
 *   or %NULL if there is none of that name
 */
TendScorecard *
tend_scorecard_new_builtin (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      TendScorecard *self;

      if (!g_str_equal (name, builtins[i].name))
        continue;

      bytes = g_resource_lookup_data (tend_scoring_get_resource (), builtins[i].resource,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        self = tend_scorecard_new_from_json (g_bytes_get_data (bytes, NULL), &error);
      else
        self = NULL;

      /* The built-in scorecards are compiled in and tested; failing here is a bug. */
      if (self == NULL)
        g_critical ("Built-in scorecard %s is broken: %s", name, error->message);

      return self;
    }

  return NULL;
}

static gboolean
scorecard_name_is_builtin (const char *name)
{
  return g_strv_contains (builtin_names, name);
}

static gboolean
step_rows (TendStore     *store,
           sqlite3_stmt  *stmt,
           GPtrArray     *texts,
           const char    *doing,
           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (texts, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, rc, doing);
      return FALSE;
    }

  return TRUE;
}

/* Reads the first row's id, definition and, when asked, name (the third column); FALSE
 * with no error when there is no row. */
static gboolean
scorecard_read_row (TendStore     *store,
                    sqlite3_stmt  *stmt,
                    gint64        *id,
                    char         **definition,
                    char         **name,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *definition = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      if (name != NULL)
        *name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    tend_store_set_error (store, error, rc, _("read the scorecards"));

  return rc == SQLITE_ROW;
}

static TendScorecard *
scorecard_new_from_row (gint64       id,
                        const char  *name,
                        const char  *definition,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  TendScorecard *self;

  self = tend_scorecard_new_from_json (definition, &local_error);
  if (self == NULL)
    {
      g_set_error (error, TEND_SCORING_ERROR, TEND_SCORING_ERROR_INVALID,
                   _("The saved scorecard “%s” cannot be read: %s"),
                   name, local_error->message);
      return NULL;
    }

  /* The row's name is the one the workspace knows it by. */
  g_free (self->name);
  self->name = g_strdup (name);
  self->id = id;

  return self;
}

static TendScorecard *
scorecard_load_by_name (TendStore   *store,
                        const char  *name,
                        gboolean    *found,
                        GError     **error)
{
  g_autofree char *definition = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = tend_store_prepare (store, "SELECT id, definition FROM scorecards WHERE name = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  *found = scorecard_read_row (store, stmt, &id, &definition, NULL, error);
  if (!*found)
    return NULL;

  return scorecard_new_from_row (id, name, definition, error);
}

/**
 * tend_scorecard_load:
 *
 * Loads the saved scorecard @name. A built-in scorecard is saved into the workspace the
 * first time it is asked for, so that it can then be edited like any other.
 *
 * Returns: (transfer full) (nullable): the scorecard, or %NULL with @error set
 *   (%TEND_SCORING_ERROR_NOT_FOUND when there is no scorecard of that name)
 */
TendScorecard *
tend_scorecard_load (TendStore   *store,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  TendScorecard *self;
  gboolean found = FALSE;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = scorecard_load_by_name (store, name, &found, &local_error);
  if (found || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return self;
    }

  if (scorecard_name_is_builtin (name))
    {
      if (!tend_scorecard_install_builtins (store, error))
        return NULL;
      return scorecard_load_by_name (store, name, &found, error);
    }

  g_set_error (error, TEND_SCORING_ERROR, TEND_SCORING_ERROR_NOT_FOUND,
               _("There is no scorecard named “%s” in %s."), name, tend_store_get_path (store));

  return NULL;
}

static TendScorecard *
scorecard_load_active_row (TendStore  *store,
                           gboolean   *found,
                           GError    **error)
{
  g_autofree char *definition = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = tend_store_prepare (store,
                             "SELECT id, definition, name FROM scorecards "
                             "WHERE is_active ORDER BY id LIMIT 1",
                             error);
  if (stmt == NULL)
    return NULL;

  *found = scorecard_read_row (store, stmt, &id, &definition, &name, error);
  if (!*found)
    return NULL;

  return scorecard_new_from_row (id, name, definition, error);
}

/**
 * tend_scorecard_load_active:
 *
 * Loads the scorecard the workspace scores with. A workspace that has none yet gets the
 * built-in scorecards, with "Default" active.
 *
 * Returns: (transfer full) (nullable): the active scorecard, or %NULL with @error set
 */
TendScorecard *
tend_scorecard_load_active (TendStore  *store,
                            GError    **error)
{
  g_autoptr(TendScorecard) fallback = NULL;
  g_autoptr(GError) local_error = NULL;
  TendScorecard *self;
  gboolean found = FALSE;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  self = scorecard_load_active_row (store, &found, &local_error);
  if (found || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return self;
    }

  fallback = tend_scorecard_load (store, TEND_SCORECARD_DEFAULT, error);
  if (fallback == NULL || !tend_scorecard_activate (fallback, store, error))
    return NULL;

  return g_steal_pointer (&fallback);
}

static gboolean
scorecard_update_row (TendScorecard  *self,
                      TendStore      *store,
                      const char     *definition,
                      gboolean       *updated,
                      GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (store,
                             "UPDATE scorecards SET name = ?1, definition = ?2, "
                             "updated_at = unixepoch () WHERE id = ?3",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, definition, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, self->id);

  if (!tend_store_step_done (store, stmt, error))
    return FALSE;

  *updated = sqlite3_changes (tend_store_get_db (store)) > 0;

  return TRUE;
}

static gboolean
scorecard_insert_row (TendScorecard  *self,
                      TendStore      *store,
                      const char     *definition,
                      GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (store,
                             "INSERT INTO scorecards (name, definition) VALUES (?1, ?2) "
                             "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, "
                             "updated_at = unixepoch () RETURNING id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, definition, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    scorecard_set_id (self, sqlite3_column_int64 (stmt, 0));
  else
    tend_store_set_error (store, error, rc, _("save the scorecard"));
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static gboolean
scorecard_name_taken (TendScorecard  *self,
                      TendStore      *store,
                      GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean taken;

  stmt = tend_store_prepare (store,
                             "SELECT 1 FROM scorecards WHERE name = ?1 AND id != ?2", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, self->id);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (taken)
    g_set_error (error, TEND_SCORING_ERROR, TEND_SCORING_ERROR_INVALID,
                 _("Another scorecard is already named “%s”; choose another name."),
                 self->name);

  return taken;
}

/**
 * tend_scorecard_save:
 *
 * Saves the scorecard in the workspace: a scorecard loaded from it is updated (renamed
 * too), a new one is stored under its name, replacing a saved scorecard of that name.
 * Emits the store's "changed" signal with the detail "scorecards". The caller recomputes
 * the scores when the scorecard is the active one.
 */
gboolean
tend_scorecard_save (TendScorecard  *self,
                     TendStore      *store,
                     GError        **error)
{
  g_autofree char *definition = NULL;
  gboolean updated = FALSE;

  g_return_val_if_fail (TEND_IS_SCORECARD (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (!tend_scorecard_validate (self, error))
    return FALSE;

  definition = tend_scorecard_to_json (self);

  if (self->id > 0)
    {
      if (scorecard_name_taken (self, store, error) ||
          !scorecard_update_row (self, store, definition, &updated, error))
        return FALSE;
    }

  if (!updated && !scorecard_insert_row (self, store, definition, error))
    return FALSE;

  tend_store_emit_changed (store, "scorecards");

  return TRUE;
}

/**
 * tend_scorecard_activate:
 *
 * Makes this the scorecard the workspace scores with, saving it first if it never was.
 * Emits the store's "changed" signal with the detail "scorecards".
 */
gboolean
tend_scorecard_activate (TendScorecard  *self,
                         TendStore      *store,
                         GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_SCORECARD (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (self->id == 0 && !tend_scorecard_save (self, store, error))
    return FALSE;

  stmt = tend_store_prepare (store, "UPDATE scorecards SET is_active = (id = ?1)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->id);
  if (!tend_store_step_done (store, stmt, error))
    return FALSE;

  tend_store_emit_changed (store, "scorecards");

  return TRUE;
}

static gboolean
scorecard_insert_builtin (TendStore   *store,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(TendScorecard) builtin = tend_scorecard_new_builtin (name);
  g_autofree char *definition = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (builtin != NULL, FALSE);

  definition = tend_scorecard_to_json (builtin);
  stmt = tend_store_prepare (store,
                             "INSERT INTO scorecards (name, definition) VALUES (?1, ?2) "
                             "ON CONFLICT (name) DO NOTHING",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, definition, -1, SQLITE_TRANSIENT);

  return tend_store_step_done (store, stmt, error);
}

/**
 * tend_scorecard_install_builtins:
 *
 * Saves the built-in scorecards the workspace does not have yet; ones it has (perhaps
 * edited) are left alone.
 */
gboolean
tend_scorecard_install_builtins (TendStore  *store,
                                 GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (!tend_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      if (!scorecard_insert_builtin (store, builtins[i].name, error))
        {
          tend_store_rollback (store);
          return FALSE;
        }
    }

  if (!tend_store_commit (store, error))
    return FALSE;

  tend_store_emit_changed (store, "scorecards");

  return TRUE;
}

/**
 * tend_scorecard_list_names:
 *
 * Returns: (transfer full): the names of the saved scorecards, alphabetically
 */
GStrv
tend_scorecard_list_names (TendStore  *store,
                           GError    **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  stmt = tend_store_prepare (store,
                             "SELECT name FROM scorecards ORDER BY name COLLATE NOCASE", error);
  if (stmt == NULL || !step_rows (store, stmt, names, _("read the scorecards"), error))
    return NULL;

  g_ptr_array_add (names, NULL);

  return (GStrv)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * tend_scorecard_delete:
 *
 * Deletes a saved scorecard. When it was the active one, the workspace goes back to
 * "Default" the next time the active scorecard is loaded.
 */
gboolean
tend_scorecard_delete (TendStore   *store,
                       const char  *name,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stmt = tend_store_prepare (store, "DELETE FROM scorecards WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!tend_store_step_done (store, stmt, error))
    return FALSE;

  if (sqlite3_changes (tend_store_get_db (store)) == 0)
    {
      g_set_error (error, TEND_SCORING_ERROR, TEND_SCORING_ERROR_NOT_FOUND,
                   _("There is no scorecard named “%s” in %s."),
                   name, tend_store_get_path (store));
      return FALSE;
    }

  tend_store_emit_changed (store, "scorecards");

  return TRUE;
}
