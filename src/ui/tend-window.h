/* tend-window.h: the main window: dashboard, accounts and an account's own page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/tend-store.h"
#include "tend-account-page.h"
#include "tend-accounts-page.h"
#include "tend-application.h"
#include "tend-dashboard-page.h"

G_BEGIN_DECLS

#define TEND_TYPE_WINDOW (tend_window_get_type ())
G_DECLARE_FINAL_TYPE (TendWindow, tend_window, TEND, WINDOW, AdwApplicationWindow)

TendWindow        *tend_window_new                (TendApplication *app,
                                                   TendStore       *store,
                                                   const GError    *store_error);
TendStore         *tend_window_get_store          (TendWindow      *self);
const char        *tend_window_get_visible_page   (TendWindow      *self);
TendDashboardPage *tend_window_get_dashboard_page (TendWindow      *self);
TendAccountsPage  *tend_window_get_accounts_page  (TendWindow      *self);
TendAccountPage   *tend_window_get_account_page   (TendWindow      *self);

void               tend_window_show_dashboard     (TendWindow      *self);
void               tend_window_show_accounts      (TendWindow      *self,
                                                   const char      *band);
void               tend_window_show_segment       (TendWindow      *self,
                                                   const char      *segment);
void               tend_window_show_account       (TendWindow      *self,
                                                   gint64           account_id);
gboolean           tend_window_go_back            (TendWindow      *self);
void               tend_window_toast              (TendWindow      *self,
                                                   const char      *message);

void               tend_window_import             (TendWindow      *self);
void               tend_window_export             (TendWindow      *self);
void               tend_window_focus_search       (TendWindow      *self);
void               tend_window_open_sample        (TendWindow      *self);
void               tend_window_show_preferences   (TendWindow      *self);
void               tend_window_watch_first_frame  (TendWindow      *self);

G_END_DECLS
