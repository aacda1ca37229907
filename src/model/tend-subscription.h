/* tend-subscription.h: a product or plan an account pays for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_SUBSCRIPTION (tend_subscription_get_type ())
G_DECLARE_FINAL_TYPE (TendSubscription, tend_subscription, TEND, SUBSCRIPTION, GObject)

TendSubscription *tend_subscription_new_from_row        (sqlite3_stmt     *stmt);
GListStore       *tend_subscription_load_for_account    (TendStore        *store,
                                                         gint64            account_id,
                                                         GError          **error);
gint64            tend_subscription_annualise           (gint64            amount_minor,
                                                         int               quantity,
                                                         const char       *billing_interval);

gint64            tend_subscription_get_id              (TendSubscription *self);
gint64            tend_subscription_get_account_id      (TendSubscription *self);
const char       *tend_subscription_get_source          (TendSubscription *self);
const char       *tend_subscription_get_external_id     (TendSubscription *self);
const char       *tend_subscription_get_product         (TendSubscription *self);
const char       *tend_subscription_get_plan            (TendSubscription *self);
gint64            tend_subscription_get_amount_minor    (TendSubscription *self);
const char       *tend_subscription_get_currency        (TendSubscription *self);
const char       *tend_subscription_get_billing_interval (TendSubscription *self);
int               tend_subscription_get_quantity        (TendSubscription *self);
const char       *tend_subscription_get_start_date      (TendSubscription *self);
const char       *tend_subscription_get_renewal_date    (TendSubscription *self);
const char       *tend_subscription_get_end_date        (TendSubscription *self);
const char       *tend_subscription_get_status          (TendSubscription *self);
gint64            tend_subscription_get_arr_minor       (TendSubscription *self);

G_END_DECLS
