/* tend-account-list.h: the accounts of a workspace as a lazily loaded GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "model/tend-account.h"

G_BEGIN_DECLS

typedef enum
{
  TEND_ACCOUNT_SORT_NAME,
  TEND_ACCOUNT_SORT_OWNER,
  TEND_ACCOUNT_SORT_SEGMENT,
  TEND_ACCOUNT_SORT_ARR,
  TEND_ACCOUNT_SORT_HEALTH,
  TEND_ACCOUNT_SORT_TREND,
  TEND_ACCOUNT_SORT_RENEWAL,
  TEND_ACCOUNT_SORT_STATUS,
} TendAccountSortKey;

#define TEND_TYPE_ACCOUNT_SORT_KEY (tend_account_sort_key_get_type ())
GType tend_account_sort_key_get_type (void);

#define TEND_TYPE_ACCOUNT_LIST (tend_account_list_get_type ())
G_DECLARE_FINAL_TYPE (TendAccountList, tend_account_list, TEND, ACCOUNT_LIST, GObject)

TendAccountList   *tend_account_list_new            (TendStore          *store);
TendStore         *tend_account_list_get_store      (TendAccountList    *self);

void               tend_account_list_set_search     (TendAccountList    *self,
                                                     const char         *text);
const char        *tend_account_list_get_search     (TendAccountList    *self);
/* "red", "yellow", "green", "unscored", or NULL for every band */
void               tend_account_list_set_band       (TendAccountList    *self,
                                                     const char         *band);
const char        *tend_account_list_get_band       (TendAccountList    *self);
/* 0 for every owner, -1 for accounts with no owner */
void               tend_account_list_set_owner_id   (TendAccountList    *self,
                                                     gint64              owner_id);
gint64             tend_account_list_get_owner_id   (TendAccountList    *self);
void               tend_account_list_set_segment    (TendAccountList    *self,
                                                     const char         *segment);
const char        *tend_account_list_get_segment    (TendAccountList    *self);
/* "active", "churned", ... or NULL for every status */
void               tend_account_list_set_status     (TendAccountList    *self,
                                                     const char         *status);
const char        *tend_account_list_get_status     (TendAccountList    *self);
void               tend_account_list_set_sort       (TendAccountList    *self,
                                                     TendAccountSortKey  key,
                                                     gboolean            descending);
TendAccountSortKey tend_account_list_get_sort_key   (TendAccountList    *self);
gboolean           tend_account_list_get_descending (TendAccountList    *self);

gint64             tend_account_list_get_id         (TendAccountList    *self,
                                                     guint               position);
guint              tend_account_list_find           (TendAccountList    *self,
                                                     gint64              id);
gboolean           tend_account_list_reload         (TendAccountList    *self,
                                                     GError            **error);

GStrv              tend_account_list_dup_segments   (TendStore          *store);

G_END_DECLS
