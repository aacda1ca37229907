/* tend-import-mapping.c: which CSV column feeds which account field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A mapping names columns by their header text, so that one saved mapping serves every
 * export of the same report. Columns it does not name are kept as custom attributes.
 * Built-in mappings ship as JSON in the engine's GResource; saved ones live in the
 * import_mappings table, and a saved mapping shadows a built-in one of the same name.
 */

#define G_LOG_DOMAIN "TendImport"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tend-import-mapping.h"
#include "tend-import-resources.h"

#define BUILTIN_FOLDER "/io/github/tendcs/Tend/import/mappings/"
#define MAPPING_FORMAT_VERSION 1

typedef struct
{
  char            *column;
  TendImportField  field;
  gboolean         keep;
} ColumnEntry;

struct _TendImportMapping
{
  GObject        parent_instance;

  char          *name;
  char          *source;
  char          *currency;
  char          *product;
  TendDateOrder  date_order;
  GPtrArray     *columns;
};

G_DEFINE_FINAL_TYPE (TendImportMapping, tend_import_mapping, G_TYPE_OBJECT)

G_DEFINE_QUARK (tend-import-error-quark, tend_import_error)

G_DEFINE_ENUM_TYPE (TendImportField, tend_import_field,
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_NONE, "none"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_IGNORE, "ignore"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_EXTERNAL_ID, "external-id"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_NAME, "name"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_DOMAIN, "domain"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_OWNER, "owner"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_SEGMENT, "segment"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_LIFECYCLE_STAGE, "lifecycle-stage"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_START_DATE, "start-date"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_TENURE_MONTHS, "tenure-months"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_STATUS, "status"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_CHURNED, "churned"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_CHURN_DATE, "churn-date"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_CHURN_REASON, "churn-reason"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_LICENSED_SEATS, "licensed-seats"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_MRR, "mrr"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_ARR, "arr"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_CURRENCY, "currency"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_CONTRACT, "contract"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_RENEWAL_DATE, "renewal-date"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_PRODUCT, "product"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_FEATURE, "feature"),
  G_DEFINE_ENUM_VALUE (TEND_IMPORT_FIELD_ATTRIBUTE, "attribute"))

G_DEFINE_ENUM_TYPE (TendDateOrder, tend_date_order,
  G_DEFINE_ENUM_VALUE (TEND_DATE_ORDER_MDY, "mdy"),
  G_DEFINE_ENUM_VALUE (TEND_DATE_ORDER_DMY, "dmy"))

enum {
  PROP_0,
  PROP_NAME,
  PROP_SOURCE,
  PROP_CURRENCY,
  PROP_DATE_ORDER,
  PROP_PRODUCT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COLUMNS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The ids are what saved mappings store: never rename one. */
static const struct
{
  const char *id;
  const char *label;
  gboolean    repeatable;
} field_info[TEND_IMPORT_N_FIELDS] = {
  [TEND_IMPORT_FIELD_NONE] = { "none", NC_("import field", "Not mapped (kept as attribute)"),
                               TRUE },
  [TEND_IMPORT_FIELD_IGNORE] = { "ignore", NC_("import field", "Not imported"), TRUE },
  [TEND_IMPORT_FIELD_EXTERNAL_ID] = { "external_id", NC_("import field", "External ID"),
                                      FALSE },
  [TEND_IMPORT_FIELD_NAME] = { "name", NC_("import field", "Name"), FALSE },
  [TEND_IMPORT_FIELD_DOMAIN] = { "domain", NC_("import field", "Domain"), FALSE },
  [TEND_IMPORT_FIELD_OWNER] = { "owner", NC_("import field", "Owner (CSM)"), FALSE },
  [TEND_IMPORT_FIELD_SEGMENT] = { "segment", NC_("import field", "Segment"), FALSE },
  [TEND_IMPORT_FIELD_LIFECYCLE_STAGE] = { "lifecycle_stage",
                                          NC_("import field", "Lifecycle stage"), FALSE },
  [TEND_IMPORT_FIELD_START_DATE] = { "start_date", NC_("import field", "Start date"), FALSE },
  [TEND_IMPORT_FIELD_TENURE_MONTHS] = { "tenure_months",
                                        NC_("import field", "Tenure in months"), FALSE },
  [TEND_IMPORT_FIELD_STATUS] = { "status", NC_("import field", "Status"), FALSE },
  [TEND_IMPORT_FIELD_CHURNED] = { "churned", NC_("import field", "Churned (yes or no)"),
                                  FALSE },
  [TEND_IMPORT_FIELD_CHURN_DATE] = { "churn_date", NC_("import field", "Churn date"), FALSE },
  [TEND_IMPORT_FIELD_CHURN_REASON] = { "churn_reason", NC_("import field", "Churn reason"),
                                       FALSE },
  [TEND_IMPORT_FIELD_LICENSED_SEATS] = { "licensed_seats",
                                         NC_("import field", "Licensed seats"), FALSE },
  [TEND_IMPORT_FIELD_MRR] = { "mrr", NC_("import field", "MRR (monthly revenue)"), FALSE },
  [TEND_IMPORT_FIELD_ARR] = { "arr", NC_("import field", "ARR (annual revenue)"), FALSE },
  [TEND_IMPORT_FIELD_CURRENCY] = { "currency", NC_("import field", "Currency"), FALSE },
  [TEND_IMPORT_FIELD_CONTRACT] = { "contract", NC_("import field", "Contract term"), FALSE },
  [TEND_IMPORT_FIELD_RENEWAL_DATE] = { "renewal_date", NC_("import field", "Renewal date"),
                                       FALSE },
  [TEND_IMPORT_FIELD_PRODUCT] = { "product", NC_("import field", "Product in use"), TRUE },
  [TEND_IMPORT_FIELD_FEATURE] = { "feature", NC_("import field", "Feature in use"), TRUE },
  [TEND_IMPORT_FIELD_ATTRIBUTE] = { "attribute", NC_("import field", "Custom attribute"),
                                    TRUE },
};

/* Replaces *@field with a copy of @value; GLib 2.74 has no g_set_str() yet. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
column_entry_free (gpointer data)
{
  ColumnEntry *entry = data;

  g_free (entry->column);
  g_free (entry);
}

/**
 * tend_import_field_to_id:
 *
 * Returns: the field's stable name in saved mappings, e.g. "external_id"
 */
const char *
tend_import_field_to_id (TendImportField field)
{
  g_return_val_if_fail (field < TEND_IMPORT_N_FIELDS, NULL);

  return field_info[field].id;
}

gboolean
tend_import_field_from_id (const char      *id,
                           TendImportField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  for (guint i = 0; id != NULL && i < TEND_IMPORT_N_FIELDS; i++)
    {
      if (strcmp (id, field_info[i].id) == 0)
        {
          *field = (TendImportField)i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * tend_import_field_get_label:
 *
 * Returns: the field's name for the import dialog, translated
 */
const char *
tend_import_field_get_label (TendImportField field)
{
  g_return_val_if_fail (field < TEND_IMPORT_N_FIELDS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "import field", field_info[field].label);
}

/**
 * tend_import_field_is_repeatable:
 *
 * Returns: whether several columns may map to @field (features, products, attributes)
 */
gboolean
tend_import_field_is_repeatable (TendImportField field)
{
  g_return_val_if_fail (field < TEND_IMPORT_N_FIELDS, FALSE);

  return field_info[field].repeatable;
}

static void
tend_import_mapping_finalize (GObject *object)
{
  TendImportMapping *self = (TendImportMapping *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->product, g_free);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (tend_import_mapping_parent_class)->finalize (object);
}

static void
tend_import_mapping_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TendImportMapping *self = TEND_IMPORT_MAPPING (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_DATE_ORDER:
      g_value_set_enum (value, self->date_order);
      break;
    case PROP_PRODUCT:
      g_value_set_string (value, self->product);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_import_mapping_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TendImportMapping *self = TEND_IMPORT_MAPPING (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tend_import_mapping_set_name (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      tend_import_mapping_set_source (self, g_value_get_string (value));
      break;
    case PROP_CURRENCY:
      tend_import_mapping_set_currency (self, g_value_get_string (value));
      break;
    case PROP_DATE_ORDER:
      tend_import_mapping_set_date_order (self, g_value_get_enum (value));
      break;
    case PROP_PRODUCT:
      tend_import_mapping_set_product (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_import_mapping_class_init (TendImportMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tend_import_mapping_finalize;
  object_class->get_property = tend_import_mapping_get_property;
  object_class->set_property = tend_import_mapping_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, "csv",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, "USD",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE_ORDER] =
    g_param_spec_enum ("date-order", NULL, NULL,
                       TEND_TYPE_DATE_ORDER, TEND_DATE_ORDER_MDY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRODUCT] =
    g_param_spec_string ("product", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TendImportMapping::columns-changed:
   *
   * Emitted when a column is mapped to another field or its keep flag changes, so that
   * a preview can be refreshed.
   */
  signals[COLUMNS_CHANGED] =
    g_signal_new ("columns-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
tend_import_mapping_init (TendImportMapping *self)
{
  self->name = g_strdup ("");
  self->source = g_strdup ("csv");
  self->currency = g_strdup ("USD");
  self->date_order = TEND_DATE_ORDER_MDY;
  self->columns = g_ptr_array_new_with_free_func (column_entry_free);
}

/**
 * tend_import_mapping_new:
 * @name: the name it is saved under
 *
 * Returns: (transfer full): an empty mapping: source "csv", currency USD, dates m/d/y
 */
TendImportMapping *
tend_import_mapping_new (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (TEND_TYPE_IMPORT_MAPPING, "name", name, NULL);
}

const char *
tend_import_mapping_get_name (TendImportMapping *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), NULL);

  return self->name;
}

void
tend_import_mapping_set_name (TendImportMapping *self,
                              const char        *name)
{
  g_return_if_fail (TEND_IS_IMPORT_MAPPING (self));
  g_return_if_fail (name != NULL);

  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * tend_import_mapping_get_source:
 *
 * Returns: the source that the external ids belong to in account_sources, e.g. "csv"
 */
const char *
tend_import_mapping_get_source (TendImportMapping *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), NULL);

  return self->source;
}

void
tend_import_mapping_set_source (TendImportMapping *self,
                                const char        *source)
{
  g_return_if_fail (TEND_IS_IMPORT_MAPPING (self));
  g_return_if_fail (source != NULL);

  if (set_string (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

/**
 * tend_import_mapping_get_currency:
 *
 * Returns: the ISO 4217 code of money columns, unless a currency column says otherwise
 */
const char *
tend_import_mapping_get_currency (TendImportMapping *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), NULL);

  return self->currency;
}

void
tend_import_mapping_set_currency (TendImportMapping *self,
                                  const char        *currency)
{
  g_return_if_fail (TEND_IS_IMPORT_MAPPING (self));
  g_return_if_fail (currency != NULL);

  if (set_string (&self->currency, currency))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

TendDateOrder
tend_import_mapping_get_date_order (TendImportMapping *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), TEND_DATE_ORDER_MDY);

  return self->date_order;
}

void
tend_import_mapping_set_date_order (TendImportMapping *self,
                                    TendDateOrder      order)
{
  g_return_if_fail (TEND_IS_IMPORT_MAPPING (self));

  if (self->date_order == order)
    return;

  self->date_order = order;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_ORDER]);
}

/**
 * tend_import_mapping_get_product:
 *
 * Returns: (nullable): the product name of the subscriptions the import writes, or %NULL
 *   to use the mapping's name
 */
const char *
tend_import_mapping_get_product (TendImportMapping *self)
{
  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), NULL);

  return self->product;
}

void
tend_import_mapping_set_product (TendImportMapping *self,
                                 const char        *product)
{
  g_return_if_fail (TEND_IS_IMPORT_MAPPING (self));

  if (product != NULL && *product == '\0')
    product = NULL;

  if (set_string (&self->product, product))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCT]);
}

static ColumnEntry *
mapping_lookup (TendImportMapping *self,
                const char        *column,
                guint             *index)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      ColumnEntry *entry = g_ptr_array_index (self->columns, i);

      if (strcmp (entry->column, column) == 0)
        {
          if (index != NULL)
            *index = i;
          return entry;
        }
    }

  return NULL;
}

/**
 * tend_import_mapping_set_column:
 * @column: the header text of the column
 * @field: what it becomes; %TEND_IMPORT_FIELD_NONE forgets the column, which then is
 *   kept as an attribute like any other unmapped column
 * @keep: whether to keep the value as a custom attribute as well
 */
void
tend_import_mapping_set_column (TendImportMapping *self,
                                const char        *column,
                                TendImportField    field,
                                gboolean           keep)
{
  ColumnEntry *entry;
  guint index;

  g_return_if_fail (TEND_IS_IMPORT_MAPPING (self));
  g_return_if_fail (column != NULL);
  g_return_if_fail (field < TEND_IMPORT_N_FIELDS);

  keep = !!keep;
  entry = mapping_lookup (self, column, &index);

  if (field == TEND_IMPORT_FIELD_NONE)
    {
      if (entry == NULL)
        return;
      g_ptr_array_remove_index (self->columns, index);
    }
  else if (entry != NULL)
    {
      if (entry->field == field && entry->keep == keep)
        return;
      entry->field = field;
      entry->keep = keep;
    }
  else
    {
      entry = g_new0 (ColumnEntry, 1);
      entry->column = g_strdup (column);
      entry->field = field;
      entry->keep = keep;
      g_ptr_array_add (self->columns, entry);
    }

  g_signal_emit (self, signals[COLUMNS_CHANGED], 0);
}

static gboolean
header_name_matches (const char *mapped,
                     const char *header)
{
  g_autofree char *trimmed_a = NULL;
  g_autofree char *trimmed_b = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (strcmp (mapped, header) == 0)
    return TRUE;

  trimmed_a = g_strstrip (g_strdup (mapped));
  trimmed_b = g_strstrip (g_strdup (header));
  a = g_utf8_casefold (trimmed_a, -1);
  b = g_utf8_casefold (trimmed_b, -1);

  return strcmp (a, b) == 0;
}

static ColumnEntry *
mapping_lookup_header (TendImportMapping *self,
                       const char        *header_name)
{
  ColumnEntry *entry = mapping_lookup (self, header_name, NULL);

  if (entry != NULL)
    return entry;

  /* A header that differs only in case or surrounding spaces is the same column. */
  for (guint i = 0; i < self->columns->len; i++)
    {
      entry = g_ptr_array_index (self->columns, i);
      if (header_name_matches (entry->column, header_name))
        return entry;
    }

  return NULL;
}

/**
 * tend_import_mapping_get_field:
 * @column: a header as the file has it; case and surrounding spaces do not matter
 *
 * Returns: the field the column feeds, or %TEND_IMPORT_FIELD_NONE when it is not mapped
 */
TendImportField
tend_import_mapping_get_field (TendImportMapping *self,
                               const char        *column)
{
  ColumnEntry *entry;

  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), TEND_IMPORT_FIELD_NONE);
  g_return_val_if_fail (column != NULL, TEND_IMPORT_FIELD_NONE);

  entry = mapping_lookup_header (self, column);

  return entry != NULL ? entry->field : TEND_IMPORT_FIELD_NONE;
}

gboolean
tend_import_mapping_get_keep (TendImportMapping *self,
                              const char        *column)
{
  ColumnEntry *entry;

  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  entry = mapping_lookup_header (self, column);

  return entry != NULL && entry->keep;
}

/**
 * tend_import_mapping_find_column:
 *
 * Returns: (nullable): the first column mapped to @field
 */
const char *
tend_import_mapping_find_column (TendImportMapping *self,
                                 TendImportField    field)
{
  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      ColumnEntry *entry = g_ptr_array_index (self->columns, i);

      if (entry->field == field)
        return entry->column;
    }

  return NULL;
}

/**
 * tend_import_mapping_dup_columns:
 *
 * Returns: (transfer full): the mapped columns, in the order they were mapped
 */
char **
tend_import_mapping_dup_columns (TendImportMapping *self)
{
  GStrvBuilder *builder;
  char **columns;

  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->columns->len; i++)
    g_strv_builder_add (builder, ((ColumnEntry *)g_ptr_array_index (self->columns, i))->column);

  columns = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return columns;
}

/**
 * tend_import_mapping_header_index:
 * @header: a file's column names
 * @column: a column a mapping names
 *
 * Finds @column in @header the way mappings match columns: the exact text first, else
 * the same text in another case or with spaces around it.
 *
 * Returns: the column's index in @header, or -1
 */
int
tend_import_mapping_header_index (const char * const *header,
                                  const char         *column)
{
  g_return_val_if_fail (header != NULL, -1);
  g_return_val_if_fail (column != NULL, -1);

  for (guint i = 0; header[i] != NULL; i++)
    {
      if (strcmp (column, header[i]) == 0)
        return (int)i;
    }

  for (guint i = 0; header[i] != NULL; i++)
    {
      if (header_name_matches (column, header[i]))
        return (int)i;
    }

  return -1;
}

static gboolean
header_has_column (const char * const *header,
                   const char         *column)
{
  return tend_import_mapping_header_index (header, column) >= 0;
}

static gboolean
is_currency_code (const char *code)
{
  return strlen (code) == 3 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) &&
         g_ascii_isupper (code[2]);
}

static gboolean
mapping_check_fields (TendImportMapping  *self,
                      GError            **error)
{
  const ColumnEntry *seen[TEND_IMPORT_N_FIELDS] = { NULL };

  for (guint i = 0; i < self->columns->len; i++)
    {
      const ColumnEntry *entry = g_ptr_array_index (self->columns, i);

      if (seen[entry->field] != NULL && !tend_import_field_is_repeatable (entry->field))
        {
          g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                       _("Both “%s” and “%s” are mapped to %s; a field can come from one "
                         "column only."),
                       seen[entry->field]->column, entry->column,
                       tend_import_field_get_label (entry->field));
          return FALSE;
        }
      seen[entry->field] = entry;
    }

  if (seen[TEND_IMPORT_FIELD_MRR] != NULL && seen[TEND_IMPORT_FIELD_ARR] != NULL)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                   _("Both “%s” (MRR) and “%s” (ARR) are mapped; map only one of them."),
                   seen[TEND_IMPORT_FIELD_MRR]->column, seen[TEND_IMPORT_FIELD_ARR]->column);
      return FALSE;
    }

  return TRUE;
}

/**
 * tend_import_mapping_check:
 * @header: (nullable): the file's header, to check that the external ID column is there
 *
 * Checks that the mapping can import: it names an external ID column, maps each single
 * field from one column only, and has a source and a valid currency. Other mapped columns
 * that the file lacks are not an error; the importer reports them.
 */
gboolean
tend_import_mapping_check (TendImportMapping  *self,
                           const char * const *header,
                           GError            **error)
{
  const char *id_column;

  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), FALSE);

  id_column = tend_import_mapping_find_column (self, TEND_IMPORT_FIELD_EXTERNAL_ID);
  if (id_column == NULL)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                   _("The mapping “%s” does not say which column holds the external ID. "
                     "Choose one, so that importing again updates accounts instead of "
                     "adding them twice."),
                   self->name);
      return FALSE;
    }

  if (!mapping_check_fields (self, error))
    return FALSE;

  if (*self->source == '\0')
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                   _("The mapping “%s” has no source name for its external IDs."),
                   self->name);
      return FALSE;
    }

  if (!is_currency_code (self->currency))
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                   _("“%s” is not an ISO 4217 currency code such as USD, EUR or JPY."),
                   self->currency);
      return FALSE;
    }

  if (header != NULL && !header_has_column (header, id_column))
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_MISSING_COLUMN,
                   _("The file has no column “%s”, which the mapping “%s” reads the "
                     "external ID from."),
                   id_column, self->name);
      return FALSE;
    }

  return TRUE;
}

/**
 * tend_import_mapping_to_json:
 *
 * Returns: (transfer full): the mapping as the JSON that import_mappings stores
 */
char *
tend_import_mapping_to_json (TendImportMapping *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, MAPPING_FORMAT_VERSION);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, self->source);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, self->currency);
  json_builder_set_member_name (builder, "date_order");
  json_builder_add_string_value (builder, self->date_order == TEND_DATE_ORDER_DMY ? "dmy"
                                                                                  : "mdy");
  if (self->product != NULL)
    {
      json_builder_set_member_name (builder, "product");
      json_builder_add_string_value (builder, self->product);
    }

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->columns->len; i++)
    {
      const ColumnEntry *entry = g_ptr_array_index (self->columns, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "column");
      json_builder_add_string_value (builder, entry->column);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, tend_import_field_to_id (entry->field));
      if (entry->keep)
        {
          json_builder_set_member_name (builder, "keep");
          json_builder_add_boolean_value (builder, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/* Typed reads that turn a missing or mistyped member into the default. */
static const char *
object_get_string (JsonObject *object,
                   const char *member,
                   const char *fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;

  return json_node_get_string (node);
}

static gboolean
object_get_boolean (JsonObject *object,
                    const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static gboolean
mapping_read_column (TendImportMapping  *self,
                     JsonNode           *node,
                     guint               index,
                     GError            **error)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *column = object ? object_get_string (object, "column", NULL) : NULL;
  const char *field_id = object ? object_get_string (object, "field", NULL) : NULL;
  TendImportField field;

  if (column == NULL || field_id == NULL)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                   _("Entry %u of the mapping’s columns needs a “column” and a "
                     "“field”."),
                   index + 1);
      return FALSE;
    }

  if (!tend_import_field_from_id (field_id, &field))
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                   _("The column “%s” is mapped to “%s”, which is not an account field "
                     "Tend knows."),
                   column, field_id);
      return FALSE;
    }

  tend_import_mapping_set_column (self, column, field, object_get_boolean (object, "keep"));

  return TRUE;
}

static gboolean
mapping_read_object (TendImportMapping  *self,
                     JsonObject         *object,
                     GError            **error)
{
  JsonNode *columns = json_object_get_member (object, "columns");
  const char *order = object_get_string (object, "date_order", "mdy");
  JsonArray *array;

  tend_import_mapping_set_name (self, object_get_string (object, "name", ""));
  tend_import_mapping_set_source (self, object_get_string (object, "source", "csv"));
  tend_import_mapping_set_currency (self, object_get_string (object, "currency", "USD"));
  tend_import_mapping_set_product (self, object_get_string (object, "product", NULL));
  tend_import_mapping_set_date_order (self, g_strcmp0 (order, "dmy") == 0
                                            ? TEND_DATE_ORDER_DMY : TEND_DATE_ORDER_MDY);

  if (columns == NULL || !JSON_NODE_HOLDS_ARRAY (columns))
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                   _("The mapping “%s” has no list of columns."), self->name);
      return FALSE;
    }

  array = json_node_get_array (columns);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (!mapping_read_column (self, json_array_get_element (array, i), i, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * tend_import_mapping_new_from_json:
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with
 *   %TEND_IMPORT_ERROR_INVALID_MAPPING when @json is not one
 */
TendImportMapping *
tend_import_mapping_new_from_json (const char  *json,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TendImportMapping) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                   _("The import mapping is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                           _("The import mapping is not a JSON object."));
      return NULL;
    }

  self = tend_import_mapping_new ("");
  if (!mapping_read_object (self, json_node_get_object (root), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tend_import_mapping_copy:
 *
 * Returns: (transfer full): an independent copy, e.g. for an import running in a thread
 */
TendImportMapping *
tend_import_mapping_copy (TendImportMapping *self)
{
  TendImportMapping *copy;

  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), NULL);

  copy = g_object_new (TEND_TYPE_IMPORT_MAPPING,
                       "name", self->name,
                       "source", self->source,
                       "currency", self->currency,
                       "date-order", self->date_order,
                       "product", self->product,
                       NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      const ColumnEntry *entry = g_ptr_array_index (self->columns, i);

      tend_import_mapping_set_column (copy, entry->column, entry->field, entry->keep);
    }

  return copy;
}

/* The engine is a static library: its resource is registered when first needed, which
 * also makes sure the linker keeps it. */
static GResource *
import_resource (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      tend_import_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  return tend_import_get_resource ();
}

static char **
builtin_names (void)
{
  g_auto(GStrv) files = NULL;
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  files = g_resource_enumerate_children (import_resource (), BUILTIN_FOLDER,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      if (g_str_has_suffix (files[i], ".json"))
        {
          g_autofree char *name = g_strndup (files[i], strlen (files[i]) - 5);

          g_strv_builder_add (builder, name);
        }
    }

  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return names;
}

/**
 * tend_import_mapping_is_builtin:
 *
 * Returns: whether Tend ships a mapping called @name (such as "telco")
 */
gboolean
tend_import_mapping_is_builtin (const char *name)
{
  g_auto(GStrv) names = builtin_names ();

  g_return_val_if_fail (name != NULL, FALSE);

  return g_strv_contains ((const char * const *)names, name);
}

/**
 * tend_import_mapping_new_builtin:
 *
 * Returns: (transfer full) (nullable): the mapping Tend ships as @name, ignoring any
 *   saved mapping of that name
 */
TendImportMapping *
tend_import_mapping_new_builtin (const char  *name,
                                 GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  path = g_strconcat (BUILTIN_FOLDER, name, ".json", NULL);
  bytes = g_resource_lookup_data (import_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL || strchr (name, '/') != NULL)
    {
      g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_MAPPING_NOT_FOUND,
                   _("There is no import mapping named “%s”."), name);
      return NULL;
    }

  /* Resource data always ends with a NUL, so it reads as a string. */
  return tend_import_mapping_new_from_json (g_bytes_get_data (bytes, NULL), error);
}

/**
 * tend_import_mapping_save:
 *
 * Saves the mapping under its name, replacing a saved one of the same name. Saving
 * under a built-in name shadows the built-in mapping until the saved one is deleted.
 */
gboolean
tend_import_mapping_save (TendImportMapping  *self,
                          TendStore          *store,
                          GError            **error)
{
  g_autofree char *json = NULL;
  g_autofree char *trimmed = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  trimmed = g_strstrip (g_strdup (self->name));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_INVALID_MAPPING,
                           _("Give the mapping a name before saving it."));
      return FALSE;
    }

  stmt = tend_store_prepare (store,
                             "INSERT INTO import_mappings (name, definition, updated_at) "
                             "VALUES (?, ?, unixepoch()) "
                             "ON CONFLICT (name) DO UPDATE SET "
                             "definition = excluded.definition, updated_at = excluded.updated_at",
                             error);
  if (stmt == NULL)
    return FALSE;

  json = tend_import_mapping_to_json (self);
  sqlite3_bind_text (stmt, 1, self->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json, -1, SQLITE_STATIC);

  return tend_store_step_done (store, stmt, error);
}

static char *
mapping_read_saved (TendStore   *store,
                    const char  *name,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  char *json = NULL;
  int rc;

  stmt = tend_store_prepare (store, "SELECT definition FROM import_mappings WHERE name = ?",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, rc, _("read the saved import mappings"));
  sqlite3_reset (stmt);

  return json;
}

/**
 * tend_import_mapping_is_saved:
 *
 * Returns: whether the workspace has a saved mapping called @name
 */
gboolean
tend_import_mapping_is_saved (TendStore  *store,
                              const char *name)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  json = mapping_read_saved (store, name, NULL);

  return json != NULL;
}

/**
 * tend_import_mapping_load:
 *
 * Loads the mapping saved as @name, or else the built-in mapping of that name.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with
 *   %TEND_IMPORT_ERROR_MAPPING_NOT_FOUND
 */
TendImportMapping *
tend_import_mapping_load (TendStore   *store,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  TendImportMapping *mapping;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  json = mapping_read_saved (store, name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (json == NULL)
    return tend_import_mapping_new_builtin (name, error);

  mapping = tend_import_mapping_new_from_json (json, error);
  if (mapping != NULL)
    tend_import_mapping_set_name (mapping, name);

  return mapping;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

/**
 * tend_import_mapping_list:
 *
 * Returns: (transfer full) (nullable): the names of the built-in and saved mappings,
 *   sorted, each once
 */
char **
tend_import_mapping_list (TendStore  *store,
                          GError    **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) builtin = builtin_names ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  stmt = tend_store_prepare (store, "SELECT name FROM import_mappings", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, rc, _("read the saved import mappings"));
      return NULL;
    }

  for (guint i = 0; builtin[i] != NULL; i++)
    {
      if (!g_ptr_array_find_with_equal_func (names, builtin[i], g_str_equal, NULL))
        g_ptr_array_add (names, g_strdup (builtin[i]));
    }

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * tend_import_mapping_delete:
 *
 * Deletes the saved mapping @name. A built-in mapping cannot be deleted
 * (%TEND_IMPORT_ERROR_BUILTIN), but deleting a saved one that shadowed it brings it back.
 */
gboolean
tend_import_mapping_delete (TendStore   *store,
                            const char  *name,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!tend_import_mapping_is_saved (store, name))
    {
      if (tend_import_mapping_is_builtin (name))
        g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_BUILTIN,
                     _("The import mapping “%s” comes with Tend and cannot be deleted."),
                     name);
      else
        g_set_error (error, TEND_IMPORT_ERROR, TEND_IMPORT_ERROR_MAPPING_NOT_FOUND,
                     _("There is no import mapping named “%s”."), name);
      return FALSE;
    }

  stmt = tend_store_prepare (store, "DELETE FROM import_mappings WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);

  return tend_store_step_done (store, stmt, error);
}

/* Header words as people write them, normalised as by normalize_header(). */
static const struct
{
  TendImportField  field;
  const char      *names;
} synonyms[] = {
  { TEND_IMPORT_FIELD_EXTERNAL_ID,
    "id|customerid|accountid|externalid|clientid|customerno|customernumber|accountnumber|"
    "accountno|companyid|"
    "顧客id|顧客番号|顧客コード|取引先id|取引先コード|"
    "アカウントid|会社id|企業id|企業コード" },
  { TEND_IMPORT_FIELD_NAME,
    "name|accountname|customername|company|companyname|organization|organisation|client|"
    "clientname|customer|account|"
    "会社名|顧客名|企業名|取引先名|アカウント名|社名|名称" },
  { TEND_IMPORT_FIELD_DOMAIN,
    "domain|website|url|web|companydomain|ドメイン|ウェブサイト" },
  { TEND_IMPORT_FIELD_OWNER,
    "owner|csm|accountowner|customersuccessmanager|accountmanager|csmname|csmemail|"
    "owneremail|担当者|担当|担当csm|担当者名|オーナー" },
  { TEND_IMPORT_FIELD_SEGMENT,
    "segment|tier|customersegment|セグメント|区分|顧客区分" },
  { TEND_IMPORT_FIELD_LIFECYCLE_STAGE,
    "lifecyclestage|lifecycle|stage|customerstage|"
    "ライフサイクル|ステージ|フェーズ" },
  { TEND_IMPORT_FIELD_START_DATE,
    "startdate|customersince|signupdate|contractstart|contractstartdate|since|開始日|"
    "契約開始日|利用開始日" },
  { TEND_IMPORT_FIELD_TENURE_MONTHS,
    "tenure|tenuremonths|monthsactive|monthsascustomer|継続月数|利用月数|契約月数" },
  { TEND_IMPORT_FIELD_STATUS, "status|accountstatus|customerstatus|ステータス|状態" },
  { TEND_IMPORT_FIELD_CHURNED, "churn|churned|ischurned|解約|解約済み|解約フラグ" },
  { TEND_IMPORT_FIELD_CHURN_DATE,
    "churndate|cancellationdate|canceldate|canceledat|cancelledat|解約日" },
  { TEND_IMPORT_FIELD_CHURN_REASON,
    "churnreason|cancellationreason|cancelreason|解約理由" },
  { TEND_IMPORT_FIELD_LICENSED_SEATS,
    "seats|licensedseats|licenses|licences|licensecount|ライセンス数|席数|シート数" },
  { TEND_IMPORT_FIELD_MRR,
    "mrr|monthlycharges|monthlycharge|monthlyrevenue|monthlyrecurringrevenue|monthlyfee|"
    "月額|月額料金|月額売上|月額費用" },
  { TEND_IMPORT_FIELD_ARR,
    "arr|annualrevenue|annualrecurringrevenue|acv|annualcontractvalue|年額|年間契約額|"
    "年間売上|年額料金" },
  { TEND_IMPORT_FIELD_CURRENCY, "currency|currencycode|通貨|通貨コード" },
  { TEND_IMPORT_FIELD_CONTRACT,
    "contract|contractterm|contracttype|term|契約期間|契約形態|契約種別" },
  { TEND_IMPORT_FIELD_RENEWAL_DATE,
    "renewaldate|renewal|nextrenewal|nextrenewaldate|contractend|contractenddate|"
    "更新日|契約更新日|契約終了日" },
};

/* Folds case and width (ＩＤ is ID) and drops spaces and punctuation between words. */
static char *
normalize_header (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (nfkc != NULL ? nfkc : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (strchr (" \t_-./()#:", *p) == NULL)
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static TendImportField
guess_field (const char *header_name)
{
  g_autofree char *key = normalize_header (header_name);

  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    {
      g_auto(GStrv) names = g_strsplit (synonyms[i].names, "|", -1);

      if (g_strv_contains ((const char * const *)names, key))
        return synonyms[i].field;
    }

  return TEND_IMPORT_FIELD_NONE;
}

static TendImportMapping *
guess_builtin (const char * const *header)
{
  g_auto(GStrv) names = builtin_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(TendImportMapping) builtin = tend_import_mapping_new_builtin (names[i], NULL);
      gboolean all_present = builtin != NULL && builtin->columns->len > 0;

      for (guint j = 0; all_present && j < builtin->columns->len; j++)
        {
          const ColumnEntry *entry = g_ptr_array_index (builtin->columns, j);

          all_present = header_has_column (header, entry->column);
        }

      if (all_present)
        return g_steal_pointer (&builtin);
    }

  return NULL;
}

/**
 * tend_import_mapping_guess:
 * @name: the name for a new mapping
 * @header: the file's column names
 *
 * Proposes a mapping for a file: a built-in mapping whose columns are all in @header
 * (keeping its own name), or else a new mapping that maps the headers it recognises,
 * in English or Japanese ("Customer ID", "MRR", "Renewal Date", 顧客ID, 会社名, ...),
 * each field from its first matching column.
 *
 * Returns: (transfer full): the proposal; the user reviews it before importing
 */
TendImportMapping *
tend_import_mapping_guess (const char         *name,
                           const char * const *header)
{
  TendImportMapping *builtin;
  TendImportMapping *self;
  gboolean used[TEND_IMPORT_N_FIELDS] = { FALSE };

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (header != NULL, NULL);

  builtin = guess_builtin (header);
  if (builtin != NULL)
    return builtin;

  self = tend_import_mapping_new (name);
  for (guint i = 0; header[i] != NULL; i++)
    {
      TendImportField field = guess_field (header[i]);

      if (field == TEND_IMPORT_FIELD_NONE || used[field])
        continue;

      /* Only one of MRR and ARR can be mapped. */
      if ((field == TEND_IMPORT_FIELD_MRR && used[TEND_IMPORT_FIELD_ARR]) ||
          (field == TEND_IMPORT_FIELD_ARR && used[TEND_IMPORT_FIELD_MRR]))
        continue;

      used[field] = TRUE;
      tend_import_mapping_set_column (self, header[i], field, FALSE);
    }

  return self;
}
