/* tend-import-mapping.h: which CSV column feeds which account field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_IMPORT_ERROR (tend_import_error_quark ())

typedef enum
{
  TEND_IMPORT_ERROR_INVALID_MAPPING,
  TEND_IMPORT_ERROR_MAPPING_NOT_FOUND,
  TEND_IMPORT_ERROR_BUILTIN,
  TEND_IMPORT_ERROR_MISSING_COLUMN,
  /* Not set by the importer, which reports bad rows; for callers that fail on them. */
  TEND_IMPORT_ERROR_BAD_ROWS,
  TEND_IMPORT_ERROR_FAILED,
} TendImportError;

/* What a column becomes. A column the mapping does not name is TEND_IMPORT_FIELD_NONE:
 * it is kept as a custom attribute of the account. */
typedef enum
{
  TEND_IMPORT_FIELD_NONE,
  TEND_IMPORT_FIELD_IGNORE,
  TEND_IMPORT_FIELD_EXTERNAL_ID,
  TEND_IMPORT_FIELD_NAME,
  TEND_IMPORT_FIELD_DOMAIN,
  TEND_IMPORT_FIELD_OWNER,
  TEND_IMPORT_FIELD_SEGMENT,
  TEND_IMPORT_FIELD_LIFECYCLE_STAGE,
  TEND_IMPORT_FIELD_START_DATE,
  TEND_IMPORT_FIELD_TENURE_MONTHS,
  TEND_IMPORT_FIELD_STATUS,
  TEND_IMPORT_FIELD_CHURNED,
  TEND_IMPORT_FIELD_CHURN_DATE,
  TEND_IMPORT_FIELD_CHURN_REASON,
  TEND_IMPORT_FIELD_LICENSED_SEATS,
  TEND_IMPORT_FIELD_MRR,
  TEND_IMPORT_FIELD_ARR,
  TEND_IMPORT_FIELD_CURRENCY,
  TEND_IMPORT_FIELD_CONTRACT,
  TEND_IMPORT_FIELD_RENEWAL_DATE,
  TEND_IMPORT_FIELD_PRODUCT,
  TEND_IMPORT_FIELD_FEATURE,
  TEND_IMPORT_FIELD_ATTRIBUTE,
  TEND_IMPORT_N_FIELDS,
} TendImportField;

/* How an ambiguous date such as 03/04/2024 is read; year-first dates are always clear. */
typedef enum
{
  TEND_DATE_ORDER_MDY,
  TEND_DATE_ORDER_DMY,
} TendDateOrder;

/* The attribute that lists the adopted products and features, as a JSON array. */
#define TEND_IMPORT_ADOPTED_KEY "adopted"

#define TEND_TYPE_IMPORT_FIELD (tend_import_field_get_type ())
#define TEND_TYPE_DATE_ORDER (tend_date_order_get_type ())

#define TEND_TYPE_IMPORT_MAPPING (tend_import_mapping_get_type ())
G_DECLARE_FINAL_TYPE (TendImportMapping, tend_import_mapping, TEND, IMPORT_MAPPING, GObject)

GQuark             tend_import_error_quark                   (void);
GType              tend_import_field_get_type                (void);
GType              tend_date_order_get_type                  (void);

const char        *tend_import_field_to_id                   (TendImportField     field);
gboolean           tend_import_field_from_id                 (const char         *id,
                                                              TendImportField    *field);
const char        *tend_import_field_get_label               (TendImportField     field);
gboolean           tend_import_field_is_repeatable           (TendImportField     field);

TendImportMapping *tend_import_mapping_new                   (const char         *name);
TendImportMapping *tend_import_mapping_new_from_json         (const char         *json,
                                                              GError            **error);
TendImportMapping *tend_import_mapping_new_builtin           (const char         *name,
                                                              GError            **error);
TendImportMapping *tend_import_mapping_guess                 (const char         *name,
                                                              const char * const *header);
TendImportMapping *tend_import_mapping_copy                  (TendImportMapping  *self);
char              *tend_import_mapping_to_json               (TendImportMapping  *self);

const char        *tend_import_mapping_get_name              (TendImportMapping  *self);
void               tend_import_mapping_set_name              (TendImportMapping  *self,
                                                              const char         *name);
const char        *tend_import_mapping_get_source            (TendImportMapping  *self);
void               tend_import_mapping_set_source            (TendImportMapping  *self,
                                                              const char         *source);
const char        *tend_import_mapping_get_currency          (TendImportMapping  *self);
void               tend_import_mapping_set_currency          (TendImportMapping  *self,
                                                              const char         *currency);
TendDateOrder      tend_import_mapping_get_date_order        (TendImportMapping  *self);
void               tend_import_mapping_set_date_order        (TendImportMapping  *self,
                                                              TendDateOrder       order);
const char        *tend_import_mapping_get_product           (TendImportMapping  *self);
void               tend_import_mapping_set_product           (TendImportMapping  *self,
                                                              const char         *product);

void               tend_import_mapping_set_column            (TendImportMapping  *self,
                                                              const char         *column,
                                                              TendImportField     field,
                                                              gboolean            keep);
TendImportField    tend_import_mapping_get_field             (TendImportMapping  *self,
                                                              const char         *column);
gboolean           tend_import_mapping_get_keep              (TendImportMapping  *self,
                                                              const char         *column);
const char        *tend_import_mapping_find_column           (TendImportMapping  *self,
                                                              TendImportField     field);
char             **tend_import_mapping_dup_columns           (TendImportMapping  *self);
int                tend_import_mapping_header_index          (const char * const *header,
                                                              const char         *column);
gboolean           tend_import_mapping_check                 (TendImportMapping  *self,
                                                              const char * const *header,
                                                              GError            **error);

gboolean           tend_import_mapping_save                  (TendImportMapping  *self,
                                                              TendStore          *store,
                                                              GError            **error);
TendImportMapping *tend_import_mapping_load                  (TendStore          *store,
                                                              const char         *name,
                                                              GError            **error);
char             **tend_import_mapping_list                  (TendStore          *store,
                                                              GError            **error);
gboolean           tend_import_mapping_delete                (TendStore          *store,
                                                              const char         *name,
                                                              GError            **error);
gboolean           tend_import_mapping_is_builtin            (const char         *name);
gboolean           tend_import_mapping_is_saved              (TendStore          *store,
                                                              const char         *name);

G_END_DECLS
