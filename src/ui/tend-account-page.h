/* tend-account-page.h: one account's own page, the 360° view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "model/tend-account.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_ACCOUNT_PAGE (tend_account_page_get_type ())
G_DECLARE_FINAL_TYPE (TendAccountPage, tend_account_page, TEND, ACCOUNT_PAGE, AdwBin)

GtkWidget   *tend_account_page_new            (void);
TendStore   *tend_account_page_get_store      (TendAccountPage  *self);
void         tend_account_page_set_store      (TendAccountPage  *self,
                                               TendStore        *store);
gboolean     tend_account_page_load           (TendAccountPage  *self,
                                               gint64            account_id,
                                               GError          **error);
TendAccount *tend_account_page_get_account    (TendAccountPage  *self);
const char  *tend_account_page_get_title      (TendAccountPage  *self);
guint        tend_account_page_count_rows     (TendAccountPage  *self,
                                               const char       *section);

G_END_DECLS
