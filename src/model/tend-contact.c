/* tend-contact.c: a person at a customer account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include "tend-contact.h"
#include "tend-model-util.h"

struct _TendContact
{
  GObject   parent_instance;

  gint64    id;
  gint64    account_id;
  char     *name;
  char     *email;
  char     *title;
  char     *role;
  char     *phone;
  gboolean  is_primary;
};

G_DEFINE_FINAL_TYPE (TendContact, tend_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_TITLE,
  PROP_ROLE,
  PROP_PHONE,
  PROP_IS_PRIMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The text properties, with their column in the row and their name. */
static const struct {
  guint prop_id;
  int column;
  gsize offset;
  const char *name;
} text_fields[] = {
  { PROP_NAME, 2, G_STRUCT_OFFSET (TendContact, name), "name" },
  { PROP_EMAIL, 3, G_STRUCT_OFFSET (TendContact, email), "email" },
  { PROP_TITLE, 4, G_STRUCT_OFFSET (TendContact, title), "title" },
  { PROP_ROLE, 5, G_STRUCT_OFFSET (TendContact, role), "role" },
  { PROP_PHONE, 6, G_STRUCT_OFFSET (TendContact, phone), "phone" },
};

static void
tend_contact_finalize (GObject *object)
{
  TendContact *self = (TendContact *)object;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_free (G_STRUCT_MEMBER (char *, self, text_fields[i].offset));

  G_OBJECT_CLASS (tend_contact_parent_class)->finalize (object);
}

static void
tend_contact_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TendContact *self = TEND_CONTACT (object);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      if (text_fields[i].prop_id == prop_id)
        {
          g_value_set_string (value, G_STRUCT_MEMBER (char *, self, text_fields[i].offset));
          return;
        }
    }

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_ACCOUNT_ID:
      g_value_set_int64 (value, self->account_id);
      break;

    case PROP_IS_PRIMARY:
      g_value_set_boolean (value, self->is_primary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_contact_class_init (TendContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_contact_finalize;
  object_class->get_property = tend_contact_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    properties[text_fields[i].prop_id] =
      g_param_spec_string (text_fields[i].name, NULL, NULL, NULL, flags);
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_IS_PRIMARY] = g_param_spec_boolean ("is-primary", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_contact_init (TendContact *self)
{
}

/**
 * tend_contact_new_from_row:
 * @stmt: a statement whose current row has every column of the contacts table, in the
 *   table's order
 */
TendContact *
tend_contact_new_from_row (sqlite3_stmt *stmt)
{
  TendContact *self = g_object_new (TEND_TYPE_CONTACT, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->account_id = sqlite3_column_int64 (stmt, 1);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    G_STRUCT_MEMBER (char *, self, text_fields[i].offset) =
      tend_model_column_dup_text (stmt, text_fields[i].column);
  self->is_primary = sqlite3_column_int (stmt, 7) != 0;

  return self;
}

static gpointer
contact_read_row (sqlite3_stmt *stmt)
{
  return tend_contact_new_from_row (stmt);
}

/**
 * tend_contact_load_for_account:
 *
 * Returns: (transfer full) (nullable): the account's contacts, the primary ones first,
 *   then by name
 */
GListStore *
tend_contact_load_for_account (TendStore  *store,
                               gint64      account_id,
                               GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return tend_model_load_list (store,
                               "SELECT id, account_id, name, email, title, role, phone,"
                               " is_primary FROM contacts WHERE account_id = ?1"
                               " ORDER BY is_primary DESC, name COLLATE NOCASE, id",
                               account_id, TEND_TYPE_CONTACT, contact_read_row, error);
}

gint64
tend_contact_get_id (TendContact *self)
{
  g_return_val_if_fail (TEND_IS_CONTACT (self), 0);

  return self->id;
}

gint64
tend_contact_get_account_id (TendContact *self)
{
  g_return_val_if_fail (TEND_IS_CONTACT (self), 0);

  return self->account_id;
}

const char *
tend_contact_get_name (TendContact *self)
{
  g_return_val_if_fail (TEND_IS_CONTACT (self), NULL);

  return self->name;
}

const char *
tend_contact_get_email (TendContact *self)
{
  g_return_val_if_fail (TEND_IS_CONTACT (self), NULL);

  return self->email;
}

const char *
tend_contact_get_title (TendContact *self)
{
  g_return_val_if_fail (TEND_IS_CONTACT (self), NULL);

  return self->title;
}

const char *
tend_contact_get_role (TendContact *self)
{
  g_return_val_if_fail (TEND_IS_CONTACT (self), NULL);

  return self->role;
}

const char *
tend_contact_get_phone (TendContact *self)
{
  g_return_val_if_fail (TEND_IS_CONTACT (self), NULL);

  return self->phone;
}

gboolean
tend_contact_get_is_primary (TendContact *self)
{
  g_return_val_if_fail (TEND_IS_CONTACT (self), FALSE);

  return self->is_primary;
}
