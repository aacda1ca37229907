/* tend-measure.c: one input of a health scorecard and the rule that turns it into points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendScoring"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tend-measure.h"

typedef struct
{
  char   *value;
  char   *key;     /* value normalised and case-folded, for matching */
  double  points;
} Category;

struct _TendMeasure
{
  GObject          parent_instance;

  char            *id;
  char            *label;
  TendMeasureKind  kind;
  char            *attribute;
  double           weight;

  TendRuleType     rule_type;
  gboolean         higher_is_better;
  double           good;
  double           poor;
  GPtrArray       *categories;
};

G_DEFINE_FINAL_TYPE (TendMeasure, tend_measure, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_KIND,
  PROP_ATTRIBUTE,
  PROP_WEIGHT,
  PROP_RULE_TYPE,
  PROP_HIGHER_IS_BETTER,
  PROP_GOOD,
  PROP_POOR,
  PROP_CATEGORIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (tend-scoring-error-quark, tend_scoring_error)

G_DEFINE_ENUM_TYPE (TendMeasureKind, tend_measure_kind,
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_USAGE_TREND, "usage-trend"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_DAYS_SINCE_ACTIVITY, "days-since-activity"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_SEAT_UTILIZATION, "seat-utilization"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_ADOPTION, "adoption"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_SUPPORT_TICKETS, "support-tickets"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_SATISFACTION, "satisfaction"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_BILLING, "billing"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_DAYS_SINCE_CSM_TOUCH, "days-since-csm-touch"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_OVERDUE_MILESTONES, "overdue-milestones"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_ACCOUNT_AGE, "account-age"),
  G_DEFINE_ENUM_VALUE (TEND_MEASURE_ATTRIBUTE, "attribute"))

G_DEFINE_ENUM_TYPE (TendRuleType, tend_rule_type,
  G_DEFINE_ENUM_VALUE (TEND_RULE_THRESHOLDS, "thresholds"),
  G_DEFINE_ENUM_VALUE (TEND_RULE_LINEAR, "linear"),
  G_DEFINE_ENUM_VALUE (TEND_RULE_CATEGORICAL, "categorical"))

/* The rule a new measure of each kind starts with: what a typical B2B SaaS customer
 * looks like when healthy (good) and when at risk (poor). */
static const struct
{
  const char   *name;
  const char   *label;
  const char   *unit;
  TendRuleType  rule_type;
  gboolean      higher_is_better;
  double        good;
  double        poor;
} kind_info[TEND_MEASURE_N_KINDS] = {
  [TEND_MEASURE_USAGE_TREND] =
    { "usage_trend", N_("Usage trend"),
      /* xgettext:no-c-format */
      N_("% change"), TEND_RULE_LINEAR, TRUE, 10, -30 },
  [TEND_MEASURE_DAYS_SINCE_ACTIVITY] =
    { "days_since_activity", N_("Days since last activity"), N_("days"),
      TEND_RULE_LINEAR, FALSE, 3, 30 },
  [TEND_MEASURE_SEAT_UTILIZATION] =
    { "seat_utilization", N_("Active users against seats"),
      /* xgettext:no-c-format */
      N_("% of seats"),
      TEND_RULE_LINEAR, TRUE, 80, 20 },
  [TEND_MEASURE_ADOPTION] =
    { "adoption", N_("Adoption breadth"), N_("features"), TEND_RULE_LINEAR, TRUE, 6, 1 },
  [TEND_MEASURE_SUPPORT_TICKETS] =
    { "support_tickets", N_("Support tickets"), N_("weighted tickets"),
      TEND_RULE_THRESHOLDS, FALSE, 4, 16 },
  [TEND_MEASURE_SATISFACTION] =
    { "satisfaction", N_("Satisfaction"), N_("CSAT 1–5"), TEND_RULE_LINEAR, TRUE, 4.5, 3 },
  [TEND_MEASURE_BILLING] =
    { "billing", N_("Billing health"), N_("failed or late payments"),
      TEND_RULE_THRESHOLDS, FALSE, 0, 2 },
  [TEND_MEASURE_DAYS_SINCE_CSM_TOUCH] =
    { "days_since_csm_touch", N_("Days since last CSM touch"), N_("days"),
      TEND_RULE_LINEAR, FALSE, 30, 90 },
  [TEND_MEASURE_OVERDUE_MILESTONES] =
    { "overdue_milestones", N_("Overdue milestones"), N_("milestones"),
      TEND_RULE_THRESHOLDS, FALSE, 0, 2 },
  [TEND_MEASURE_ACCOUNT_AGE] =
    { "account_age", N_("Account age"), N_("months"), TEND_RULE_LINEAR, TRUE, 24, 3 },
  [TEND_MEASURE_ATTRIBUTE] =
    { "attribute", N_("Custom attribute"), "", TEND_RULE_LINEAR, TRUE, 100, 0 },
};

static const char *const rule_names[] = { "thresholds", "linear", "categorical" };

#define ATTRIBUTE_PREFIX "attribute:"

const char *
tend_measure_kind_to_string (TendMeasureKind kind)
{
  g_return_val_if_fail (kind < TEND_MEASURE_N_KINDS, NULL);

  return kind_info[kind].name;
}

/**
 * tend_measure_kind_from_string:
 * @text: a kind as a scorecard's JSON names it, such as "usage_trend" or "attribute:tenure"
 * @attribute: (out) (optional): the attribute key of "attribute:KEY", else %NULL
 *
 * Returns: whether @text names a kind
 */
gboolean
tend_measure_kind_from_string (const char       *text,
                               TendMeasureKind  *kind,
                               char            **attribute)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (attribute != NULL)
    *attribute = NULL;

  if (text == NULL)
    return FALSE;

  if (g_str_has_prefix (text, ATTRIBUTE_PREFIX))
    {
      if (text[strlen (ATTRIBUTE_PREFIX)] == '\0')
        return FALSE;

      *kind = TEND_MEASURE_ATTRIBUTE;
      if (attribute != NULL)
        *attribute = g_strdup (text + strlen (ATTRIBUTE_PREFIX));
      return TRUE;
    }

  for (guint i = 0; i < TEND_MEASURE_ATTRIBUTE; i++)
    {
      if (g_str_equal (text, kind_info[i].name))
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * tend_measure_kind_get_label:
 *
 * Returns: the kind's name for people, translated
 */
const char *
tend_measure_kind_get_label (TendMeasureKind kind)
{
  g_return_val_if_fail (kind < TEND_MEASURE_N_KINDS, NULL);

  return _(kind_info[kind].label);
}

/**
 * tend_measure_kind_get_unit:
 *
 * Returns: the unit of the kind's raw value, translated; empty for attributes
 */
const char *
tend_measure_kind_get_unit (TendMeasureKind kind)
{
  g_return_val_if_fail (kind < TEND_MEASURE_N_KINDS, NULL);

  return kind_info[kind].unit[0] != '\0' ? _(kind_info[kind].unit) : "";
}

const char *
tend_rule_type_to_string (TendRuleType type)
{
  g_return_val_if_fail (type <= TEND_RULE_CATEGORICAL, NULL);

  return rule_names[type];
}

gboolean
tend_rule_type_from_string (const char   *text,
                            TendRuleType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_names); i++)
    {
      if (g_strcmp0 (text, rule_names[i]) == 0)
        {
          *type = i;
          return TRUE;
        }
    }

  return FALSE;
}

static char *
category_key (const char *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  /* Invalid UTF-8 cannot be normalised; it still matches itself byte for byte. */
  if (normal == NULL)
    return g_steal_pointer (&stripped);

  return g_utf8_casefold (normal, -1);
}

static void
category_free (gpointer data)
{
  Category *category = data;

  g_free (category->value);
  g_free (category->key);
  g_free (category);
}

static void
tend_measure_finalize (GObject *object)
{
  TendMeasure *self = (TendMeasure *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->attribute, g_free);
  g_clear_pointer (&self->categories, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_measure_parent_class)->finalize (object);
}

static GStrv
measure_dup_category_values (TendMeasure *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->categories->len; i++)
    {
      Category *category = g_ptr_array_index (self->categories, i);

      g_strv_builder_add (builder, category->value);
    }

  return g_strv_builder_end (builder);
}

static void
tend_measure_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TendMeasure *self = TEND_MEASURE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, tend_measure_get_label (self));
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_ATTRIBUTE:
      g_value_set_string (value, self->attribute);
      break;
    case PROP_WEIGHT:
      g_value_set_double (value, self->weight);
      break;
    case PROP_RULE_TYPE:
      g_value_set_enum (value, self->rule_type);
      break;
    case PROP_HIGHER_IS_BETTER:
      g_value_set_boolean (value, self->higher_is_better);
      break;
    case PROP_GOOD:
      g_value_set_double (value, self->good);
      break;
    case PROP_POOR:
      g_value_set_double (value, self->poor);
      break;
    case PROP_CATEGORIES:
      g_value_take_boxed (value, measure_dup_category_values (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_measure_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TendMeasure *self = TEND_MEASURE (object);

  switch (prop_id)
    {
    case PROP_ID:
      tend_measure_set_id (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      tend_measure_set_label (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      tend_measure_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_ATTRIBUTE:
      tend_measure_set_attribute (self, g_value_get_string (value));
      break;
    case PROP_WEIGHT:
      tend_measure_set_weight (self, g_value_get_double (value));
      break;
    case PROP_RULE_TYPE:
      tend_measure_set_rule_type (self, g_value_get_enum (value));
      break;
    case PROP_HIGHER_IS_BETTER:
      tend_measure_set_higher_is_better (self, g_value_get_boolean (value));
      break;
    case PROP_GOOD:
      tend_measure_set_good (self, g_value_get_double (value));
      break;
    case PROP_POOR:
      tend_measure_set_poor (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_measure_class_init (TendMeasureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_measure_finalize;
  object_class->get_property = tend_measure_get_property;
  object_class->set_property = tend_measure_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       TEND_TYPE_MEASURE_KIND, TEND_MEASURE_USAGE_TREND, flags);
  properties[PROP_ATTRIBUTE] =
    g_param_spec_string ("attribute", NULL, NULL, NULL, flags);
  properties[PROP_WEIGHT] =
    g_param_spec_double ("weight", NULL, NULL, 0, G_MAXDOUBLE, 1, flags);
  properties[PROP_RULE_TYPE] =
    g_param_spec_enum ("rule-type", NULL, NULL,
                       TEND_TYPE_RULE_TYPE, TEND_RULE_LINEAR, flags);
  properties[PROP_HIGHER_IS_BETTER] =
    g_param_spec_boolean ("higher-is-better", NULL, NULL, TRUE, flags);
  properties[PROP_GOOD] =
    g_param_spec_double ("good", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 100, flags);
  properties[PROP_POOR] =
    g_param_spec_double ("poor", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);

  /**
   * TendMeasure:categories:
   *
   * The values of a categorical rule's table, in order. It notifies whenever the table
   * changes, the points of a value included.
   */
  properties[PROP_CATEGORIES] =
    g_param_spec_boxed ("categories", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_measure_init (TendMeasure *self)
{
  self->weight = 1;
  self->rule_type = TEND_RULE_LINEAR;
  self->higher_is_better = TRUE;
  self->good = 100;
  self->poor = 0;
  self->categories = g_ptr_array_new_with_free_func (category_free);
}

static void
measure_apply_kind_defaults (TendMeasure *self)
{
  self->rule_type = kind_info[self->kind].rule_type;
  self->higher_is_better = kind_info[self->kind].higher_is_better;
  self->good = kind_info[self->kind].good;
  self->poor = kind_info[self->kind].poor;
}

/**
 * tend_measure_new:
 * @id: (nullable): the measure's identifier within its scorecard; %NULL for the kind's name
 * @attribute: (nullable): the custom attribute's key, for %TEND_MEASURE_ATTRIBUTE
 *
 * Creates a measure of weight 1 whose rule is the kind's usual one (see the table above).
 */
TendMeasure *
tend_measure_new (const char      *id,
                  TendMeasureKind  kind,
                  const char      *attribute)
{
  TendMeasure *self;

  g_return_val_if_fail (kind < TEND_MEASURE_N_KINDS, NULL);

  self = g_object_new (TEND_TYPE_MEASURE, NULL);
  self->kind = kind;
  self->attribute = g_strdup (attribute);
  self->id = id != NULL ? g_strdup (id) : tend_measure_dup_kind_string (self);
  measure_apply_kind_defaults (self);

  return self;
}

/**
 * tend_measure_copy:
 *
 * Returns: (transfer full): an independent measure equal to @self
 */
TendMeasure *
tend_measure_copy (TendMeasure *self)
{
  TendMeasure *copy;

  g_return_val_if_fail (TEND_IS_MEASURE (self), NULL);

  copy = tend_measure_new (self->id, self->kind, self->attribute);
  copy->label = g_strdup (self->label);
  copy->weight = self->weight;
  copy->rule_type = self->rule_type;
  copy->higher_is_better = self->higher_is_better;
  copy->good = self->good;
  copy->poor = self->poor;

  for (guint i = 0; i < self->categories->len; i++)
    {
      Category *category = g_ptr_array_index (self->categories, i);

      tend_measure_set_category_points (copy, category->value, category->points);
    }

  return copy;
}

const char *
tend_measure_get_id (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), NULL);

  return self->id;
}

void
tend_measure_set_id (TendMeasure *self,
                     const char  *id)
{
  g_return_if_fail (TEND_IS_MEASURE (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

/**
 * tend_measure_get_label:
 *
 * Returns: the label the user gave, else the kind's translated name (the attribute's key
 *   for an attribute)
 */
const char *
tend_measure_get_label (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), NULL);

  if (self->label != NULL)
    return self->label;

  if (self->kind == TEND_MEASURE_ATTRIBUTE && self->attribute != NULL)
    return self->attribute;

  return tend_measure_kind_get_label (self->kind);
}

gboolean
tend_measure_has_custom_label (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), FALSE);

  return self->label != NULL;
}

/**
 * tend_measure_set_label:
 * @label: (nullable): the label; %NULL or "" goes back to the kind's name
 */
void
tend_measure_set_label (TendMeasure *self,
                        const char  *label)
{
  g_return_if_fail (TEND_IS_MEASURE (self));

  if (label != NULL && *label == '\0')
    label = NULL;

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

TendMeasureKind
tend_measure_get_kind (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), TEND_MEASURE_USAGE_TREND);

  return self->kind;
}

/**
 * tend_measure_set_kind:
 *
 * Changes what the measure reads. The rule stays as it is; the label follows the kind
 * unless the user gave one.
 */
void
tend_measure_set_kind (TendMeasure     *self,
                       TendMeasureKind  kind)
{
  g_return_if_fail (TEND_IS_MEASURE (self));
  g_return_if_fail (kind < TEND_MEASURE_N_KINDS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);

  if (self->label == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
tend_measure_get_attribute (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), NULL);

  return self->attribute;
}

void
tend_measure_set_attribute (TendMeasure *self,
                            const char  *attribute)
{
  g_return_if_fail (TEND_IS_MEASURE (self));

  if (g_strcmp0 (self->attribute, attribute) == 0)
    return;

  g_free (self->attribute);
  self->attribute = g_strdup (attribute);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTRIBUTE]);

  if (self->label == NULL && self->kind == TEND_MEASURE_ATTRIBUTE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/**
 * tend_measure_dup_kind_string:
 *
 * Returns: the kind as the scorecard's JSON writes it, "attribute:KEY" for an attribute
 */
char *
tend_measure_dup_kind_string (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), NULL);

  if (self->kind == TEND_MEASURE_ATTRIBUTE)
    return g_strconcat (ATTRIBUTE_PREFIX, self->attribute ? self->attribute : "", NULL);

  return g_strdup (kind_info[self->kind].name);
}

double
tend_measure_get_weight (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), 0);

  return self->weight;
}

void
tend_measure_set_weight (TendMeasure *self,
                         double       weight)
{
  g_return_if_fail (TEND_IS_MEASURE (self));
  g_return_if_fail (weight >= 0);

  if (self->weight == weight)
    return;

  self->weight = weight;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEIGHT]);
}

TendRuleType
tend_measure_get_rule_type (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), TEND_RULE_LINEAR);

  return self->rule_type;
}

void
tend_measure_set_rule_type (TendMeasure  *self,
                            TendRuleType  type)
{
  g_return_if_fail (TEND_IS_MEASURE (self));
  g_return_if_fail (type <= TEND_RULE_CATEGORICAL);

  if (self->rule_type == type)
    return;

  self->rule_type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE_TYPE]);
}

gboolean
tend_measure_get_higher_is_better (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), TRUE);

  return self->higher_is_better;
}

void
tend_measure_set_higher_is_better (TendMeasure *self,
                                   gboolean     higher_is_better)
{
  g_return_if_fail (TEND_IS_MEASURE (self));

  higher_is_better = !!higher_is_better;
  if (self->higher_is_better == higher_is_better)
    return;

  self->higher_is_better = higher_is_better;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHER_IS_BETTER]);
}

double
tend_measure_get_good (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), 0);

  return self->good;
}

void
tend_measure_set_good (TendMeasure *self,
                       double       good)
{
  g_return_if_fail (TEND_IS_MEASURE (self));

  if (self->good == good)
    return;

  self->good = good;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOOD]);
}

double
tend_measure_get_poor (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), 0);

  return self->poor;
}

void
tend_measure_set_poor (TendMeasure *self,
                       double       poor)
{
  g_return_if_fail (TEND_IS_MEASURE (self));

  if (self->poor == poor)
    return;

  self->poor = poor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOR]);
}

guint
tend_measure_get_n_categories (TendMeasure *self)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), 0);

  return self->categories->len;
}

/**
 * tend_measure_get_category:
 * @points: (out) (optional): the value's points
 *
 * Returns: the value at @position of the categorical table
 */
const char *
tend_measure_get_category (TendMeasure *self,
                           guint        position,
                           double      *points)
{
  Category *category;

  g_return_val_if_fail (TEND_IS_MEASURE (self), NULL);
  g_return_val_if_fail (position < self->categories->len, NULL);

  category = g_ptr_array_index (self->categories, position);
  if (points != NULL)
    *points = category->points;

  return category->value;
}

static Category *
measure_find_category (TendMeasure *self,
                       const char  *key)
{
  for (guint i = 0; i < self->categories->len; i++)
    {
      Category *category = g_ptr_array_index (self->categories, i);

      if (g_str_equal (category->key, key))
        return category;
    }

  return NULL;
}

/**
 * tend_measure_set_category_points:
 * @value: a value of the input, as the data writes it
 * @points: 0 to 100
 *
 * Sets the points of @value in the categorical table, adding it at the end if it is new.
 * Values match without regard to case or surrounding space.
 */
void
tend_measure_set_category_points (TendMeasure *self,
                                  const char  *value,
                                  double       points)
{
  g_autofree char *key = NULL;
  Category *category;

  g_return_if_fail (TEND_IS_MEASURE (self));
  g_return_if_fail (value != NULL);
  g_return_if_fail (points >= 0 && points <= 100);

  key = category_key (value);
  category = measure_find_category (self, key);

  if (category != NULL && category->points == points && g_str_equal (category->value, value))
    return;

  if (category == NULL)
    {
      category = g_new0 (Category, 1);
      category->key = g_steal_pointer (&key);
      g_ptr_array_add (self->categories, category);
    }

  g_free (category->value);
  category->value = g_strdup (value);
  category->points = points;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORIES]);
}

gboolean
tend_measure_remove_category (TendMeasure *self,
                              const char  *value)
{
  g_autofree char *key = NULL;
  Category *category;

  g_return_val_if_fail (TEND_IS_MEASURE (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  key = category_key (value);
  category = measure_find_category (self, key);
  if (category == NULL)
    return FALSE;

  g_ptr_array_remove (self->categories, category);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORIES]);

  return TRUE;
}

/**
 * tend_measure_lookup_category:
 * @points: (out) (optional): the points of @value
 *
 * Returns: whether @value is in the categorical table
 */
gboolean
tend_measure_lookup_category (TendMeasure *self,
                              const char  *value,
                              double      *points)
{
  g_autofree char *key = NULL;
  Category *category;

  g_return_val_if_fail (TEND_IS_MEASURE (self), FALSE);

  if (value == NULL)
    return FALSE;

  key = category_key (value);
  category = measure_find_category (self, key);
  if (category == NULL)
    return FALSE;

  if (points != NULL)
    *points = category->points;

  return TRUE;
}

static double
threshold_points (double   value,
                  double   good,
                  double   poor,
                  gboolean higher_is_better)
{
  if (higher_is_better ? value >= good : value <= good)
    return 100;

  if (higher_is_better ? value <= poor : value >= poor)
    return 0;

  return 50;
}

static double
linear_points (double   value,
               double   good,
               double   poor,
               gboolean higher_is_better)
{
  double points;

  /* With both bounds equal the line is a step at the bound. */
  if (good == poor)
    return (higher_is_better ? value >= good : value <= good) ? 100 : 0;

  points = 100 * (value - poor) / (good - poor);

  /* Adding zero turns the -0 of a lower-is-better line at its poor bound into 0. */
  return CLAMP (points, 0, 100) + 0.0;
}

/**
 * tend_measure_points_for_value:
 * @value: the raw value, or NAN when the account has none
 *
 * Returns: 0 to 100 points, or NAN when the value is missing (a categorical rule looks
 *   the number up as text, so 1.0 matches the value "1")
 */
double
tend_measure_points_for_value (TendMeasure *self,
                               double       value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (TEND_IS_MEASURE (self), NAN);

  if (isnan (value))
    return NAN;

  switch (self->rule_type)
    {
    case TEND_RULE_THRESHOLDS:
      return threshold_points (value, self->good, self->poor, self->higher_is_better);
    case TEND_RULE_LINEAR:
      return linear_points (value, self->good, self->poor, self->higher_is_better);
    case TEND_RULE_CATEGORICAL:
      g_ascii_formatd (text, sizeof text, "%.15g", value);
      return tend_measure_points_for_text (self, text);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
parse_number (const char *text,
              double     *number)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*stripped == '\0')
    return FALSE;

  *number = g_ascii_strtod (stripped, &end);

  return end != NULL && *end == '\0' && isfinite (*number);
}

/**
 * tend_measure_points_for_text:
 * @text: (nullable): the raw value as text; a number for a numeric rule
 *
 * Returns: 0 to 100 points, or NAN when the value is missing, not in the categorical
 *   table, or not a number for a numeric rule
 */
double
tend_measure_points_for_text (TendMeasure *self,
                              const char  *text)
{
  double value;
  double points;

  g_return_val_if_fail (TEND_IS_MEASURE (self), NAN);

  if (text == NULL)
    return NAN;

  if (self->rule_type == TEND_RULE_CATEGORICAL)
    return tend_measure_lookup_category (self, text, &points) ? points : NAN;

  if (!parse_number (text, &value))
    return NAN;

  return tend_measure_points_for_value (self, value);
}

static gboolean
measure_invalid (TendMeasure  *self,
                 GError      **error,
                 const char   *problem)
{
  g_set_error (error, TEND_SCORING_ERROR, TEND_SCORING_ERROR_INVALID,
               /* Translators: "Measure “<label>”: <what is wrong>" */
               _("Measure “%s”: %s"),
               self->id != NULL ? tend_measure_get_label (self) : "", problem);

  return FALSE;
}

static gboolean
measure_validate_bounds (TendMeasure  *self,
                         GError      **error)
{
  if (!isfinite (self->good) || !isfinite (self->poor))
    return measure_invalid (self, error, _("the good and poor bounds must be numbers."));

  if (self->higher_is_better && self->good < self->poor)
    return measure_invalid (self, error,
                            _("higher is better, so the good bound must not be below the "
                              "poor bound."));

  if (!self->higher_is_better && self->good > self->poor)
    return measure_invalid (self, error,
                            _("lower is better, so the good bound must not be above the "
                              "poor bound."));

  return TRUE;
}

/**
 * tend_measure_validate:
 *
 * Checks what the setters cannot check one property at a time: an identifier, an
 * attribute key for an attribute measure, bounds in the order the direction asks for,
 * and a non-empty table for a categorical rule.
 */
gboolean
tend_measure_validate (TendMeasure  *self,
                       GError      **error)
{
  g_return_val_if_fail (TEND_IS_MEASURE (self), FALSE);

  if (self->id == NULL || *self->id == '\0')
    return measure_invalid (self, error, _("it has no identifier."));

  if (self->kind == TEND_MEASURE_ATTRIBUTE &&
      (self->attribute == NULL || *self->attribute == '\0'))
    return measure_invalid (self, error, _("choose the custom attribute it reads."));

  if (self->kind == TEND_MEASURE_ATTRIBUTE && strchr (self->attribute, '"') != NULL)
    return measure_invalid (self, error,
                            _("attribute names with a double quote cannot be scored."));

  if (!isfinite (self->weight) || self->weight < 0)
    return measure_invalid (self, error, _("the weight must be zero or more."));

  if (self->rule_type == TEND_RULE_CATEGORICAL && self->categories->len == 0)
    return measure_invalid (self, error, _("give points to at least one value."));

  if (self->rule_type != TEND_RULE_CATEGORICAL)
    return measure_validate_bounds (self, error);

  return TRUE;
}

static JsonNode *
rule_to_json (TendMeasure *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, rule_names[self->rule_type]);

  if (self->rule_type == TEND_RULE_CATEGORICAL)
    {
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->categories->len; i++)
        {
          Category *category = g_ptr_array_index (self->categories, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "value");
          json_builder_add_string_value (builder, category->value);
          json_builder_set_member_name (builder, "points");
          json_builder_add_double_value (builder, category->points);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  else
    {
      json_builder_set_member_name (builder, "higher_is_better");
      json_builder_add_boolean_value (builder, self->higher_is_better);
      json_builder_set_member_name (builder, "good");
      json_builder_add_double_value (builder, self->good);
      json_builder_set_member_name (builder, "poor");
      json_builder_add_double_value (builder, self->poor);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * tend_measure_to_json:
 *
 * Returns: (transfer full): the measure as a scorecard's JSON holds it, such as
 *   {"id": "tickets", "kind": "support_tickets", "weight": 10, "rule": {"type":
 *   "thresholds", "higher_is_better": false, "good": 4, "poor": 16}}; "label" is written
 *   only when the user gave one, so that built-in labels follow the user's language.
 */
JsonNode *
tend_measure_to_json (TendMeasure *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *kind = NULL;

  g_return_val_if_fail (TEND_IS_MEASURE (self), NULL);

  kind = tend_measure_dup_kind_string (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  if (self->label != NULL)
    {
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, self->label);
    }
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "weight");
  json_builder_add_double_value (builder, self->weight);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_value (builder, rule_to_json (self));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
json_invalid (GError    **error,
              const char *where,
              const char *problem)
{
  g_set_error (error, TEND_SCORING_ERROR, TEND_SCORING_ERROR_INVALID,
               /* Translators: "Measure “<id or position>”: <what is wrong>" */
               _("Measure “%s”: %s"), where, problem);

  return FALSE;
}

/* Reads an optional number member; only a JSON number (or nothing) is accepted. */
static gboolean
json_get_number (JsonObject *object,
                 const char *member,
                 double     *number)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;

  *number = json_node_get_double (node);

  return isfinite (*number);
}

static const char *
json_get_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
measure_read_categories (TendMeasure  *self,
                         JsonObject   *rule,
                         GError      **error)
{
  JsonNode *node = json_object_get_member (rule, "categories");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return json_invalid (error, self->id, _("a categorical rule needs a list of categories."));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *value = object != NULL ? json_get_string (object, "value") : NULL;
      double points = NAN;

      if (value == NULL || !json_get_number (object, "points", &points) ||
          isnan (points) || points < 0 || points > 100)
        return json_invalid (error, self->id,
                             _("each category needs a text value and 0 to 100 points."));

      tend_measure_set_category_points (self, value, points);
    }

  return TRUE;
}

static gboolean
measure_read_rule (TendMeasure  *self,
                   JsonNode     *node,
                   GError      **error)
{
  JsonObject *rule;
  JsonNode *direction;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_invalid (error, self->id, _("the rule must be an object."));

  rule = json_node_get_object (node);
  if (!tend_rule_type_from_string (json_get_string (rule, "type"), &self->rule_type))
    return json_invalid (error, self->id,
                         _("the rule type must be “thresholds”, “linear” or "
                           "“categorical”."));

  if (self->rule_type == TEND_RULE_CATEGORICAL)
    return measure_read_categories (self, rule, error);

  direction = json_object_get_member (rule, "higher_is_better");
  if (direction != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (direction) ||
          json_node_get_value_type (direction) != G_TYPE_BOOLEAN)
        return json_invalid (error, self->id, _("“higher_is_better” must be true or false."));
      self->higher_is_better = json_node_get_boolean (direction);
    }

  if (!json_get_number (rule, "good", &self->good) ||
      !json_get_number (rule, "poor", &self->poor))
    return json_invalid (error, self->id, _("the good and poor bounds must be numbers."));

  return TRUE;
}

/**
 * tend_measure_new_from_json:
 * @node: a measure as tend_measure_to_json() writes it; a missing rule takes the kind's
 *   usual one, a missing weight is 1
 *
 * Returns: (transfer full) (nullable): the measure, or %NULL with @error set to a
 *   %TEND_SCORING_ERROR_INVALID that names the measure and what is wrong with it
 */
TendMeasure *
tend_measure_new_from_json (JsonNode  *node,
                            GError   **error)
{
  g_autoptr(TendMeasure) self = NULL;
  g_autofree char *attribute = NULL;
  TendMeasureKind kind;
  JsonObject *object;
  const char *kind_text;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_invalid (error, "?", _("a measure must be an object."));
      return NULL;
    }

  object = json_node_get_object (node);
  kind_text = json_get_string (object, "kind");
  if (!tend_measure_kind_from_string (kind_text, &kind, &attribute))
    {
      g_autofree char *problem =
        g_strdup_printf (_("“%s” is not a kind of measure Tend knows."),
                         kind_text ? kind_text : "");

      json_invalid (error, json_get_string (object, "id") ?: "?", problem);
      return NULL;
    }

  self = tend_measure_new (json_get_string (object, "id"), kind, attribute);
  tend_measure_set_label (self, json_get_string (object, "label"));

  if (!json_get_number (object, "weight", &self->weight))
    {
      json_invalid (error, self->id, _("the weight must be a number."));
      return NULL;
    }

  if (!measure_read_rule (self, json_object_get_member (object, "rule"), error) ||
      !tend_measure_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}
