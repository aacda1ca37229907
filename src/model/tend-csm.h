/* tend-csm.h: a customer success manager, the owner of accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_CSM (tend_csm_get_type ())
G_DECLARE_FINAL_TYPE (TendCsm, tend_csm, TEND, CSM, GObject)

TendCsm    *tend_csm_new                (void);
TendCsm    *tend_csm_new_from_row       (sqlite3_stmt  *stmt);
GListStore *tend_csm_load_all           (TendStore     *store,
                                         GError       **error);
TendCsm    *tend_csm_find_or_create     (TendStore     *store,
                                         const char    *name,
                                         const char    *email,
                                         GError       **error);
gboolean    tend_csm_save               (TendCsm       *self,
                                         TendStore     *store,
                                         GError       **error);

gint64      tend_csm_get_id             (TendCsm       *self);
const char *tend_csm_get_name           (TendCsm       *self);
void        tend_csm_set_name           (TendCsm       *self,
                                         const char    *name);
const char *tend_csm_get_email          (TendCsm       *self);
void        tend_csm_set_email          (TendCsm       *self,
                                         const char    *email);
const char *tend_csm_get_team           (TendCsm       *self);
void        tend_csm_set_team           (TendCsm       *self,
                                         const char    *team);

G_END_DECLS
