/* tend-account.c: a customer account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An account holds one row of the accounts table. The health fields are written by the
 * scoring engine, straight into the table, so here they can be read and reloaded but not
 * set; everything else is the account's profile, which tend_account_save() writes.
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "tend-account.h"
#include "tend-model-util.h"

struct _TendAccount
{
  GObject     parent_instance;

  gint64      id;
  char       *name;
  char       *domain;
  gint64      owner_id;
  char       *owner_name;
  char       *segment;
  char       *lifecycle_stage;
  char       *start_date;
  char       *status;
  char       *churn_date;
  char       *churn_reason;
  int         licensed_seats;
  gint64      arr_minor;
  char       *currency;
  char       *renewal_date;
  double      health_score;
  char       *health_band;
  double      health_change;
  JsonObject *attributes;

  /* The stored attributes text when it was not a JSON object: it is written back as it
   * was unless the attributes are replaced, so that opening an account never loses it. */
  char       *unreadable_attributes;
};

G_DEFINE_FINAL_TYPE (TendAccount, tend_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DOMAIN,
  PROP_OWNER_ID,
  PROP_OWNER_NAME,
  PROP_SEGMENT,
  PROP_LIFECYCLE_STAGE,
  PROP_START_DATE,
  PROP_STATUS,
  PROP_CHURN_DATE,
  PROP_CHURN_REASON,
  PROP_LICENSED_SEATS,
  PROP_ARR_MINOR,
  PROP_CURRENCY,
  PROP_RENEWAL_DATE,
  PROP_HEALTH_SCORE,
  PROP_HEALTH_BAND,
  PROP_HEALTH_CHANGE,
  PROP_ATTRIBUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each text property lives, so that one getter and one setter serve them all. */
static const struct {
  guint prop_id;
  gsize offset;
} text_fields[] = {
  { PROP_NAME, G_STRUCT_OFFSET (TendAccount, name) },
  { PROP_DOMAIN, G_STRUCT_OFFSET (TendAccount, domain) },
  { PROP_OWNER_NAME, G_STRUCT_OFFSET (TendAccount, owner_name) },
  { PROP_SEGMENT, G_STRUCT_OFFSET (TendAccount, segment) },
  { PROP_LIFECYCLE_STAGE, G_STRUCT_OFFSET (TendAccount, lifecycle_stage) },
  { PROP_START_DATE, G_STRUCT_OFFSET (TendAccount, start_date) },
  { PROP_STATUS, G_STRUCT_OFFSET (TendAccount, status) },
  { PROP_CHURN_DATE, G_STRUCT_OFFSET (TendAccount, churn_date) },
  { PROP_CHURN_REASON, G_STRUCT_OFFSET (TendAccount, churn_reason) },
  { PROP_CURRENCY, G_STRUCT_OFFSET (TendAccount, currency) },
  { PROP_RENEWAL_DATE, G_STRUCT_OFFSET (TendAccount, renewal_date) },
  { PROP_HEALTH_BAND, G_STRUCT_OFFSET (TendAccount, health_band) },
};

static char **
account_text_field (TendAccount *self,
                    guint        prop_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      if (text_fields[i].prop_id == prop_id)
        return &G_STRUCT_MEMBER (char *, self, text_fields[i].offset);
    }

  return NULL;
}

/* Sets a text property. The name, status and currency are never absent; the other
 * fields are optional, and blank counts as absent. */
static void
account_set_text (TendAccount *self,
                  guint        prop_id,
                  const char  *value)
{
  char **field = account_text_field (self, prop_id);

  g_assert (field != NULL);

  if (prop_id == PROP_NAME && value == NULL)
    value = "";
  else if (prop_id == PROP_STATUS && (value == NULL || *value == '\0'))
    value = "active";
  else if (prop_id == PROP_CURRENCY && (value == NULL || *value == '\0'))
    value = "USD";
  else if (value != NULL && *value == '\0')
    value = NULL;

  tend_model_set_string (G_OBJECT (self), properties[prop_id], field, value);
}

static void
account_set_double (TendAccount *self,
                    guint        prop_id,
                    double      *field,
                    double       value)
{
  /* Two unknowns are the same: NAN equals nothing, itself included. */
  if (*field == value || (isnan (*field) && isnan (value)))
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
tend_account_finalize (GObject *object)
{
  TendAccount *self = (TendAccount *)object;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_free (G_STRUCT_MEMBER (char *, self, text_fields[i].offset));
  g_clear_pointer (&self->attributes, json_object_unref);
  g_clear_pointer (&self->unreadable_attributes, g_free);

  G_OBJECT_CLASS (tend_account_parent_class)->finalize (object);
}

static void
tend_account_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TendAccount *self = TEND_ACCOUNT (object);
  char **text = account_text_field (self, prop_id);

  if (text != NULL)
    {
      g_value_set_string (value, *text);
      return;
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;

    case PROP_LICENSED_SEATS:
      g_value_set_int (value, self->licensed_seats);
      break;

    case PROP_ARR_MINOR:
      g_value_set_int64 (value, self->arr_minor);
      break;

    case PROP_HEALTH_SCORE:
      g_value_set_double (value, self->health_score);
      break;

    case PROP_HEALTH_CHANGE:
      g_value_set_double (value, self->health_change);
      break;

    case PROP_ATTRIBUTES:
      g_value_set_boxed (value, self->attributes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_account_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TendAccount *self = TEND_ACCOUNT (object);

  if (account_text_field (self, prop_id) != NULL)
    {
      account_set_text (self, prop_id, g_value_get_string (value));
      return;
    }

  switch (prop_id)
    {
    case PROP_OWNER_ID:
      tend_account_set_owner_id (self, g_value_get_int64 (value));
      break;

    case PROP_LICENSED_SEATS:
      tend_account_set_licensed_seats (self, g_value_get_int (value));
      break;

    case PROP_ARR_MINOR:
      tend_account_set_arr_minor (self, g_value_get_int64 (value));
      break;

    case PROP_ATTRIBUTES:
      tend_account_set_attributes (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_property (const char  *name,
               GParamFlags  access)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              access | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int64_property (const char  *name,
                gint64       minimum,
                GParamFlags  access)
{
  return g_param_spec_int64 (name, NULL, NULL, minimum, G_MAXINT64, 0,
                             access | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
tend_account_class_init (TendAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags readable = G_PARAM_READABLE;
  GParamFlags writable = G_PARAM_READWRITE;

  object_class->finalize = tend_account_finalize;
  object_class->get_property = tend_account_get_property;
  object_class->set_property = tend_account_set_property;

  properties[PROP_ID] = int64_property ("id", 0, readable);
  properties[PROP_NAME] = text_property ("name", writable);
  properties[PROP_DOMAIN] = text_property ("domain", writable);
  properties[PROP_OWNER_ID] = int64_property ("owner-id", 0, writable);
  properties[PROP_OWNER_NAME] = text_property ("owner-name", readable);
  properties[PROP_SEGMENT] = text_property ("segment", writable);
  properties[PROP_LIFECYCLE_STAGE] = text_property ("lifecycle-stage", writable);
  properties[PROP_START_DATE] = text_property ("start-date", writable);
  properties[PROP_STATUS] = text_property ("status", writable);
  properties[PROP_CHURN_DATE] = text_property ("churn-date", writable);
  properties[PROP_CHURN_REASON] = text_property ("churn-reason", writable);
  properties[PROP_LICENSED_SEATS] =
    g_param_spec_int ("licensed-seats", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARR_MINOR] = int64_property ("arr-minor", G_MININT64, writable);
  properties[PROP_CURRENCY] = text_property ("currency", writable);
  properties[PROP_RENEWAL_DATE] = text_property ("renewal-date", writable);
  properties[PROP_HEALTH_SCORE] =
    g_param_spec_double ("health-score", NULL, NULL, TEND_NO_SCORE, 100.0, TEND_NO_SCORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEALTH_BAND] = text_property ("health-band", readable);
  properties[PROP_HEALTH_CHANGE] =
    g_param_spec_double ("health-change", NULL, NULL, -100.0, 100.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTRIBUTES] =
    g_param_spec_boxed ("attributes", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_account_init (TendAccount *self)
{
  self->name = g_strdup ("");
  self->status = g_strdup ("active");
  self->currency = g_strdup ("USD");
  self->health_score = TEND_NO_SCORE;
  self->health_change = NAN;
  self->attributes = json_object_new ();
}

/**
 * tend_account_new:
 *
 * Returns: (transfer full): an account not yet in any workspace, active, in USD, with
 *   no score; tend_account_save() inserts it
 */
TendAccount *
tend_account_new (void)
{
  return g_object_new (TEND_TYPE_ACCOUNT, NULL);
}

static void
account_read_attributes (TendAccount *self,
                         const char  *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL || *text == '\0')
    return;

  node = json_from_string (text, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_clear_pointer (&self->attributes, json_object_unref);
      self->attributes = json_node_dup_object (node);
      return;
    }

  g_debug ("Account %" G_GINT64_FORMAT " has attributes that are not a JSON object",
           self->id);
  self->unreadable_attributes = g_strdup (text);
}

/**
 * tend_account_new_from_row:
 * @stmt: a statement whose current row has %TEND_ACCOUNT_COLUMNS, in that order
 *
 * Returns: (transfer full): the account of that row
 */
TendAccount *
tend_account_new_from_row (sqlite3_stmt *stmt)
{
  TendAccount *self = tend_account_new ();

  g_return_val_if_fail (stmt != NULL, self);

  self->id = sqlite3_column_int64 (stmt, 0);
  g_free (self->name);
  self->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  self->domain = tend_model_column_dup_text (stmt, 2);
  self->owner_id = tend_model_column_int64 (stmt, 3, 0);
  self->owner_name = tend_model_column_dup_text (stmt, 4);
  self->segment = tend_model_column_dup_text (stmt, 5);
  self->lifecycle_stage = tend_model_column_dup_text (stmt, 6);
  self->start_date = tend_model_column_dup_text (stmt, 7);
  g_free (self->status);
  self->status = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
  self->churn_date = tend_model_column_dup_text (stmt, 9);
  self->churn_reason = tend_model_column_dup_text (stmt, 10);
  self->licensed_seats = (int)CLAMP (tend_model_column_int64 (stmt, 11, 0), 0, G_MAXINT);
  self->arr_minor = sqlite3_column_int64 (stmt, 12);
  g_free (self->currency);
  self->currency = g_strdup ((const char *)sqlite3_column_text (stmt, 13));
  self->renewal_date = tend_model_column_dup_text (stmt, 14);
  self->health_score = tend_model_column_double (stmt, 15, TEND_NO_SCORE);
  self->health_band = tend_model_column_dup_text (stmt, 16);
  self->health_change = tend_model_column_double (stmt, 17, NAN);
  account_read_attributes (self, (const char *)sqlite3_column_text (stmt, 18));

  return self;
}

static gpointer
account_read_row (sqlite3_stmt *stmt)
{
  return tend_account_new_from_row (stmt);
}

/**
 * tend_account_load:
 *
 * Returns: (transfer full) (nullable): the account with @id, or %NULL with
 *   %TEND_STORE_ERROR_NOT_FOUND when there is none
 */
TendAccount *
tend_account_load (TendStore  *store,
                   gint64      id,
                   GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return tend_model_load_one (store,
                              "SELECT " TEND_ACCOUNT_COLUMNS " FROM " TEND_ACCOUNT_FROM
                              " WHERE a.id = ?",
                              id, account_read_row, error);
}

/* Copies every field of @fresh, notifying each property that really changed once. */
static void
account_assign (TendAccount *self,
                TendAccount *fresh)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);

  tend_model_set_int64 (object, properties[PROP_ID], &self->id, fresh->id);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    account_set_text (self, text_fields[i].prop_id,
                      G_STRUCT_MEMBER (char *, fresh, text_fields[i].offset));
  tend_model_set_int64 (object, properties[PROP_OWNER_ID], &self->owner_id, fresh->owner_id);
  tend_model_set_int (object, properties[PROP_LICENSED_SEATS], &self->licensed_seats,
                      fresh->licensed_seats);
  tend_model_set_int64 (object, properties[PROP_ARR_MINOR], &self->arr_minor,
                        fresh->arr_minor);
  account_set_double (self, PROP_HEALTH_SCORE, &self->health_score, fresh->health_score);
  account_set_double (self, PROP_HEALTH_CHANGE, &self->health_change, fresh->health_change);
  tend_account_set_attributes (self, fresh->attributes);
  g_clear_pointer (&self->unreadable_attributes, g_free);
  self->unreadable_attributes = g_strdup (fresh->unreadable_attributes);

  g_object_thaw_notify (object);
}

/**
 * tend_account_reload:
 *
 * Reads the account again from @store, for instance after its score was recomputed;
 * each property whose value differs is notified once.
 */
gboolean
tend_account_reload (TendAccount  *self,
                     TendStore    *store,
                     GError      **error)
{
  g_autoptr(TendAccount) fresh = NULL;

  g_return_val_if_fail (TEND_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (self->id > 0, FALSE);

  fresh = tend_account_load (store, self->id, error);
  if (fresh == NULL)
    return FALSE;

  account_assign (self, fresh);

  return TRUE;
}

static char *
account_attributes_text (TendAccount *self)
{
  g_autoptr(JsonNode) node = NULL;

  if (self->unreadable_attributes != NULL)
    return g_strdup (self->unreadable_attributes);

  node = json_node_init_object (json_node_alloc (), self->attributes);

  return json_to_string (node, FALSE);
}

/* Binds the profile fields as parameters 1 to 14, in the order of both statements. */
static void
account_bind_profile (TendAccount  *self,
                      sqlite3_stmt *stmt)
{
  g_autofree char *attributes = account_attributes_text (self);

  sqlite3_bind_text (stmt, 1, self->name, -1, SQLITE_TRANSIENT);
  tend_model_bind_text (stmt, 2, self->domain);
  tend_model_bind_id (stmt, 3, self->owner_id);
  tend_model_bind_text (stmt, 4, self->segment);
  tend_model_bind_text (stmt, 5, self->lifecycle_stage);
  tend_model_bind_text (stmt, 6, self->start_date);
  sqlite3_bind_text (stmt, 7, self->status, -1, SQLITE_TRANSIENT);
  tend_model_bind_text (stmt, 8, self->churn_date);
  tend_model_bind_text (stmt, 9, self->churn_reason);
  if (self->licensed_seats > 0)
    sqlite3_bind_int (stmt, 10, self->licensed_seats);
  else
    sqlite3_bind_null (stmt, 10);
  sqlite3_bind_int64 (stmt, 11, self->arr_minor);
  sqlite3_bind_text (stmt, 12, self->currency, -1, SQLITE_TRANSIENT);
  tend_model_bind_text (stmt, 13, self->renewal_date);
  sqlite3_bind_text (stmt, 14, attributes, -1, SQLITE_TRANSIENT);
}

static gboolean
account_write (TendAccount  *self,
               TendStore    *store,
               GError      **error)
{
  const char *sql =
    self->id == 0
    ? "INSERT INTO accounts (name, domain, owner_id, segment, lifecycle_stage, start_date, "
      "status, churn_date, churn_reason, licensed_seats, arr_minor, currency, renewal_date, "
      "attributes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    : "UPDATE accounts SET name = ?1, domain = ?2, owner_id = ?3, segment = ?4, "
      "lifecycle_stage = ?5, start_date = ?6, status = ?7, churn_date = ?8, "
      "churn_reason = ?9, licensed_seats = ?10, arr_minor = ?11, currency = ?12, "
      "renewal_date = ?13, attributes = ?14, updated_at = unixepoch() WHERE id = ?15";
  sqlite3 *db = tend_store_get_db (store);
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  account_bind_profile (self, stmt);
  if (self->id != 0)
    sqlite3_bind_int64 (stmt, 15, self->id);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (store, error, rc, _("save the account"));
      return FALSE;
    }

  if (self->id != 0 && sqlite3_changes (db) == 0)
    {
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_NOT_FOUND,
                   _("The account “%s” is no longer in %s; it may have been deleted."),
                   self->name, tend_store_get_path (store));
      return FALSE;
    }

  if (self->id == 0)
    tend_model_set_int64 (G_OBJECT (self), properties[PROP_ID], &self->id,
                          sqlite3_last_insert_rowid (db));

  return TRUE;
}

/**
 * tend_account_save:
 *
 * Writes the profile (every field but the health ones, which the scoring engine owns)
 * and stamps updated_at; an account with no id yet is inserted and gets one. The
 * account is then read back, so that the owner's name follows a new owner id, and the
 * store announces "accounts" as changed.
 */
gboolean
tend_account_save (TendAccount  *self,
                   TendStore    *store,
                   GError      **error)
{
  gboolean is_new;
  gboolean saved;

  g_return_val_if_fail (TEND_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (!tend_store_begin (store, error))
    return FALSE;

  is_new = self->id == 0;
  saved = account_write (self, store, error) && tend_account_reload (self, store, error);
  saved = tend_model_finish_write (store, saved, "accounts", error);

  /* An insert that was rolled back leaves the account as new as it was. */
  if (!saved && is_new)
    tend_model_set_int64 (G_OBJECT (self), properties[PROP_ID], &self->id, 0);

  return saved;
}

gint64
tend_account_get_id (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), 0);

  return self->id;
}

const char *
tend_account_get_name (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->name;
}

void
tend_account_set_name (TendAccount *self,
                       const char  *name)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_NAME, name);
}

const char *
tend_account_get_domain (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->domain;
}

void
tend_account_set_domain (TendAccount *self,
                         const char  *domain)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_DOMAIN, domain);
}

gint64
tend_account_get_owner_id (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), 0);

  return self->owner_id;
}

/**
 * tend_account_set_owner_id:
 * @owner_id: the CSM's id, or 0 for no owner
 *
 * The owner's name is read again when the account is saved.
 */
void
tend_account_set_owner_id (TendAccount *self,
                           gint64       owner_id)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  tend_model_set_int64 (G_OBJECT (self), properties[PROP_OWNER_ID], &self->owner_id,
                        MAX (owner_id, 0));
}

const char *
tend_account_get_owner_name (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->owner_name;
}

const char *
tend_account_get_segment (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->segment;
}

void
tend_account_set_segment (TendAccount *self,
                          const char  *segment)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_SEGMENT, segment);
}

const char *
tend_account_get_lifecycle_stage (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->lifecycle_stage;
}

void
tend_account_set_lifecycle_stage (TendAccount *self,
                                  const char  *stage)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_LIFECYCLE_STAGE, stage);
}

const char *
tend_account_get_start_date (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->start_date;
}

void
tend_account_set_start_date (TendAccount *self,
                             const char  *date)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_START_DATE, date);
}

const char *
tend_account_get_status (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->status;
}

/**
 * tend_account_set_status:
 * @status: "active", "churned", "trial" or "paused"; the store refuses others on save
 */
void
tend_account_set_status (TendAccount *self,
                         const char  *status)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_STATUS, status);
}

const char *
tend_account_get_churn_date (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->churn_date;
}

void
tend_account_set_churn_date (TendAccount *self,
                             const char  *date)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_CHURN_DATE, date);
}

const char *
tend_account_get_churn_reason (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->churn_reason;
}

void
tend_account_set_churn_reason (TendAccount *self,
                               const char  *reason)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_CHURN_REASON, reason);
}

/**
 * tend_account_get_licensed_seats:
 *
 * Returns: the seats the customer pays for, or 0 when unknown
 */
int
tend_account_get_licensed_seats (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), 0);

  return self->licensed_seats;
}

void
tend_account_set_licensed_seats (TendAccount *self,
                                 int          seats)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  tend_model_set_int (G_OBJECT (self), properties[PROP_LICENSED_SEATS], &self->licensed_seats,
                      MAX (seats, 0));
}

/**
 * tend_account_get_arr_minor:
 *
 * Returns: the annual recurring revenue in minor units of tend_account_get_currency()
 */
gint64
tend_account_get_arr_minor (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), 0);

  return self->arr_minor;
}

void
tend_account_set_arr_minor (TendAccount *self,
                            gint64       arr_minor)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  tend_model_set_int64 (G_OBJECT (self), properties[PROP_ARR_MINOR], &self->arr_minor,
                        arr_minor);
}

const char *
tend_account_get_currency (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->currency;
}

void
tend_account_set_currency (TendAccount *self,
                           const char  *currency)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_CURRENCY, currency);
}

const char *
tend_account_get_renewal_date (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->renewal_date;
}

void
tend_account_set_renewal_date (TendAccount *self,
                               const char  *date)
{
  g_return_if_fail (TEND_IS_ACCOUNT (self));

  account_set_text (self, PROP_RENEWAL_DATE, date);
}

/**
 * tend_account_get_health_score:
 *
 * Returns: the current score, 0 to 100, or %TEND_NO_SCORE when never scored
 */
double
tend_account_get_health_score (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), TEND_NO_SCORE);

  return self->health_score;
}

/**
 * tend_account_get_health_band:
 *
 * Returns: (nullable): "red", "yellow" or "green", or %NULL when never scored
 */
const char *
tend_account_get_health_band (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->health_band;
}

/**
 * tend_account_get_health_change:
 *
 * Returns: the change of the score over the last 30 days, or NAN when it is not known:
 *   the account is not scored, or was not scored 30 days before
 */
double
tend_account_get_health_change (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), 0.0);

  return self->health_change;
}

/**
 * tend_account_get_attributes:
 *
 * Returns: (transfer none): the custom attributes, never %NULL; change them with
 *   tend_account_set_attribute() or tend_account_set_attributes(), not in place, so
 *   that the change is notified
 */
JsonObject *
tend_account_get_attributes (TendAccount *self)
{
  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);

  return self->attributes;
}

/**
 * tend_account_set_attributes:
 * @attributes: (nullable): the custom attributes; %NULL for none
 */
void
tend_account_set_attributes (TendAccount *self,
                             JsonObject  *attributes)
{
  g_autoptr(JsonObject) empty = NULL;

  g_return_if_fail (TEND_IS_ACCOUNT (self));

  if (attributes == NULL)
    attributes = empty = json_object_new ();

  g_clear_pointer (&self->unreadable_attributes, g_free);

  if (attributes == self->attributes || json_object_equal (attributes, self->attributes))
    return;

  json_object_ref (attributes);
  g_clear_pointer (&self->attributes, json_object_unref);
  self->attributes = attributes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTRIBUTES]);
}

/**
 * tend_account_dup_attribute:
 *
 * Returns: (transfer full) (nullable): the attribute as text (numbers in C notation,
 *   booleans as "true" or "false", lists and objects as JSON), or %NULL when absent
 */
char *
tend_account_dup_attribute (TendAccount *self,
                            const char  *key)
{
  JsonNode *node;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (TEND_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  node = json_object_get_member (self->attributes, key);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return json_node_dup_string (node);

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");

    default:
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
}

/**
 * tend_account_set_attribute:
 * @value: (nullable): the text to keep under @key, or %NULL to remove it
 */
void
tend_account_set_attribute (TendAccount *self,
                            const char  *key,
                            const char  *value)
{
  g_autoptr(JsonObject) copy = NULL;
  GList *members;

  g_return_if_fail (TEND_IS_ACCOUNT (self));
  g_return_if_fail (key != NULL);

  /* A copy, so that a caller still holding the old object does not see it change. */
  copy = json_object_new ();
  members = json_object_get_members (self->attributes);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data,
                            json_node_copy (json_object_get_member (self->attributes,
                                                                    l->data)));
  g_list_free (members);

  if (value == NULL)
    json_object_remove_member (copy, key);
  else
    json_object_set_string_member (copy, key, value);

  tend_account_set_attributes (self, copy);
}
