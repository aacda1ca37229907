/* tend-ticket.h: a support ticket an account raised
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_TICKET (tend_ticket_get_type ())
G_DECLARE_FINAL_TYPE (TendTicket, tend_ticket, TEND, TICKET, GObject)

TendTicket  *tend_ticket_new_from_row     (sqlite3_stmt  *stmt);
GListStore  *tend_ticket_load_for_account (TendStore     *store,
                                           gint64         account_id,
                                           GError       **error);

gint64       tend_ticket_get_id           (TendTicket    *self);
gint64       tend_ticket_get_account_id   (TendTicket    *self);
const char  *tend_ticket_get_subject      (TendTicket    *self);
const char  *tend_ticket_get_body         (TendTicket    *self);
const char  *tend_ticket_get_priority     (TendTicket    *self);
const char  *tend_ticket_get_status       (TendTicket    *self);
gint64       tend_ticket_get_opened_at    (TendTicket    *self);
gint64       tend_ticket_get_closed_at    (TendTicket    *self);
int          tend_ticket_get_satisfaction (TendTicket    *self);
gboolean     tend_ticket_is_open          (TendTicket    *self);

G_END_DECLS
