/* tend-ticket.c: a support ticket an account raised
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include "tend-model-util.h"
#include "tend-ticket.h"

struct _TendTicket
{
  GObject  parent_instance;

  gint64   id;
  gint64   account_id;
  char    *subject;
  char    *body;
  char    *priority;
  char    *status;
  gint64   opened_at;
  gint64   closed_at;
  int      satisfaction;
};

G_DEFINE_FINAL_TYPE (TendTicket, tend_ticket, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_PRIORITY,
  PROP_STATUS,
  PROP_OPENED_AT,
  PROP_CLOSED_AT,
  PROP_SATISFACTION,
  PROP_IS_OPEN,
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
  { PROP_SUBJECT, 2, G_STRUCT_OFFSET (TendTicket, subject), "subject" },
  { PROP_BODY, 3, G_STRUCT_OFFSET (TendTicket, body), "body" },
  { PROP_PRIORITY, 4, G_STRUCT_OFFSET (TendTicket, priority), "priority" },
  { PROP_STATUS, 5, G_STRUCT_OFFSET (TendTicket, status), "status" },
};

static void
tend_ticket_finalize (GObject *object)
{
  TendTicket *self = (TendTicket *)object;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_free (G_STRUCT_MEMBER (char *, self, text_fields[i].offset));

  G_OBJECT_CLASS (tend_ticket_parent_class)->finalize (object);
}

static void
tend_ticket_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TendTicket *self = TEND_TICKET (object);

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

    case PROP_OPENED_AT:
      g_value_set_int64 (value, self->opened_at);
      break;

    case PROP_CLOSED_AT:
      g_value_set_int64 (value, self->closed_at);
      break;

    case PROP_SATISFACTION:
      g_value_set_int (value, self->satisfaction);
      break;

    case PROP_IS_OPEN:
      g_value_set_boolean (value, tend_ticket_is_open (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_ticket_class_init (TendTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_ticket_finalize;
  object_class->get_property = tend_ticket_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    properties[text_fields[i].prop_id] =
      g_param_spec_string (text_fields[i].name, NULL, NULL, NULL, flags);
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_OPENED_AT] =
    g_param_spec_int64 ("opened-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CLOSED_AT] =
    g_param_spec_int64 ("closed-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SATISFACTION] = g_param_spec_int ("satisfaction", NULL, NULL, 0, 5, 0, flags);
  properties[PROP_IS_OPEN] = g_param_spec_boolean ("is-open", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_ticket_init (TendTicket *self)
{
}

/**
 * tend_ticket_new_from_row:
 * @stmt: a statement whose current row has the columns id, account_id, subject, body,
 *   priority, status, opened_at, closed_at, satisfaction
 */
TendTicket *
tend_ticket_new_from_row (sqlite3_stmt *stmt)
{
  TendTicket *self = g_object_new (TEND_TYPE_TICKET, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->account_id = sqlite3_column_int64 (stmt, 1);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    G_STRUCT_MEMBER (char *, self, text_fields[i].offset) =
      tend_model_column_dup_text (stmt, text_fields[i].column);
  self->opened_at = sqlite3_column_int64 (stmt, 6);
  self->closed_at = tend_model_column_int64 (stmt, 7, 0);
  self->satisfaction = (int)CLAMP (tend_model_column_int64 (stmt, 8, 0), 0, 5);

  return self;
}

static gpointer
ticket_read_row (sqlite3_stmt *stmt)
{
  return tend_ticket_new_from_row (stmt);
}

/**
 * tend_ticket_load_for_account:
 *
 * Returns: (transfer full) (nullable): the account's tickets, newest first
 */
GListStore *
tend_ticket_load_for_account (TendStore  *store,
                              gint64      account_id,
                              GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return tend_model_load_list (store,
                               "SELECT id, account_id, subject, body, priority, status,"
                               " opened_at, closed_at, satisfaction FROM tickets"
                               " WHERE account_id = ?1 ORDER BY opened_at DESC, id DESC",
                               account_id, TEND_TYPE_TICKET, ticket_read_row, error);
}

gint64
tend_ticket_get_id (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), 0);

  return self->id;
}

gint64
tend_ticket_get_account_id (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), 0);

  return self->account_id;
}

const char *
tend_ticket_get_subject (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), NULL);

  return self->subject;
}

const char *
tend_ticket_get_body (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), NULL);

  return self->body;
}

/**
 * tend_ticket_get_priority:
 *
 * Returns: "low", "normal", "high" or "urgent"
 */
const char *
tend_ticket_get_priority (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), NULL);

  return self->priority;
}

/**
 * tend_ticket_get_status:
 *
 * Returns: "new", "open", "pending", "hold", "solved" or "closed"
 */
const char *
tend_ticket_get_status (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), NULL);

  return self->status;
}

/**
 * tend_ticket_get_opened_at:
 *
 * Returns: when the ticket was opened, in Unix seconds
 */
gint64
tend_ticket_get_opened_at (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), 0);

  return self->opened_at;
}

/**
 * tend_ticket_get_closed_at:
 *
 * Returns: when the ticket was closed, in Unix seconds, or 0 while it is not
 */
gint64
tend_ticket_get_closed_at (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), 0);

  return self->closed_at;
}

/**
 * tend_ticket_get_satisfaction:
 *
 * Returns: the customer's rating from 1 to 5, or 0 when they gave none
 */
int
tend_ticket_get_satisfaction (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), 0);

  return self->satisfaction;
}

/**
 * tend_ticket_is_open:
 *
 * Returns: whether the ticket still waits for an answer (neither solved nor closed)
 */
gboolean
tend_ticket_is_open (TendTicket *self)
{
  g_return_val_if_fail (TEND_IS_TICKET (self), FALSE);

  return g_strcmp0 (self->status, "solved") != 0 && g_strcmp0 (self->status, "closed") != 0;
}
