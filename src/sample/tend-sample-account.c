/* tend-sample-account.c: who the sample customers are and what they pay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each account is planned whole before anything is written: its segment and size, the
 * story its data tells (steady, growing, fading, churned, new), and from those its seats,
 * subscriptions and ARR, so that usage, tickets and payments agree with one another.
 */

#define G_LOG_DOMAIN "TendSample"

#include <json-glib/json-glib.h>
#include <math.h>

#include "tend-sample-private.h"

static const char *const segment_names[SAMPLE_N_SEGMENTS] = {
  "Enterprise", "Mid-Market", "SMB"
};

static const char *const team_names[SAMPLE_N_SEGMENTS] = {
  "Enterprise", "Mid-Market", "Scale"
};

static const char *const region_names[SAMPLE_N_REGIONS] = {
  "North America", "EMEA", "APAC", "Japan"
};

/* List prices per seat and month, in US dollars: larger customers buy at a discount. */
static const int seat_price_usd[SAMPLE_N_SEGMENTS] = { 30, 35, 40 };

void
sample_account_free (SampleAccount *account)
{
  g_free (account->name);
  g_free (account->domain);
  g_clear_pointer (&account->subscriptions, g_array_unref);
  g_clear_pointer (&account->contact_ids, g_array_unref);
  g_free (account);
}

static int
interval_months (SampleInterval interval)
{
  static const int months[] = { 1, 3, 12 };

  return months[interval];
}

static const char *
interval_name (SampleInterval interval)
{
  static const char *const names[] = { "month", "quarter", "year" };

  return names[interval];
}

/* An amount in US dollars as minor units of @currency, at fixed rates so a seed always
 * gives the same money; yen are rounded to the hundred, as Japanese price lists are. */
static gint64
usd_to_minor (gint64      dollars,
              const char *currency)
{
  if (g_str_equal (currency, "EUR"))
    return (gint64)llround (dollars * 0.92) * 100;
  if (g_str_equal (currency, "JPY"))
    return (gint64)llround (dollars * 1.5) * 100;

  return dollars * 100;
}

static gint64
pick_owner (SampleContext *ctx,
            SampleAccount *account)
{
  g_autoptr(GArray) team = g_array_new (FALSE, FALSE, sizeof (SampleCsm));

  /* A few small accounts wait in the unassigned pool, as in most real books. */
  if (account->segment == SAMPLE_SMB && sample_chance (ctx->rand, 0.03))
    return 0;

  for (guint i = 0; i < ctx->csms->len; i++)
    {
      SampleCsm *csm = &g_array_index (ctx->csms, SampleCsm, i);

      if (csm->team != account->segment)
        continue;

      /* Japanese customers go to the Japanese-speaking manager of the team. */
      if (account->japanese && csm->japanese && sample_chance (ctx->rand, 0.85))
        return csm->id;

      g_array_append_val (team, *csm);
    }

  if (team->len == 0)
    return g_array_index (ctx->csms, SampleCsm, 0).id;

  return g_array_index (team, SampleCsm, g_rand_int_range (ctx->rand, 0, team->len)).id;
}

static void
plan_identity (SampleContext *ctx,
               SampleAccount *account)
{
  static const double segment_weights[SAMPLE_N_SEGMENTS] = { 12, 33, 55 };
  static const double region_weights[SAMPLE_N_REGIONS] = { 55, 27, 8, 10 };
  static const double employee_medians[SAMPLE_N_SEGMENTS] = { 4000, 400, 40 };
  static const int employee_bounds[SAMPLE_N_SEGMENTS][2] = {
    { 1000, 200000 }, { 100, 2500 }, { 5, 250 }
  };
  double employees;

  account->segment = sample_weighted (ctx->rand, segment_weights, SAMPLE_N_SEGMENTS);
  account->region = sample_weighted (ctx->rand, region_weights, SAMPLE_N_REGIONS);
  account->japanese = account->region == SAMPLE_JAPAN;

  if (account->japanese)
    account->currency = "JPY";
  else if (account->region == SAMPLE_EMEA && sample_chance (ctx->rand, 0.65))
    account->currency = "EUR";
  else
    account->currency = "USD";

  account->name = sample_company_name (ctx, account->region, account->japanese,
                                       &account->domain, &account->industry);

  employees = sample_lognormal (ctx->rand, employee_medians[account->segment], 0.7);
  account->employees = CLAMP ((int)employees, employee_bounds[account->segment][0],
                              employee_bounds[account->segment][1]);
  account->owner_id = pick_owner (ctx, account);
}

static SampleStory
pick_story (SampleContext *ctx,
            SampleAccount *account)
{
  /* Small customers churn more often than large ones. */
  static const double weights[SAMPLE_N_SEGMENTS][6] = {
    /* steady, growing, at risk, churned, new, trial */
    { 56, 18, 12, 6, 7, 1 },
    { 52, 16, 12, 11, 7, 2 },
    { 48, 12, 12, 16, 9, 3 },
  };

  return sample_weighted (ctx->rand, weights[account->segment], 6);
}

static void
plan_churn (SampleContext *ctx,
            SampleAccount *account)
{
  int history = ctx->today - ctx->history_start;
  TendDay earliest = ctx->history_start + MIN (150, history / 2);

  /* Churn falls inside the history, late enough that the fade before it shows. */
  account->churn = sample_int (ctx->rand, earliest, ctx->today - 1);
  account->churn_reason = sample_churn_reason (ctx->rand);
  account->start = account->churn - sample_int (ctx->rand, 270, 4 * 365);
  account->fade_days = sample_int (ctx->rand, 90, 200);
  account->fade_start = account->churn - account->fade_days;
  account->fade_floor = sample_uniform (ctx->rand, 0.08, 0.35);
  account->growth = sample_uniform (ctx->rand, 0.0, 0.1);
}

static void
plan_at_risk (SampleContext *ctx,
              SampleAccount *account)
{
  account->start = ctx->today - sample_int (ctx->rand, 180, 5 * 365);
  account->fade_start = ctx->today - sample_int (ctx->rand, 45, 150);
  account->fade_days = sample_int (ctx->rand, 90, 200);
  account->fade_floor = sample_uniform (ctx->rand, 0.03, 0.3);
  account->growth = sample_uniform (ctx->rand, 0.0, 0.1);

  /* Some of them went dark: nobody has logged in for days or weeks. */
  if (sample_chance (ctx->rand, 0.4))
    account->dark_since = ctx->today - sample_int (ctx->rand, 8, 40);

  /* Some fading customers already cut seats at a mid-term true-down. */
  if (sample_chance (ctx->rand, 0.3))
    {
      account->change_day = sample_int (ctx->rand, account->fade_start + 14, ctx->today - 1);
      account->change_ratio = sample_uniform (ctx->rand, 0.6, 0.85);
    }
}

static void
plan_expansion (SampleContext *ctx,
                SampleAccount *account,
                double         probability,
                double         low,
                double         high)
{
  TendDay earliest = MAX (ctx->history_start + 1, account->start + 60);

  if (earliest > ctx->today - 7 || !sample_chance (ctx->rand, probability))
    return;

  account->change_day = sample_int (ctx->rand, earliest, ctx->today - 7);
  account->change_ratio = sample_uniform (ctx->rand, low, high);
}

static void
plan_story (SampleContext *ctx,
            SampleAccount *account)
{
  account->story = pick_story (ctx, account);
  account->churn = TEND_DAY_INVALID;
  account->fade_start = TEND_DAY_INVALID;
  account->change_day = TEND_DAY_INVALID;
  account->neglected_since = TEND_DAY_INVALID;
  account->dark_since = TEND_DAY_INVALID;
  account->change_ratio = 1.0;

  switch (account->story)
    {
    case SAMPLE_CHURNED:
      plan_churn (ctx, account);
      break;
    case SAMPLE_AT_RISK:
      plan_at_risk (ctx, account);
      break;
    case SAMPLE_GROWING:
      account->start = ctx->today - sample_int (ctx->rand, 150, 4 * 365);
      account->growth = sample_uniform (ctx->rand, 0.3, 0.55);
      plan_expansion (ctx, account, 0.8, 1.2, 1.8);
      break;
    case SAMPLE_NEW:
      account->start = ctx->today - sample_int (ctx->rand, 14, 120);
      account->growth = 0.15;
      break;
    case SAMPLE_TRIAL:
      account->start = ctx->today - sample_int (ctx->rand, 0, 13);
      account->growth = 0.0;
      break;
    case SAMPLE_STEADY:
    default:
      account->start = ctx->today - sample_int (ctx->rand, 150, 5 * 365);
      account->growth = sample_uniform (ctx->rand, 0.0, 0.15);
      plan_expansion (ctx, account, 0.1, 1.1, 1.3);
      break;
    }
}

static void
plan_attention (SampleContext *ctx,
                SampleAccount *account)
{
  static const double neglect[] = { 0.08, 0.03, 0.5, 0.3, 0.0, 0.0 };
  static const double moods[][2] = {
    { 0.68, 0.14 }, { 0.85, 0.07 }, { 0.45, 0.1 }, { 0.6, 0.1 }, { 0.75, 0.1 }, { 0.7, 0.1 }
  };
  TendDay last = sample_last_day (ctx, account);

  /* Some accounts slip off their manager's radar for weeks or months. */
  if (sample_chance (ctx->rand, neglect[account->story]))
    {
      account->neglected_since = last - sample_int (ctx->rand, 45, 150);
      if (account->neglected_since <= account->start)
        account->neglected_since = TEND_DAY_INVALID;
    }

  account->sentiment = moods[account->story][0] +
                       moods[account->story][1] * sample_gaussian (ctx->rand);
  account->sentiment = CLAMP (account->sentiment, 0.05, 0.98);
}

static void
plan_usage_shape (SampleContext *ctx,
                  SampleAccount *account)
{
  static const double arr_medians[SAMPLE_N_SEGMENTS] = { 150000, 30000, 5400 };
  static const double arr_sigmas[SAMPLE_N_SEGMENTS] = { 0.55, 0.5, 0.8 };
  static const double arr_bounds[SAMPLE_N_SEGMENTS][2] = {
    { 50000, 2500000 }, { 8000, 150000 }, { 1000, 30000 }
  };
  static const int breadth[SAMPLE_N_SEGMENTS][2] = { { 8, 13 }, { 5, 11 }, { 3, 8 } };
  double arr = sample_lognormal (ctx->rand, arr_medians[account->segment],
                                 arr_sigmas[account->segment]);
  double seats;

  arr = CLAMP (arr, arr_bounds[account->segment][0], arr_bounds[account->segment][1]);
  seats = arr / (12.0 * seat_price_usd[account->segment]);

  account->seats = MAX (SAMPLE_MIN_SEATS, (int)round (seats));
  account->seats_before = MAX (SAMPLE_MIN_SEATS,
                               (int)round (account->seats / account->change_ratio));
  account->adoption = sample_uniform (ctx->rand, 0.3, 0.85);
  if (account->story == SAMPLE_TRIAL)
    account->adoption = sample_uniform (ctx->rand, 0.3, 0.6);
  account->sessions_per_user = sample_uniform (ctx->rand, 1.2, 2.8);
  account->events_per_session = sample_lognormal (ctx->rand, 6.0, 0.4);
  account->breadth = sample_int (ctx->rand, breadth[account->segment][0],
                                 breadth[account->segment][1]);
}

static SampleInterval
pick_interval (SampleContext *ctx,
               SampleSegment  segment)
{
  static const double weights[SAMPLE_N_SEGMENTS][3] = {
    /* month, quarter, year */
    { 0, 10, 90 }, { 25, 15, 60 }, { 75, 0, 25 },
  };

  return sample_weighted (ctx->rand, weights[segment], 3);
}

static void
add_subscription (SampleAccount  *account,
                  const char     *product,
                  const char     *plan,
                  gint64          yearly_usd,
                  SampleInterval  interval,
                  TendDay         start,
                  TendDay         end)
{
  SampleSubscription row = { 0, };
  gint64 per_interval = MAX (1, yearly_usd * interval_months (interval) / 12);

  row.product = product;
  row.plan = plan;
  row.amount_minor = usd_to_minor (per_interval, account->currency);
  row.interval = interval;
  row.start = start;
  row.end = end;
  row.trialing = account->story == SAMPLE_TRIAL;

  g_array_append_val (account->subscriptions, row);
}

static void
plan_core (SampleAccount  *account,
           SampleInterval  interval)
{
  static const char *const plans[SAMPLE_N_SEGMENTS] = { "Enterprise", "Business", "Team" };
  gint64 price = seat_price_usd[account->segment] * 12;
  const char *plan = plans[account->segment];

  if (account->segment == SAMPLE_SMB && account->seats < 10)
    plan = "Starter";

  /* An expansion or a contraction ends the old row and starts a new one. */
  if (account->change_day != TEND_DAY_INVALID)
    {
      add_subscription (account, "Core Platform", plan, account->seats_before * price,
                        interval, account->start, account->change_day);
      add_subscription (account, "Core Platform", plan, account->seats * price,
                        interval, account->change_day, TEND_DAY_INVALID);
    }
  else
    {
      add_subscription (account, "Core Platform", plan, account->seats * price,
                        interval, account->start, TEND_DAY_INVALID);
    }
}

static void
plan_add_ons (SampleContext  *ctx,
              SampleAccount  *account,
              SampleInterval  interval)
{
  static const double analytics[SAMPLE_N_SEGMENTS] = { 0.6, 0.2, 0.05 };
  static const double support[SAMPLE_N_SEGMENTS] = { 0.5, 0.15, 0.0 };
  static const double automation[SAMPLE_N_SEGMENTS] = { 0.3, 0.3, 0.1 };
  gint64 core = account->seats * seat_price_usd[account->segment] * 12;
  TendDay start = account->start;

  /* Half of the expansions come with an add-on bought at the same time. */
  if (account->change_ratio > 1.0 && sample_chance (ctx->rand, 0.5))
    start = account->change_day;

  if (sample_chance (ctx->rand, analytics[account->segment]))
    add_subscription (account, "Analytics Add-on", "Standard", core * 15 / 100, interval,
                      start, TEND_DAY_INVALID);
  if (sample_chance (ctx->rand, support[account->segment]))
    add_subscription (account, "Premium Support", "Premium", core / 10, interval,
                      account->start, TEND_DAY_INVALID);
  if (sample_chance (ctx->rand, automation[account->segment]))
    add_subscription (account, "Automation Pack", account->segment == SAMPLE_SMB ? "Lite" : "Pro",
                      account->segment == SAMPLE_SMB ? 600 : 3000, interval,
                      start, TEND_DAY_INVALID);
}

/* The next anniversary of @start after @today: subscriptions are co-termed with it. */
static TendDay
next_anniversary (TendDay start,
                  TendDay today)
{
  int years = 1;

  while (tend_day_add_months (start, 12 * years) <= today)
    years++;

  return tend_day_add_months (start, 12 * years);
}

static gint64
yearly_minor (const SampleSubscription *row)
{
  return row->amount_minor * 12 / interval_months (row->interval);
}

static void
plan_subscriptions (SampleContext *ctx,
                    SampleAccount *account)
{
  SampleInterval interval = pick_interval (ctx, account->segment);
  TendDay term_day = account->churn != TEND_DAY_INVALID ? account->churn : ctx->today;

  account->subscriptions = g_array_new (FALSE, TRUE, sizeof (SampleSubscription));
  plan_core (account, interval);
  if (account->story != SAMPLE_TRIAL)
    plan_add_ons (ctx, account, interval);

  /* Churn ends every running row on the churn day. */
  account->arr_minor = 0;
  for (guint i = 0; i < account->subscriptions->len; i++)
    {
      SampleSubscription *row = &g_array_index (account->subscriptions, SampleSubscription, i);

      if (row->end == TEND_DAY_INVALID && account->churn != TEND_DAY_INVALID)
        row->end = account->churn;
      if (row->end != TEND_DAY_INVALID && row->end < term_day)
        continue;
      if (!row->trialing)
        account->arr_minor += yearly_minor (row);
    }

  if (account->story == SAMPLE_TRIAL)
    account->renewal = account->start + 14;
  else if (account->churn == TEND_DAY_INVALID)
    account->renewal = next_anniversary (account->start, ctx->today);
  else
    account->renewal = TEND_DAY_INVALID;
}

/**
 * sample_account_plan:
 *
 * Draws everything about the next account; nothing is written yet.
 */
SampleAccount *
sample_account_plan (SampleContext *ctx)
{
  g_autoptr(SampleAccount) account = g_new0 (SampleAccount, 1);

  plan_identity (ctx, account);
  plan_story (ctx, account);
  plan_attention (ctx, account);
  plan_usage_shape (ctx, account);
  plan_subscriptions (ctx, account);
  account->contact_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return g_steal_pointer (&account);
}

static void
bind_day (sqlite3_stmt *stmt,
          int           column,
          TendDay       day)
{
  if (day == TEND_DAY_INVALID)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, tend_day_to_iso (day), -1, g_free);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           column,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, column, id);
  else
    sqlite3_bind_null (stmt, column);
}

static char *
account_attributes (const SampleAccount *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "industry");
  json_builder_add_string_value (builder, account->industry);
  json_builder_set_member_name (builder, "region");
  json_builder_add_string_value (builder, region_names[account->region]);
  json_builder_set_member_name (builder, "employees");
  json_builder_add_int_value (builder, account->employees);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static const char *
lifecycle_stage (SampleContext       *ctx,
                 const SampleAccount *account)
{
  switch (account->story)
    {
    case SAMPLE_CHURNED:
      return "Churned";
    case SAMPLE_TRIAL:
      return "Trial";
    case SAMPLE_NEW:
      return "Onboarding";
    default:
      break;
    }

  if (account->renewal - ctx->today <= 90)
    return "Renewal";
  if (account->story == SAMPLE_GROWING)
    return "Expansion";

  return "Adoption";
}

static const char *
account_status (const SampleAccount *account)
{
  if (account->story == SAMPLE_CHURNED)
    return "churned";
  if (account->story == SAMPLE_TRIAL)
    return "trial";

  return "active";
}

static gboolean
insert_account (SampleContext  *ctx,
                SampleAccount  *account,
                GError        **error)
{
  sqlite3_stmt *stmt;
  TendDay last = sample_last_day (ctx, account);

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO accounts (name, domain, owner_id, segment, "
                             "lifecycle_stage, start_date, status, churn_date, churn_reason, "
                             "licensed_seats, attributes, arr_minor, currency, renewal_date, "
                             "created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, account->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, account->domain, -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 3, account->owner_id);
  sqlite3_bind_text (stmt, 4, segment_names[account->segment], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, lifecycle_stage (ctx, account), -1, SQLITE_STATIC);
  bind_day (stmt, 6, account->start);
  sqlite3_bind_text (stmt, 7, account_status (account), -1, SQLITE_STATIC);
  bind_day (stmt, 8, account->churn);
  sqlite3_bind_text (stmt, 9, account->churn_reason, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, account->seats);
  sqlite3_bind_text (stmt, 11, account_attributes (account), -1, g_free);
  sqlite3_bind_int64 (stmt, 12, account->arr_minor);
  sqlite3_bind_text (stmt, 13, account->currency, -1, SQLITE_STATIC);
  bind_day (stmt, 14, account->renewal);
  sqlite3_bind_int64 (stmt, 15, tend_day_to_unix (account->start));
  sqlite3_bind_int64 (stmt, 16, tend_day_to_unix (last));

  if (!tend_store_step_done (ctx->store, stmt, error))
    return FALSE;

  account->id = sqlite3_last_insert_rowid (tend_store_get_db (ctx->store));

  return TRUE;
}

static gboolean
insert_source (SampleContext        *ctx,
               const SampleAccount  *account,
               GError              **error)
{
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO account_sources (source, external_id, account_id) "
                             "VALUES ('sample', ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, g_strdup_printf ("ACC-%06" G_GINT64_FORMAT, account->id), -1,
                     g_free);
  sqlite3_bind_int64 (stmt, 2, account->id);

  return tend_store_step_done (ctx->store, stmt, error);
}

/* A telephone number from the ranges that regulators keep for fiction, or NULL. */
static char *
fictional_phone (GRand        *rand,
                 SampleRegion  region)
{
  switch (region)
    {
    case SAMPLE_NORTH_AMERICA:
      return g_strdup_printf ("+1 555-01%02d", sample_int (rand, 0, 99));
    case SAMPLE_EMEA:
      return g_strdup_printf ("+44 20 7946 0%03d", sample_int (rand, 0, 999));
    case SAMPLE_APAC:
      return g_strdup_printf ("+61 2 5550 %04d", sample_int (rand, 0, 9999));
    case SAMPLE_JAPAN:
    case SAMPLE_N_REGIONS:
    default:
      return NULL;
    }
}

static gboolean
insert_contact (SampleContext  *ctx,
                SampleAccount  *account,
                const char     *role,
                GError        **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *name = NULL;
  g_autofree char *local = NULL;
  gboolean japanese = account->japanese && sample_chance (ctx->rand, 0.9);
  gint64 id;

  sample_person_name (ctx->rand, japanese, &name, &local);

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO contacts (account_id, name, email, title, role, "
                             "phone, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, g_strconcat (local, "@", account->domain, NULL), -1, g_free);
  sqlite3_bind_text (stmt, 4, sample_contact_title (ctx->rand, role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, fictional_phone (ctx->rand, account->region), -1, g_free);
  sqlite3_bind_int (stmt, 7, account->contact_ids->len == 0);

  if (!tend_store_step_done (ctx->store, stmt, error))
    return FALSE;

  id = sqlite3_last_insert_rowid (tend_store_get_db (ctx->store));
  g_array_append_val (account->contact_ids, id);

  return TRUE;
}

static gboolean
insert_contacts (SampleContext  *ctx,
                 SampleAccount  *account,
                 GError        **error)
{
  static const char *const roles[] = {
    "champion", "decision_maker", "admin", "billing", "user", "user", "user"
  };
  static const int counts[SAMPLE_N_SEGMENTS][2] = { { 4, 7 }, { 2, 4 }, { 1, 3 } };
  int n = sample_int (ctx->rand, counts[account->segment][0], counts[account->segment][1]);

  for (int i = 0; i < n; i++)
    {
      if (!insert_contact (ctx, account, roles[i], error))
        return FALSE;
    }

  return TRUE;
}

static const char *
subscription_status (const SampleAccount      *account,
                     const SampleSubscription *row)
{
  if (row->trialing)
    return "trialing";
  if (row->end != TEND_DAY_INVALID)
    return account->churn == row->end ? "canceled" : "ended";

  return "active";
}

static gboolean
insert_subscription (SampleContext       *ctx,
                     SampleAccount       *account,
                     SampleSubscription  *row,
                     GError             **error)
{
  sqlite3_stmt *stmt;
  gboolean running = row->end == TEND_DAY_INVALID;

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO subscriptions (account_id, source, external_id, "
                             "product, plan, amount_minor, currency, billing_interval, "
                             "quantity, start_date, renewal_date, end_date, status) "
                             "VALUES (?, 'sample', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_text (stmt, 2, g_strdup_printf ("SUB-%07u", ++ctx->next_subscription), -1,
                     g_free);
  sqlite3_bind_text (stmt, 3, row->product, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, row->plan, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, row->amount_minor);
  sqlite3_bind_text (stmt, 6, account->currency, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, interval_name (row->interval), -1, SQLITE_STATIC);
  bind_day (stmt, 8, row->start);
  bind_day (stmt, 9, running ? account->renewal : TEND_DAY_INVALID);
  bind_day (stmt, 10, row->end);
  sqlite3_bind_text (stmt, 11, subscription_status (account, row), -1, SQLITE_STATIC);

  if (!tend_store_step_done (ctx->store, stmt, error))
    return FALSE;

  row->id = sqlite3_last_insert_rowid (tend_store_get_db (ctx->store));

  return TRUE;
}

/**
 * sample_write_account:
 *
 * Writes the account with its external id, contacts and subscriptions.
 */
gboolean
sample_write_account (SampleContext  *ctx,
                      SampleAccount  *account,
                      GError        **error)
{
  if (!insert_account (ctx, account, error) ||
      !insert_source (ctx, account, error) ||
      !insert_contacts (ctx, account, error))
    return FALSE;

  for (guint i = 0; i < account->subscriptions->len; i++)
    {
      SampleSubscription *row = &g_array_index (account->subscriptions, SampleSubscription, i);

      if (!insert_subscription (ctx, account, row, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_csm (SampleContext  *ctx,
            SampleCsm      *csm,
            const char     *name,
            const char     *email,
            GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO csms (name, email, team) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, team_names[csm->team], -1, SQLITE_STATIC);

  if (!tend_store_step_done (ctx->store, stmt, error))
    return FALSE;

  csm->id = sqlite3_last_insert_rowid (tend_store_get_db (ctx->store));
  g_array_append_val (ctx->csms, *csm);

  return TRUE;
}

/**
 * sample_write_csms:
 *
 * Writes the customer success team: eight to twelve managers in an Enterprise, a
 * Mid-Market and a Scale team, with a Japanese-speaking manager in the first two.
 */
gboolean
sample_write_csms (SampleContext  *ctx,
                   GError        **error)
{
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int n = sample_int (ctx->rand, 8, 12);
  int mid_market = n >= 11 ? 4 : 3;

  for (int i = 0; i < n; i++)
    {
      SampleCsm csm = { 0, };
      g_autofree char *name = NULL;
      g_autofree char *local = NULL;
      g_autofree char *email = NULL;

      csm.team = i < 3 ? SAMPLE_ENTERPRISE : i < 3 + mid_market ? SAMPLE_MID_MARKET : SAMPLE_SMB;
      csm.japanese = i == 0 || i == 3 || (n >= 10 && i == n - 1);

      /* Email addresses are unique; draw again on the rare repeat. */
      do
        {
          g_clear_pointer (&name, g_free);
          g_clear_pointer (&local, g_free);
          g_clear_pointer (&email, g_free);
          sample_person_name (ctx->rand, csm.japanese, &name, &local);
          email = g_strconcat (local, "@success.example", NULL);
        }
      while (g_hash_table_contains (emails, email));

      g_hash_table_add (emails, g_strdup (email));
      if (!insert_csm (ctx, &csm, name, email, error))
        return FALSE;
    }

  return TRUE;
}
