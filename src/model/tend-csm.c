/* tend-csm.c: a customer success manager, the owner of accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-csm.h"
#include "tend-model-util.h"

/* The columns tend_csm_new_from_row() reads, in order. */
#define CSM_COLUMNS "id, name, email, team"

struct _TendCsm
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *email;
  char    *team;
};

G_DEFINE_FINAL_TYPE (TendCsm, tend_csm, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_TEAM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tend_csm_finalize (GObject *object)
{
  TendCsm *self = (TendCsm *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->team, g_free);

  G_OBJECT_CLASS (tend_csm_parent_class)->finalize (object);
}

static void
tend_csm_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  TendCsm *self = TEND_CSM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_TEAM:
      g_value_set_string (value, self->team);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_csm_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  TendCsm *self = TEND_CSM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      tend_csm_set_name (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      tend_csm_set_email (self, g_value_get_string (value));
      break;

    case PROP_TEAM:
      tend_csm_set_team (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_csm_class_init (TendCsmClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_csm_finalize;
  object_class->get_property = tend_csm_get_property;
  object_class->set_property = tend_csm_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_TEAM] = g_param_spec_string ("team", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_csm_init (TendCsm *self)
{
  self->name = g_strdup ("");
}

/**
 * tend_csm_new:
 *
 * Returns: (transfer full): a CSM not yet in the workspace; tend_csm_save() adds it
 */
TendCsm *
tend_csm_new (void)
{
  return g_object_new (TEND_TYPE_CSM, NULL);
}

/**
 * tend_csm_new_from_row:
 * @stmt: a statement whose current row has the columns id, name, email, team
 */
TendCsm *
tend_csm_new_from_row (sqlite3_stmt *stmt)
{
  TendCsm *self = tend_csm_new ();

  self->id = sqlite3_column_int64 (stmt, 0);
  g_free (self->name);
  self->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  self->email = tend_model_column_dup_text (stmt, 2);
  self->team = tend_model_column_dup_text (stmt, 3);

  return self;
}

static gpointer
csm_read_row (sqlite3_stmt *stmt)
{
  return tend_csm_new_from_row (stmt);
}

/**
 * tend_csm_load_all:
 *
 * Returns: (transfer full) (nullable): every CSM of the workspace, by name
 */
GListStore *
tend_csm_load_all (TendStore  *store,
                   GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return tend_model_load_list (store,
                               "SELECT " CSM_COLUMNS " FROM csms"
                               " ORDER BY name COLLATE NOCASE, id",
                               0, TEND_TYPE_CSM, csm_read_row, error);
}

static TendCsm *
csm_find_by (TendStore   *store,
             const char  *sql,
             const char  *value,
             GError     **error)
{
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);
  TendCsm *csm = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    csm = tend_csm_new_from_row (stmt);
  else if (rc != SQLITE_DONE)
    tend_store_set_error (store, error, rc, _("look up the customer success manager"));
  sqlite3_reset (stmt);

  return csm;
}

/* Finds a CSM by e-mail address, which is unique, or else by name; a CSM found by name
 * that already has another address is someone else. */
static TendCsm *
csm_find (TendStore   *store,
          const char  *name,
          const char  *email,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  TendCsm *csm = NULL;

  if (email != NULL)
    {
      csm = csm_find_by (store,
                         "SELECT " CSM_COLUMNS " FROM csms"
                         " WHERE email = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
                         email, &local_error);
      if (csm != NULL || local_error != NULL)
        goto out;

      csm = csm_find_by (store,
                         "SELECT " CSM_COLUMNS " FROM csms"
                         " WHERE name = ?1 COLLATE NOCASE AND email IS NULL"
                         " ORDER BY id LIMIT 1",
                         name, &local_error);
      goto out;
    }

  csm = csm_find_by (store,
                     "SELECT " CSM_COLUMNS " FROM csms"
                     " WHERE name = ?1 COLLATE NOCASE ORDER BY id LIMIT 1",
                     name, &local_error);

out:
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return csm;
}

/**
 * tend_csm_find_or_create:
 * @name: (nullable): the CSM's name as an import or a user wrote it
 * @email: (nullable): their e-mail address, which identifies them when given
 *
 * Finds the CSM with this e-mail address, or else with this name ignoring case (one
 * with no address yet gets @email), and adds one when there is none. A change
 * announces "csms" as changed. Without a name the address is used for both.
 *
 * Returns: (transfer full) (nullable): the CSM, or %NULL with @error set
 */
TendCsm *
tend_csm_find_or_create (TendStore   *store,
                         const char  *name,
                         const char  *email,
                         GError     **error)
{
  g_autofree char *clean_email = g_strstrip (g_strdup (email ? email : ""));
  g_autofree char *clean_name = g_strstrip (g_strdup (name ? name : ""));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TendCsm) csm = NULL;
  const char *address;

  g_return_val_if_fail (TEND_IS_STORE (store), NULL);
  g_return_val_if_fail (*clean_name != '\0' || *clean_email != '\0', NULL);

  address = *clean_email != '\0' ? clean_email : NULL;
  if (*clean_name == '\0')
    {
      g_free (clean_name);
      clean_name = g_strdup (clean_email);
    }

  csm = csm_find (store, clean_name, address, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (csm == NULL)
    {
      csm = tend_csm_new ();
      tend_csm_set_name (csm, clean_name);
    }

  if (csm->id != 0 && (address == NULL || csm->email != NULL))
    return g_steal_pointer (&csm);

  tend_csm_set_email (csm, address);
  if (!tend_csm_save (csm, store, error))
    return NULL;

  return g_steal_pointer (&csm);
}

static gboolean
csm_write (TendCsm    *self,
           TendStore  *store,
           GError    **error)
{
  const char *sql = self->id == 0
                    ? "INSERT INTO csms (name, email, team) VALUES (?1, ?2, ?3)"
                    : "UPDATE csms SET name = ?1, email = ?2, team = ?3 WHERE id = ?4";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, self->name, -1, SQLITE_TRANSIENT);
  tend_model_bind_text (stmt, 2, self->email);
  tend_model_bind_text (stmt, 3, self->team);
  if (self->id != 0)
    sqlite3_bind_int64 (stmt, 4, self->id);

  if (!tend_store_step_done (store, stmt, error))
    return FALSE;

  if (self->id == 0)
    tend_model_set_int64 (G_OBJECT (self), properties[PROP_ID], &self->id,
                          sqlite3_last_insert_rowid (tend_store_get_db (store)));

  return TRUE;
}

/**
 * tend_csm_save:
 *
 * Inserts the CSM, or updates it when it has an id, and announces "csms" as changed.
 * An address another CSM has already is refused with %TEND_STORE_ERROR_CONSTRAINT.
 */
gboolean
tend_csm_save (TendCsm    *self,
               TendStore  *store,
               GError    **error)
{
  gboolean is_new;
  gboolean saved;

  g_return_val_if_fail (TEND_IS_CSM (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (!tend_store_begin (store, error))
    return FALSE;

  is_new = self->id == 0;
  saved = tend_model_finish_write (store, csm_write (self, store, error), "csms", error);
  if (!saved && is_new)
    tend_model_set_int64 (G_OBJECT (self), properties[PROP_ID], &self->id, 0);

  return saved;
}

gint64
tend_csm_get_id (TendCsm *self)
{
  g_return_val_if_fail (TEND_IS_CSM (self), 0);

  return self->id;
}

const char *
tend_csm_get_name (TendCsm *self)
{
  g_return_val_if_fail (TEND_IS_CSM (self), NULL);

  return self->name;
}

void
tend_csm_set_name (TendCsm    *self,
                   const char *name)
{
  g_return_if_fail (TEND_IS_CSM (self));

  tend_model_set_string (G_OBJECT (self), properties[PROP_NAME], &self->name,
                         name ? name : "");
}

const char *
tend_csm_get_email (TendCsm *self)
{
  g_return_val_if_fail (TEND_IS_CSM (self), NULL);

  return self->email;
}

void
tend_csm_set_email (TendCsm    *self,
                    const char *email)
{
  g_return_if_fail (TEND_IS_CSM (self));

  tend_model_set_string (G_OBJECT (self), properties[PROP_EMAIL], &self->email,
                         email && *email ? email : NULL);
}

const char *
tend_csm_get_team (TendCsm *self)
{
  g_return_val_if_fail (TEND_IS_CSM (self), NULL);

  return self->team;
}

void
tend_csm_set_team (TendCsm    *self,
                   const char *team)
{
  g_return_if_fail (TEND_IS_CSM (self));

  tend_model_set_string (G_OBJECT (self), properties[PROP_TEAM], &self->team,
                         team && *team ? team : NULL);
}
