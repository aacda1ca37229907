/* tend-milestone.c: a step of an account's success plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tend-milestone.h"
#include "tend-model-util.h"

/* The columns tend_milestone_new_from_row() reads, in order; "c" is the owner. */
#define MILESTONE_COLUMNS                                                      \
  "m.id, m.account_id, m.title, m.description, m.owner_id, c.name, m.due_date, " \
  "m.completed_date, m.progress"
#define MILESTONE_FROM "milestones m LEFT JOIN csms c ON c.id = m.owner_id"

struct _TendMilestone
{
  GObject  parent_instance;

  gint64   id;
  gint64   account_id;
  char    *title;
  char    *description;
  gint64   owner_id;
  char    *owner_name;
  char    *due_date;
  char    *completed_date;
  int      progress;
};

G_DEFINE_FINAL_TYPE (TendMilestone, tend_milestone, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_OWNER_ID,
  PROP_OWNER_NAME,
  PROP_DUE_DATE,
  PROP_COMPLETED_DATE,
  PROP_PROGRESS,
  PROP_IS_OVERDUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tend_milestone_finalize (GObject *object)
{
  TendMilestone *self = (TendMilestone *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->owner_name, g_free);
  g_clear_pointer (&self->due_date, g_free);
  g_clear_pointer (&self->completed_date, g_free);

  G_OBJECT_CLASS (tend_milestone_parent_class)->finalize (object);
}

static void
tend_milestone_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TendMilestone *self = TEND_MILESTONE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->account_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;

    case PROP_OWNER_NAME:
      g_value_set_string (value, self->owner_name);
      break;

    case PROP_DUE_DATE:
      g_value_set_string (value, self->due_date);
      break;

    case PROP_COMPLETED_DATE:
      g_value_set_string (value, self->completed_date);
      break;

    case PROP_PROGRESS:
      g_value_set_int (value, self->progress);
      break;

    case PROP_IS_OVERDUE:
      g_value_set_boolean (value, tend_milestone_is_overdue (self, tend_day_today ()));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_milestone_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TendMilestone *self = TEND_MILESTONE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT_ID:
      self->account_id = g_value_get_int64 (value);
      break;

    case PROP_TITLE:
      tend_milestone_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      tend_milestone_set_description (self, g_value_get_string (value));
      break;

    case PROP_OWNER_ID:
      tend_milestone_set_owner_id (self, g_value_get_int64 (value));
      break;

    case PROP_DUE_DATE:
      tend_milestone_set_due_date (self, g_value_get_string (value));
      break;

    case PROP_COMPLETED_DATE:
      tend_milestone_set_completed_date (self, g_value_get_string (value));
      break;

    case PROP_PROGRESS:
      tend_milestone_set_progress (self, g_value_get_int (value));
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

static void
tend_milestone_class_init (TendMilestoneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags read_only = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_milestone_finalize;
  object_class->get_property = tend_milestone_get_property;
  object_class->set_property = tend_milestone_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, read_only);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = text_property ("title", G_PARAM_READWRITE);
  properties[PROP_DESCRIPTION] = text_property ("description", G_PARAM_READWRITE);
  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_OWNER_NAME] = text_property ("owner-name", G_PARAM_READABLE);
  properties[PROP_DUE_DATE] = text_property ("due-date", G_PARAM_READWRITE);
  properties[PROP_COMPLETED_DATE] = text_property ("completed-date", G_PARAM_READWRITE);
  properties[PROP_PROGRESS] = g_param_spec_int ("progress", NULL, NULL, 0, 100, 0, flags);
  /* Against today as tend_day_today() tells it. */
  properties[PROP_IS_OVERDUE] = g_param_spec_boolean ("is-overdue", NULL, NULL, FALSE, read_only);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_milestone_init (TendMilestone *self)
{
  self->title = g_strdup ("");
  self->description = g_strdup ("");
}

/**
 * tend_milestone_new:
 * @account_id: the account whose plan it belongs to
 *
 * Returns: (transfer full): a milestone not yet saved
 */
TendMilestone *
tend_milestone_new (gint64 account_id)
{
  return g_object_new (TEND_TYPE_MILESTONE, "account-id", account_id, NULL);
}

/**
 * tend_milestone_new_from_row:
 * @stmt: a statement whose current row has the milestone's columns and its owner's name
 */
TendMilestone *
tend_milestone_new_from_row (sqlite3_stmt *stmt)
{
  TendMilestone *self = tend_milestone_new (sqlite3_column_int64 (stmt, 1));

  self->id = sqlite3_column_int64 (stmt, 0);
  g_free (self->title);
  self->title = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  g_free (self->description);
  self->description = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
  self->owner_id = tend_model_column_int64 (stmt, 4, 0);
  self->owner_name = tend_model_column_dup_text (stmt, 5);
  self->due_date = tend_model_column_dup_text (stmt, 6);
  self->completed_date = tend_model_column_dup_text (stmt, 7);
  self->progress = CLAMP (sqlite3_column_int (stmt, 8), 0, 100);

  return self;
}

static gpointer
milestone_read_row (sqlite3_stmt *stmt)
{
  return tend_milestone_new_from_row (stmt);
}

TendMilestone *
tend_milestone_load (TendStore  *store,
                     gint64      id,
                     GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return tend_model_load_one (store,
                              "SELECT " MILESTONE_COLUMNS " FROM " MILESTONE_FROM
                              " WHERE m.id = ?",
                              id, milestone_read_row, error);
}

/**
 * tend_milestone_load_for_account:
 *
 * Returns: (transfer full) (nullable): the account's milestones, open ones first by due
 *   date (undated last), then completed ones
 */
GListStore *
tend_milestone_load_for_account (TendStore  *store,
                                 gint64      account_id,
                                 GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return tend_model_load_list (store,
                               "SELECT " MILESTONE_COLUMNS " FROM " MILESTONE_FROM
                               " WHERE m.account_id = ?1"
                               " ORDER BY m.completed_date IS NOT NULL, m.due_date IS NULL,"
                               " m.due_date, m.id",
                               account_id, TEND_TYPE_MILESTONE, milestone_read_row, error);
}

/* Runs a change to the due or completed date, notifying "is-overdue" if it flips. */
static void
milestone_set_date (TendMilestone *self,
                    guint          prop_id,
                    char         **field,
                    const char    *date)
{
  TendDay today = tend_day_today ();
  gboolean was_overdue = tend_milestone_is_overdue (self, today);

  if (date != NULL && *date == '\0')
    date = NULL;

  g_object_freeze_notify (G_OBJECT (self));
  tend_model_set_string (G_OBJECT (self), properties[prop_id], field, date);
  if (tend_milestone_is_overdue (self, today) != was_overdue)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_OVERDUE]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
milestone_assign (TendMilestone *self,
                  TendMilestone *fresh)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  tend_model_set_int64 (object, properties[PROP_ID], &self->id, fresh->id);
  tend_milestone_set_title (self, fresh->title);
  tend_milestone_set_description (self, fresh->description);
  tend_milestone_set_owner_id (self, fresh->owner_id);
  tend_model_set_string (object, properties[PROP_OWNER_NAME], &self->owner_name,
                         fresh->owner_name);
  tend_milestone_set_due_date (self, fresh->due_date);
  tend_milestone_set_completed_date (self, fresh->completed_date);
  tend_milestone_set_progress (self, fresh->progress);
  g_object_thaw_notify (object);
}

static gboolean
milestone_write (TendMilestone  *self,
                 TendStore      *store,
                 GError        **error)
{
  const char *sql =
    self->id == 0
    ? "INSERT INTO milestones (account_id, title, description, owner_id, due_date, "
      "completed_date, progress) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    : "UPDATE milestones SET account_id = ?1, title = ?2, description = ?3, owner_id = ?4, "
      "due_date = ?5, completed_date = ?6, progress = ?7 WHERE id = ?8";
  sqlite3_stmt *stmt = tend_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->account_id);
  sqlite3_bind_text (stmt, 2, self->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->description, -1, SQLITE_TRANSIENT);
  tend_model_bind_id (stmt, 4, self->owner_id);
  tend_model_bind_text (stmt, 5, self->due_date);
  tend_model_bind_text (stmt, 6, self->completed_date);
  sqlite3_bind_int (stmt, 7, self->progress);
  if (self->id != 0)
    sqlite3_bind_int64 (stmt, 8, self->id);

  if (!tend_store_step_done (store, stmt, error))
    return FALSE;

  if (self->id == 0)
    tend_model_set_int64 (G_OBJECT (self), properties[PROP_ID], &self->id,
                          sqlite3_last_insert_rowid (tend_store_get_db (store)));

  return TRUE;
}

/* Reads the saved row back, so that the owner's name follows the owner id. */
static gboolean
milestone_read_back (TendMilestone  *self,
                     TendStore      *store,
                     GError        **error)
{
  g_autoptr(TendMilestone) fresh = tend_milestone_load (store, self->id, error);

  if (fresh == NULL)
    return FALSE;

  milestone_assign (self, fresh);

  return TRUE;
}

static gboolean
milestone_validate (TendMilestone  *self,
                    GError        **error)
{
  g_autofree char *title = g_strstrip (g_strdup (self->title));

  if (*title == '\0')
    {
      g_set_error_literal (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT,
                           _("A milestone needs a title."));
      return FALSE;
    }

  if (self->due_date != NULL && tend_day_from_iso (self->due_date) == TEND_DAY_INVALID)
    {
      g_set_error (error, TEND_STORE_ERROR, TEND_STORE_ERROR_CONSTRAINT,
                   _("The due date “%s” of the milestone “%s” is not a date."),
                   self->due_date, self->title);
      return FALSE;
    }

  return TRUE;
}

/**
 * tend_milestone_save:
 *
 * Inserts the milestone, or updates it when it has an id, in one transaction, and
 * announces "milestones" as changed. A milestone needs a title and, if it has a due
 * date, an ISO one.
 */
gboolean
tend_milestone_save (TendMilestone  *self,
                     TendStore      *store,
                     GError        **error)
{
  gboolean is_new;
  gboolean saved;

  g_return_val_if_fail (TEND_IS_MILESTONE (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);
  g_return_val_if_fail (self->account_id > 0, FALSE);

  if (!milestone_validate (self, error) || !tend_store_begin (store, error))
    return FALSE;

  is_new = self->id == 0;
  saved = milestone_write (self, store, error) && milestone_read_back (self, store, error);
  saved = tend_model_finish_write (store, saved, "milestones", error);
  if (!saved && is_new)
    tend_model_set_int64 (G_OBJECT (self), properties[PROP_ID], &self->id, 0);

  return saved;
}

/**
 * tend_milestone_complete:
 *
 * Marks the milestone done today, at 100% progress, and saves it. A milestone that was
 * already completed keeps its date.
 */
gboolean
tend_milestone_complete (TendMilestone  *self,
                         TendStore      *store,
                         GError        **error)
{
  g_autofree char *today = NULL;

  g_return_val_if_fail (TEND_IS_MILESTONE (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (self->completed_date == NULL)
    {
      today = tend_day_to_iso (tend_day_today ());
      tend_milestone_set_completed_date (self, today);
    }
  tend_milestone_set_progress (self, 100);

  return tend_milestone_save (self, store, error);
}

/**
 * tend_milestone_delete:
 *
 * Removes the milestone from the workspace and announces "milestones" as changed; the
 * object is left without an id, so saving it again adds it anew.
 */
gboolean
tend_milestone_delete (TendMilestone  *self,
                       TendStore      *store,
                       GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean deleted;

  g_return_val_if_fail (TEND_IS_MILESTONE (self), FALSE);
  g_return_val_if_fail (TEND_IS_STORE (store), FALSE);

  if (self->id == 0)
    return TRUE;

  if (!tend_store_begin (store, error))
    return FALSE;

  stmt = tend_store_prepare (store, "DELETE FROM milestones WHERE id = ?", error);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, self->id);
  deleted = stmt != NULL && tend_store_step_done (store, stmt, error);

  if (!tend_model_finish_write (store, deleted, "milestones", error))
    return FALSE;

  tend_model_set_int64 (G_OBJECT (self), properties[PROP_ID], &self->id, 0);

  return TRUE;
}

gint64
tend_milestone_get_id (TendMilestone *self)
{
  g_return_val_if_fail (TEND_IS_MILESTONE (self), 0);

  return self->id;
}

gint64
tend_milestone_get_account_id (TendMilestone *self)
{
  g_return_val_if_fail (TEND_IS_MILESTONE (self), 0);

  return self->account_id;
}

const char *
tend_milestone_get_title (TendMilestone *self)
{
  g_return_val_if_fail (TEND_IS_MILESTONE (self), NULL);

  return self->title;
}

void
tend_milestone_set_title (TendMilestone *self,
                          const char    *title)
{
  g_return_if_fail (TEND_IS_MILESTONE (self));

  tend_model_set_string (G_OBJECT (self), properties[PROP_TITLE], &self->title,
                         title ? title : "");
}

const char *
tend_milestone_get_description (TendMilestone *self)
{
  g_return_val_if_fail (TEND_IS_MILESTONE (self), NULL);

  return self->description;
}

void
tend_milestone_set_description (TendMilestone *self,
                                const char    *description)
{
  g_return_if_fail (TEND_IS_MILESTONE (self));

  tend_model_set_string (G_OBJECT (self), properties[PROP_DESCRIPTION], &self->description,
                         description ? description : "");
}

gint64
tend_milestone_get_owner_id (TendMilestone *self)
{
  g_return_val_if_fail (TEND_IS_MILESTONE (self), 0);

  return self->owner_id;
}

/**
 * tend_milestone_set_owner_id:
 * @owner_id: the CSM's id, or 0 for none; the owner's name follows on save
 */
void
tend_milestone_set_owner_id (TendMilestone *self,
                             gint64         owner_id)
{
  g_return_if_fail (TEND_IS_MILESTONE (self));

  tend_model_set_int64 (G_OBJECT (self), properties[PROP_OWNER_ID], &self->owner_id,
                        MAX (owner_id, 0));
}

const char *
tend_milestone_get_owner_name (TendMilestone *self)
{
  g_return_val_if_fail (TEND_IS_MILESTONE (self), NULL);

  return self->owner_name;
}

const char *
tend_milestone_get_due_date (TendMilestone *self)
{
  g_return_val_if_fail (TEND_IS_MILESTONE (self), NULL);

  return self->due_date;
}

/**
 * tend_milestone_set_due_date:
 * @date: (nullable): an ISO date, or %NULL for none
 */
void
tend_milestone_set_due_date (TendMilestone *self,
                             const char    *date)
{
  g_return_if_fail (TEND_IS_MILESTONE (self));

  milestone_set_date (self, PROP_DUE_DATE, &self->due_date, date);
}

const char *
tend_milestone_get_completed_date (TendMilestone *self)
{
  g_return_val_if_fail (TEND_IS_MILESTONE (self), NULL);

  return self->completed_date;
}

void
tend_milestone_set_completed_date (TendMilestone *self,
                                   const char    *date)
{
  g_return_if_fail (TEND_IS_MILESTONE (self));

  milestone_set_date (self, PROP_COMPLETED_DATE, &self->completed_date, date);
}

int
tend_milestone_get_progress (TendMilestone *self)
{
  g_return_val_if_fail (TEND_IS_MILESTONE (self), 0);

  return self->progress;
}

/**
 * tend_milestone_set_progress:
 * @progress: how far along it is, in percent; clamped to 0 to 100
 */
void
tend_milestone_set_progress (TendMilestone *self,
                             int            progress)
{
  g_return_if_fail (TEND_IS_MILESTONE (self));

  tend_model_set_int (G_OBJECT (self), properties[PROP_PROGRESS], &self->progress,
                      CLAMP (progress, 0, 100));
}

/**
 * tend_milestone_is_overdue:
 * @today: the day to judge by, usually tend_day_today()
 *
 * Returns: whether the milestone is still open after its due date
 */
gboolean
tend_milestone_is_overdue (TendMilestone *self,
                           TendDay        today)
{
  TendDay due;

  g_return_val_if_fail (TEND_IS_MILESTONE (self), FALSE);

  if (self->completed_date != NULL || self->due_date == NULL)
    return FALSE;

  due = tend_day_from_iso (self->due_date);

  return due != TEND_DAY_INVALID && due < today;
}
