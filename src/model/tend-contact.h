/* tend-contact.h: a person at a customer account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_CONTACT (tend_contact_get_type ())
G_DECLARE_FINAL_TYPE (TendContact, tend_contact, TEND, CONTACT, GObject)

TendContact *tend_contact_new_from_row     (sqlite3_stmt  *stmt);
GListStore  *tend_contact_load_for_account (TendStore     *store,
                                            gint64         account_id,
                                            GError       **error);

gint64       tend_contact_get_id           (TendContact   *self);
gint64       tend_contact_get_account_id   (TendContact   *self);
const char  *tend_contact_get_name         (TendContact   *self);
const char  *tend_contact_get_email        (TendContact   *self);
const char  *tend_contact_get_title        (TendContact   *self);
const char  *tend_contact_get_role         (TendContact   *self);
const char  *tend_contact_get_phone        (TendContact   *self);
gboolean     tend_contact_get_is_primary   (TendContact   *self);

G_END_DECLS
