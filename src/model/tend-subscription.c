/* tend-subscription.c: a product or plan an account pays for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TendModel"

#include "config.h"

#include "tend-model-util.h"
#include "tend-subscription.h"

/* The columns tend_subscription_new_from_row() reads, in order. */
#define SUBSCRIPTION_COLUMNS                                                  \
  "id, account_id, source, external_id, product, plan, amount_minor, currency, " \
  "billing_interval, quantity, start_date, renewal_date, end_date, status"

struct _TendSubscription
{
  GObject  parent_instance;

  gint64   id;
  gint64   account_id;
  char    *source;
  char    *external_id;
  char    *product;
  char    *plan;
  gint64   amount_minor;
  char    *currency;
  char    *billing_interval;
  int      quantity;
  char    *start_date;
  char    *renewal_date;
  char    *end_date;
  char    *status;
};

G_DEFINE_FINAL_TYPE (TendSubscription, tend_subscription, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT_ID,
  PROP_SOURCE,
  PROP_EXTERNAL_ID,
  PROP_PRODUCT,
  PROP_PLAN,
  PROP_AMOUNT_MINOR,
  PROP_CURRENCY,
  PROP_BILLING_INTERVAL,
  PROP_QUANTITY,
  PROP_START_DATE,
  PROP_RENEWAL_DATE,
  PROP_END_DATE,
  PROP_STATUS,
  PROP_ARR_MINOR,
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
  { PROP_SOURCE, 2, G_STRUCT_OFFSET (TendSubscription, source), "source" },
  { PROP_EXTERNAL_ID, 3, G_STRUCT_OFFSET (TendSubscription, external_id), "external-id" },
  { PROP_PRODUCT, 4, G_STRUCT_OFFSET (TendSubscription, product), "product" },
  { PROP_PLAN, 5, G_STRUCT_OFFSET (TendSubscription, plan), "plan" },
  { PROP_CURRENCY, 7, G_STRUCT_OFFSET (TendSubscription, currency), "currency" },
  { PROP_BILLING_INTERVAL, 8, G_STRUCT_OFFSET (TendSubscription, billing_interval),
    "billing-interval" },
  { PROP_START_DATE, 10, G_STRUCT_OFFSET (TendSubscription, start_date), "start-date" },
  { PROP_RENEWAL_DATE, 11, G_STRUCT_OFFSET (TendSubscription, renewal_date), "renewal-date" },
  { PROP_END_DATE, 12, G_STRUCT_OFFSET (TendSubscription, end_date), "end-date" },
  { PROP_STATUS, 13, G_STRUCT_OFFSET (TendSubscription, status), "status" },
};

static void
tend_subscription_finalize (GObject *object)
{
  TendSubscription *self = (TendSubscription *)object;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_free (G_STRUCT_MEMBER (char *, self, text_fields[i].offset));

  G_OBJECT_CLASS (tend_subscription_parent_class)->finalize (object);
}

static void
tend_subscription_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TendSubscription *self = TEND_SUBSCRIPTION (object);

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

    case PROP_AMOUNT_MINOR:
      g_value_set_int64 (value, self->amount_minor);
      break;

    case PROP_QUANTITY:
      g_value_set_int (value, self->quantity);
      break;

    case PROP_ARR_MINOR:
      g_value_set_int64 (value, tend_subscription_get_arr_minor (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tend_subscription_class_init (TendSubscriptionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tend_subscription_finalize;
  object_class->get_property = tend_subscription_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    properties[text_fields[i].prop_id] =
      g_param_spec_string (text_fields[i].name, NULL, NULL, NULL, flags);
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ACCOUNT_ID] =
    g_param_spec_int64 ("account-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AMOUNT_MINOR] =
    g_param_spec_int64 ("amount-minor", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_QUANTITY] = g_param_spec_int ("quantity", NULL, NULL, 0, G_MAXINT, 1, flags);
  properties[PROP_ARR_MINOR] =
    g_param_spec_int64 ("arr-minor", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tend_subscription_init (TendSubscription *self)
{
  self->quantity = 1;
}

/**
 * tend_subscription_new_from_row:
 * @stmt: a statement whose current row has every column of the subscriptions table,
 *   in the table's order
 */
TendSubscription *
tend_subscription_new_from_row (sqlite3_stmt *stmt)
{
  TendSubscription *self = g_object_new (TEND_TYPE_SUBSCRIPTION, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->account_id = sqlite3_column_int64 (stmt, 1);
  self->amount_minor = sqlite3_column_int64 (stmt, 6);
  self->quantity = (int)CLAMP (sqlite3_column_int64 (stmt, 9), 0, G_MAXINT);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    G_STRUCT_MEMBER (char *, self, text_fields[i].offset) =
      tend_model_column_dup_text (stmt, text_fields[i].column);

  return self;
}

static gpointer
subscription_read_row (sqlite3_stmt *stmt)
{
  return tend_subscription_new_from_row (stmt);
}

/**
 * tend_subscription_load_for_account:
 *
 * Returns: (transfer full) (nullable): the account's subscriptions, current ones
 *   first, then by start date
 */
GListStore *
tend_subscription_load_for_account (TendStore  *store,
                                    gint64      account_id,
                                    GError    **error)
{
  g_return_val_if_fail (TEND_IS_STORE (store), NULL);

  return tend_model_load_list (store,
                               "SELECT " SUBSCRIPTION_COLUMNS " FROM subscriptions"
                               " WHERE account_id = ?1"
                               " ORDER BY status NOT IN ('active', 'past_due', 'trialing'),"
                               " start_date IS NULL, start_date, id",
                               account_id, TEND_TYPE_SUBSCRIPTION, subscription_read_row,
                               error);
}

/**
 * tend_subscription_annualise:
 * @amount_minor: the price of one unit for one billing interval, in minor units
 * @billing_interval: "month", "quarter", "year" or "one_time"
 *
 * Returns: what the amount comes to over a year; 0 for a one-time charge or an unknown
 *   interval, and the nearest representable amount should it overflow
 */
gint64
tend_subscription_annualise (gint64      amount_minor,
                             int         quantity,
                             const char *billing_interval)
{
  gint64 per_year;
  gint64 factor;

  if (g_strcmp0 (billing_interval, "month") == 0)
    per_year = 12;
  else if (g_strcmp0 (billing_interval, "quarter") == 0)
    per_year = 4;
  else if (g_strcmp0 (billing_interval, "year") == 0)
    per_year = 1;
  else
    return 0;

  factor = per_year * MAX (quantity, 0);
  if (factor == 0 || amount_minor == 0)
    return 0;

  if (amount_minor > G_MAXINT64 / factor)
    return G_MAXINT64;
  if (amount_minor < G_MININT64 / factor)
    return G_MININT64;

  return amount_minor * factor;
}

gint64
tend_subscription_get_id (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), 0);

  return self->id;
}

gint64
tend_subscription_get_account_id (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), 0);

  return self->account_id;
}

const char *
tend_subscription_get_source (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->source;
}

const char *
tend_subscription_get_external_id (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->external_id;
}

const char *
tend_subscription_get_product (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->product;
}

const char *
tend_subscription_get_plan (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->plan;
}

/**
 * tend_subscription_get_amount_minor:
 *
 * Returns: the price of one unit for one billing interval, in minor units
 */
gint64
tend_subscription_get_amount_minor (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), 0);

  return self->amount_minor;
}

const char *
tend_subscription_get_currency (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->currency;
}

const char *
tend_subscription_get_billing_interval (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->billing_interval;
}

int
tend_subscription_get_quantity (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), 0);

  return self->quantity;
}

const char *
tend_subscription_get_start_date (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->start_date;
}

const char *
tend_subscription_get_renewal_date (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->renewal_date;
}

const char *
tend_subscription_get_end_date (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->end_date;
}

const char *
tend_subscription_get_status (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), NULL);

  return self->status;
}

/**
 * tend_subscription_get_arr_minor:
 *
 * Returns: the annual recurring revenue the subscription brings now: its annualised
 *   amount while it is active or past due (still billed), 0 while on trial or once
 *   cancelled or ended
 */
gint64
tend_subscription_get_arr_minor (TendSubscription *self)
{
  g_return_val_if_fail (TEND_IS_SUBSCRIPTION (self), 0);

  if (g_strcmp0 (self->status, "active") != 0 && g_strcmp0 (self->status, "past_due") != 0)
    return 0;

  return tend_subscription_annualise (self->amount_minor, self->quantity,
                                      self->billing_interval);
}
