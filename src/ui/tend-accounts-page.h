/* tend-accounts-page.h: the sortable, searchable list of accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "model/tend-account-list.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_ACCOUNTS_PAGE (tend_accounts_page_get_type ())
G_DECLARE_FINAL_TYPE (TendAccountsPage, tend_accounts_page, TEND, ACCOUNTS_PAGE, AdwBin)

GtkWidget       *tend_accounts_page_new             (void);
TendStore       *tend_accounts_page_get_store       (TendAccountsPage  *self);
void             tend_accounts_page_set_store       (TendAccountsPage  *self,
                                                     TendStore         *store);
TendAccountList *tend_accounts_page_get_list        (TendAccountsPage  *self);
GtkColumnView   *tend_accounts_page_get_column_view (TendAccountsPage  *self);
void             tend_accounts_page_set_band        (TendAccountsPage  *self,
                                                     const char        *band);
void             tend_accounts_page_set_status      (TendAccountsPage  *self,
                                                     const char        *status);
gboolean         tend_accounts_page_set_segment     (TendAccountsPage  *self,
                                                     const char        *segment);
void             tend_accounts_page_clear_filters   (TendAccountsPage  *self);
void             tend_accounts_page_set_search      (TendAccountsPage  *self,
                                                     const char        *text);
void             tend_accounts_page_focus_search    (TendAccountsPage  *self);
gboolean         tend_accounts_page_sort_by         (TendAccountsPage  *self,
                                                     TendAccountSortKey key,
                                                     gboolean           descending);
void             tend_accounts_page_export_async    (TendAccountsPage  *self,
                                                     GFile             *file,
                                                     gboolean           bom,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
gboolean         tend_accounts_page_export_finish   (TendAccountsPage  *self,
                                                     GAsyncResult      *result,
                                                     guint             *n_exported,
                                                     GError           **error);

G_END_DECLS
