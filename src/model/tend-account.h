/* tend-account.h: a customer account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

/* The health score an account has before it was ever scored. */
#define TEND_NO_SCORE (-1.0)

/* The columns tend_account_new_from_row() reads, in order; "a" is accounts, "c" csms. */
#define TEND_ACCOUNT_COLUMNS                                                   \
  "a.id, a.name, a.domain, a.owner_id, c.name, a.segment, a.lifecycle_stage, " \
  "a.start_date, a.status, a.churn_date, a.churn_reason, a.licensed_seats, "   \
  "a.arr_minor, a.currency, a.renewal_date, a.health_score, a.health_band, "   \
  "a.health_change_30d, a.attributes"
#define TEND_ACCOUNT_FROM "accounts a LEFT JOIN csms c ON c.id = a.owner_id"

#define TEND_TYPE_ACCOUNT (tend_account_get_type ())
G_DECLARE_FINAL_TYPE (TendAccount, tend_account, TEND, ACCOUNT, GObject)

TendAccount *tend_account_new                 (void);
TendAccount *tend_account_new_from_row        (sqlite3_stmt *stmt);
TendAccount *tend_account_load                (TendStore    *store,
                                               gint64        id,
                                               GError      **error);
gboolean     tend_account_save                (TendAccount  *self,
                                               TendStore    *store,
                                               GError      **error);
gboolean     tend_account_reload              (TendAccount  *self,
                                               TendStore    *store,
                                               GError      **error);

gint64       tend_account_get_id              (TendAccount  *self);
const char  *tend_account_get_name            (TendAccount  *self);
void         tend_account_set_name            (TendAccount  *self,
                                               const char   *name);
const char  *tend_account_get_domain          (TendAccount  *self);
void         tend_account_set_domain          (TendAccount  *self,
                                               const char   *domain);
gint64       tend_account_get_owner_id        (TendAccount  *self);
void         tend_account_set_owner_id        (TendAccount  *self,
                                               gint64        owner_id);
const char  *tend_account_get_owner_name      (TendAccount  *self);
const char  *tend_account_get_segment         (TendAccount  *self);
void         tend_account_set_segment         (TendAccount  *self,
                                               const char   *segment);
const char  *tend_account_get_lifecycle_stage (TendAccount  *self);
void         tend_account_set_lifecycle_stage (TendAccount  *self,
                                               const char   *stage);
const char  *tend_account_get_start_date      (TendAccount  *self);
void         tend_account_set_start_date      (TendAccount  *self,
                                               const char   *date);
const char  *tend_account_get_status          (TendAccount  *self);
void         tend_account_set_status          (TendAccount  *self,
                                               const char   *status);
const char  *tend_account_get_churn_date      (TendAccount  *self);
void         tend_account_set_churn_date      (TendAccount  *self,
                                               const char   *date);
const char  *tend_account_get_churn_reason    (TendAccount  *self);
void         tend_account_set_churn_reason    (TendAccount  *self,
                                               const char   *reason);
int          tend_account_get_licensed_seats  (TendAccount  *self);
void         tend_account_set_licensed_seats  (TendAccount  *self,
                                               int           seats);
gint64       tend_account_get_arr_minor       (TendAccount  *self);
void         tend_account_set_arr_minor       (TendAccount  *self,
                                               gint64        arr_minor);
const char  *tend_account_get_currency        (TendAccount  *self);
void         tend_account_set_currency        (TendAccount  *self,
                                               const char   *currency);
const char  *tend_account_get_renewal_date    (TendAccount  *self);
void         tend_account_set_renewal_date    (TendAccount  *self,
                                               const char   *date);
double       tend_account_get_health_score    (TendAccount  *self);
const char  *tend_account_get_health_band     (TendAccount  *self);
double       tend_account_get_health_change   (TendAccount  *self);
JsonObject  *tend_account_get_attributes      (TendAccount  *self);
void         tend_account_set_attributes      (TendAccount  *self,
                                               JsonObject   *attributes);
char        *tend_account_dup_attribute       (TendAccount  *self,
                                               const char   *key);
void         tend_account_set_attribute       (TendAccount  *self,
                                               const char   *key,
                                               const char   *value);

G_END_DECLS
