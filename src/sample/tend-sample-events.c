/* tend-sample-events.c: tickets, payments, touches, surveys and milestones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that happens to a sample account follows its mood on the day: a fading
 * customer writes more and angrier tickets, pays late, answers surveys badly and lets
 * milestones slip, so the health measures have something true to find.
 */

#define G_LOG_DOMAIN "TendSample"

#include <math.h>

#include "tend-sample-private.h"

#define SECONDS_PER_HOUR 3600

/**
 * sample_sentiment_on:
 *
 * Returns: the customer's mood on @day, 0 (furious) to 1 (delighted); it sinks with
 *   their usage as they fade.
 */
double
sample_sentiment_on (const SampleAccount *account,
                     TendDay              day)
{
  return account->sentiment * (0.35 + 0.65 * sample_fade_on (account, day));
}

/**
 * sample_last_day:
 *
 * Returns: the last day the account was a customer with a complete day of data:
 *   yesterday, or the day before it churned.
 */
TendDay
sample_last_day (const SampleContext *ctx,
                 const SampleAccount *account)
{
  if (account->churn != TEND_DAY_INVALID)
    return account->churn - 1;

  return ctx->today - 1;
}

static TendDay
first_day (const SampleContext *ctx,
           const SampleAccount *account)
{
  return MAX (ctx->history_start, account->start);
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

/* Tickets */

static const char *
ticket_status (SampleContext *ctx,
               gint64         opened,
               gint64        *closed)
{
  static const char *const open_states[] = { "new", "open", "pending", "hold" };
  static const double open_weights[] = { 15, 50, 25, 10 };
  gint64 now = tend_day_to_unix (ctx->today);

  if (*closed < now)
    return *closed < now - 4 * 86400 ? "closed" : "solved";

  *closed = 0;
  if (now - opened < 86400)
    return "new";

  return open_states[sample_weighted (ctx->rand, open_weights, G_N_ELEMENTS (open_weights))];
}

static int
ticket_rating (GRand *rand,
               int    tone)
{
  static const double weights[3][5] = {
    { 35, 30, 25, 8, 2 },   /* angry */
    { 3, 7, 20, 40, 30 },   /* neutral */
    { 0, 2, 8, 30, 60 },    /* happy */
  };

  return 1 + sample_weighted (rand, weights[tone], 5);
}

static double
typical_resolution_hours (GRand      *rand,
                          const char *priority)
{
  if (g_str_equal (priority, "urgent"))
    return sample_lognormal (rand, 6, 0.6);
  if (g_str_equal (priority, "high"))
    return sample_lognormal (rand, 20, 0.7);
  if (g_str_equal (priority, "normal"))
    return sample_lognormal (rand, 50, 0.8);

  return sample_lognormal (rand, 120, 0.8);
}

/* One ticket in eight waits on the customer, on engineering or on a release, and stays
 * open for weeks: that is the backlog every support queue carries. */
static double
resolution_hours (GRand      *rand,
                  const char *priority)
{
  double hours = typical_resolution_hours (rand, priority);

  if (sample_chance (rand, 0.12))
    hours *= sample_uniform (rand, 5.0, 20.0);

  return hours;
}

static gboolean
insert_ticket (SampleContext  *ctx,
               SampleAccount  *account,
               TendDay         day,
               GError        **error)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  const char *priority;
  const char *status;
  sqlite3_stmt *stmt;
  gint64 opened;
  gint64 closed;
  int tone;

  sample_ticket_text (ctx->rand, sample_sentiment_on (account, day), &subject, &body,
                      &priority, &tone);
  opened = sample_instant (ctx->rand, day, account->region);
  closed = opened + (gint64)(resolution_hours (ctx->rand, priority) * SECONDS_PER_HOUR);
  status = ticket_status (ctx, opened, &closed);

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO tickets (account_id, source, external_id, subject, "
                             "body, priority, status, opened_at, closed_at, satisfaction) "
                             "VALUES (?, 'sample', ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_text (stmt, 2, g_strdup_printf ("T-%07u", ++ctx->next_ticket), -1, g_free);
  sqlite3_bind_text (stmt, 3, subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, priority, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, opened);
  if (closed > 0)
    sqlite3_bind_int64 (stmt, 8, closed);
  if (closed > 0 && sample_chance (ctx->rand, 0.45))
    sqlite3_bind_int (stmt, 9, ticket_rating (ctx->rand, tone));

  return tend_store_step_done (ctx->store, stmt, error);
}

/* Tickets arrive at random, more often from large and from unhappy customers; they are
 * drawn at the highest rate and kept in proportion to the rate of the day. */
static gboolean
write_tickets (SampleContext  *ctx,
               SampleAccount  *account,
               GError        **error)
{
  static const double daily_rate[SAMPLE_N_SEGMENTS] = { 0.06, 0.03, 0.012 };
  double base = daily_rate[account->segment];
  double peak = base * 3.5;
  TendDay last = sample_last_day (ctx, account);
  double day = first_day (ctx, account);

  for (;;)
    {
      double rate;

      day += -log (1.0 - g_rand_double (ctx->rand)) / peak;
      if (day > last + 1)
        return TRUE;

      rate = base * (1.0 + 2.5 * pow (1.0 - sample_sentiment_on (account, (TendDay)day), 2));
      if (sample_chance (ctx->rand, rate / peak) &&
          !insert_ticket (ctx, account, (TendDay)day, error))
        return FALSE;
    }
}

/* Payments
 *
 * Each billing period starts with one invoice for the subscriptions running that day.
 * Small customers pay by card, charged on the day; larger ones pay invoices within 30
 * days. A struggling customer's card fails more often and their invoices are paid late.
 */

typedef struct
{
  TendDay      issued;
  TendDay      due;
  gint64       amount_minor;
  const char  *status;
  TendDay      paid;
} Invoice;

static gboolean
insert_payment (SampleContext        *ctx,
                SampleAccount        *account,
                const Invoice        *invoice,
                GError              **error)
{
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO payments (account_id, source, external_id, "
                             "amount_minor, currency, due_date, paid_date, status) "
                             "VALUES (?, 'sample', ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_text (stmt, 2, g_strdup_printf ("INV-%07u", ++ctx->next_payment), -1, g_free);
  sqlite3_bind_int64 (stmt, 3, invoice->amount_minor);
  sqlite3_bind_text (stmt, 4, account->currency, -1, SQLITE_STATIC);
  bind_day (stmt, 5, invoice->due);
  bind_day (stmt, 6, invoice->paid);
  sqlite3_bind_text (stmt, 7, invoice->status, -1, SQLITE_STATIC);

  return tend_store_step_done (ctx->store, stmt, error);
}

/* Paid on @day if that day has come, else still open. */
static void
settle_on (Invoice *invoice,
           TendDay  day,
           TendDay  yesterday)
{
  invoice->paid = day <= yesterday ? day : TEND_DAY_INVALID;
  invoice->status = day <= yesterday ? "paid" : "open";
}

/* A card charge: it goes through on the day or fails; a failed charge is retried a few
 * days later, which then counts as a late payment. */
static gboolean
charge_card (SampleContext  *ctx,
             SampleAccount  *account,
             Invoice        *invoice,
             double          trouble,
             GError        **error)
{
  TendDay yesterday = ctx->today - 1;

  if (!sample_chance (ctx->rand, 0.01 + 0.35 * trouble * trouble))
    {
      settle_on (invoice, invoice->due, yesterday);
      return insert_payment (ctx, account, invoice, error);
    }

  invoice->status = "failed";
  invoice->paid = TEND_DAY_INVALID;
  if (!insert_payment (ctx, account, invoice, error))
    return FALSE;

  if (!sample_chance (ctx->rand, 1.0 - trouble))
    return TRUE;

  settle_on (invoice, invoice->due + sample_int (ctx->rand, 3, 10), yesterday);
  return insert_payment (ctx, account, invoice, error);
}

/* An invoice on terms: paid before it is due, or late. */
static gboolean
send_invoice (SampleContext  *ctx,
              SampleAccount  *account,
              Invoice        *invoice,
              double          trouble,
              GError        **error)
{
  TendDay yesterday = ctx->today - 1;

  if (sample_chance (ctx->rand, 0.005))
    {
      invoice->status = "void";
      invoice->paid = TEND_DAY_INVALID;
    }
  else if (sample_chance (ctx->rand, 0.04 + 0.45 * trouble * trouble))
    settle_on (invoice, invoice->due + sample_int (ctx->rand, 3, 45), yesterday);
  else
    settle_on (invoice, sample_int (ctx->rand, invoice->issued, invoice->due), yesterday);

  return insert_payment (ctx, account, invoice, error);
}

/* What the account's running subscriptions bill on @day. */
static gint64
billed_on (const SampleAccount *account,
           TendDay              day)
{
  gint64 amount = 0;

  for (guint i = 0; i < account->subscriptions->len; i++)
    {
      const SampleSubscription *row =
        &g_array_index (account->subscriptions, SampleSubscription, i);

      if (!row->trialing && row->start <= day && (row->end == TEND_DAY_INVALID || row->end > day))
        amount += row->amount_minor;
    }

  return amount;
}

/* Whole months from @from to @to, ignoring the days. */
static int
months_between (TendDay from,
                TendDay to)
{
  int y1, m1, d1, y2, m2, d2;

  tend_day_to_ymd (from, &y1, &m1, &d1);
  tend_day_to_ymd (to, &y2, &m2, &d2);

  return (y2 - y1) * 12 + (m2 - m1);
}

static gboolean
write_payments (SampleContext  *ctx,
                SampleAccount  *account,
                GError        **error)
{
  static const int months[] = { 1, 3, 12 };
  int step = months[g_array_index (account->subscriptions, SampleSubscription, 0).interval];
  gboolean by_card = account->segment == SAMPLE_SMB || step == 1;
  TendDay last = sample_last_day (ctx, account);
  int period = MAX (0, months_between (account->start, ctx->history_start) / step - 1);

  for (;; period++)
    {
      Invoice invoice = { 0, };
      double trouble;

      invoice.issued = tend_day_add_months (account->start, period * step);
      if (invoice.issued > last)
        return TRUE;
      invoice.amount_minor = billed_on (account, invoice.issued);
      if (invoice.issued < ctx->history_start || invoice.amount_minor == 0)
        continue;

      invoice.due = invoice.issued + (by_card ? 0 : 30);
      trouble = 1.0 - sample_sentiment_on (account, invoice.issued);
      if (!(by_card ? charge_card (ctx, account, &invoice, trouble, error)
                    : send_invoice (ctx, account, &invoice, trouble, error)))
        return FALSE;
    }
}

/* Surveys */

static gint64
pick_contact (SampleContext *ctx,
              SampleAccount *account)
{
  GArray *ids = account->contact_ids;

  return g_array_index (ids, gint64, g_rand_int_range (ctx->rand, 0, ids->len));
}

static gboolean
insert_survey (SampleContext  *ctx,
               SampleAccount  *account,
               const char     *kind,
               TendDay         day,
               GError        **error)
{
  double mood = sample_sentiment_on (account, day);
  gboolean nps = g_str_equal (kind, "nps");
  double expected = nps ? 2.5 + 7.5 * mood : 1.0 + 4.0 * mood;
  int score = (int)round (expected + (nps ? 1.5 : 0.7) * sample_gaussian (ctx->rand));
  sqlite3_stmt *stmt;

  score = nps ? CLAMP (score, 0, 10) : CLAMP (score, 1, 5);

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO survey_responses (account_id, contact_id, kind, "
                             "score, responded_at, comment) VALUES (?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_int64 (stmt, 2, pick_contact (ctx, account));
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, score);
  sqlite3_bind_int64 (stmt, 5, sample_instant (ctx->rand, day, account->region));
  sqlite3_bind_text (stmt, 6, sample_survey_comment (ctx->rand, kind, score), -1,
                     SQLITE_STATIC);

  return tend_store_step_done (ctx->store, stmt, error);
}

/* An NPS survey goes out every few months; a little over half the customers answer. */
static gboolean
write_nps (SampleContext  *ctx,
           SampleAccount  *account,
           GError        **error)
{
  TendDay last = sample_last_day (ctx, account);

  for (TendDay day = first_day (ctx, account) + sample_int (ctx->rand, 20, 120);
       day <= last;
       day += sample_int (ctx->rand, 80, 200))
    {
      if (sample_chance (ctx->rand, 0.55) &&
          !insert_survey (ctx, account, "nps", day, error))
        return FALSE;
    }

  return TRUE;
}

/* CSM touches */

typedef struct
{
  const char *kind;
  int         gap[SAMPLE_N_SEGMENTS][2];  /* days between touches; 0 for never */
} Cadence;

static const Cadence cadences[] = {
  { "email",   { { 7, 16 }, { 12, 30 }, { 25, 70 } } },
  { "call",    { { 14, 35 }, { 30, 70 }, { 90, 200 } } },
  { "meeting", { { 45, 120 }, { 90, 200 }, { 0, 0 } } },
  { "qbr",     { { 80, 100 }, { 85, 110 }, { 0, 0 } } },
  { "note",    { { 20, 60 }, { 40, 100 }, { 90, 240 } } },
};

static gint64
pick_toucher (SampleContext *ctx,
              SampleAccount *account)
{
  SampleCsm *any;

  /* Colleagues cover for holidays now and then; the unassigned pool is worked by all. */
  if (account->owner_id > 0 && !sample_chance (ctx->rand, 0.1))
    return account->owner_id;

  any = &g_array_index (ctx->csms, SampleCsm, g_rand_int_range (ctx->rand, 0, ctx->csms->len));

  return any->id;
}

static gboolean
insert_activity (SampleContext  *ctx,
                 SampleAccount  *account,
                 const char     *kind,
                 TendDay         day,
                 GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO activities (account_id, csm_id, kind, occurred_at, "
                             "summary) VALUES (?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_int64 (stmt, 2, pick_toucher (ctx, account));
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, sample_instant (ctx->rand, day, account->region));
  sqlite3_bind_text (stmt, 5,
                     sample_activity_summary (ctx->rand, kind,
                                              sample_sentiment_on (account, day)),
                     -1, g_free);

  if (!tend_store_step_done (ctx->store, stmt, error))
    return FALSE;

  /* Some customers rate the review they just had. */
  if (g_str_equal (kind, "qbr") && sample_chance (ctx->rand, 0.4))
    return insert_survey (ctx, account, "csat", MIN (day + sample_int (ctx->rand, 1, 3),
                                                     sample_last_day (ctx, account)),
                          error);

  return TRUE;
}

static gboolean
write_cadence (SampleContext  *ctx,
               SampleAccount  *account,
               const Cadence  *cadence,
               TendDay         stop,
               GError        **error)
{
  const int *gap = cadence->gap[account->segment];

  if (gap[1] == 0)
    return TRUE;

  for (TendDay day = first_day (ctx, account) + sample_int (ctx->rand, 0, gap[1]);
       day <= stop;
       day += sample_int (ctx->rand, gap[0], gap[1]))
    {
      if (!insert_activity (ctx, account, cadence->kind, day, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_activities (SampleContext  *ctx,
                  SampleAccount  *account,
                  GError        **error)
{
  TendDay stop = sample_last_day (ctx, account);

  if (account->neglected_since != TEND_DAY_INVALID)
    stop = MIN (stop, account->neglected_since);

  for (guint i = 0; i < G_N_ELEMENTS (cadences); i++)
    {
      if (!write_cadence (ctx, account, &cadences[i], stop, error))
        return FALSE;
    }

  return TRUE;
}

/* Milestones */

typedef struct
{
  const char *title;
  const char *description;
  TendDay     due;
  double      done_chance;  /* of being completed by now, once due */
} MilestonePlan;

static gboolean
insert_milestone (SampleContext        *ctx,
                  SampleAccount        *account,
                  const MilestonePlan  *plan,
                  GError              **error)
{
  TendDay yesterday = ctx->today - 1;
  TendDay created = MIN (plan->due - 30, yesterday);
  TendDay completed = TEND_DAY_INVALID;
  int progress;
  sqlite3_stmt *stmt;

  created = MAX (created, account->start);
  if (plan->due <= yesterday && sample_chance (ctx->rand, plan->done_chance))
    completed = CLAMP (plan->due + (int)round (4 * sample_gaussian (ctx->rand)), created,
                       yesterday);
  progress = completed != TEND_DAY_INVALID ? 100 : 10 * sample_int (ctx->rand, 0, 8);

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO milestones (account_id, title, description, owner_id, "
                             "due_date, completed_date, progress, created_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_text (stmt, 2, plan->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, plan->description, -1, SQLITE_STATIC);
  if (account->owner_id > 0)
    sqlite3_bind_int64 (stmt, 4, account->owner_id);
  bind_day (stmt, 5, plan->due);
  bind_day (stmt, 6, completed);
  sqlite3_bind_int (stmt, 7, progress);
  sqlite3_bind_int64 (stmt, 8, tend_day_to_unix (created));

  return tend_store_step_done (ctx->store, stmt, error);
}

static int
add_onboarding (SampleContext *ctx,
                SampleAccount *account,
                MilestonePlan *plans)
{
  static const struct { const char *title; const char *description; int offset; } steps[] = {
    { "Kickoff call", "Agree goals, owners and the rollout timeline.", 7 },
    { "Admin setup and single sign-on", "Workspace configured, SSO tested with IT.", 21 },
    { "First team live", "The first team works in the product every day.", 45 },
    { "Onboarding complete", "Every licensed team trained and active.", 75 },
  };
  double done = account->story == SAMPLE_STEADY || account->story == SAMPLE_GROWING ? 0.97
                                                                                    : 0.75;

  if (account->start < ctx->today - 365)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    plans[i] = (MilestonePlan) { steps[i].title, steps[i].description,
                                 account->start + steps[i].offset, done };

  return G_N_ELEMENTS (steps);
}

static int
add_reviews (SampleContext *ctx,
             SampleAccount *account,
             MilestonePlan *plans)
{
  TendDay last_review = ctx->today - sample_int (ctx->rand, 5, 85);
  double done = account->neglected_since != TEND_DAY_INVALID ? 0.1
              : account->story == SAMPLE_AT_RISK ? 0.5 : 0.9;

  if (account->segment == SAMPLE_SMB || last_review < account->start + 60)
    return 0;

  plans[0] = (MilestonePlan) { "Quarterly business review",
                               "Review adoption, outcomes and goals with the sponsor.",
                               last_review, done };
  plans[1] = (MilestonePlan) { "Quarterly business review",
                               "Review adoption, outcomes and goals with the sponsor.",
                               last_review + 91, done };

  return 2;
}

static int
add_account_plans (SampleContext *ctx,
                   SampleAccount *account,
                   MilestonePlan *plans)
{
  int n = 0;

  if (account->story == SAMPLE_GROWING)
    {
      plans[n++] = (MilestonePlan) { "Expansion plan: roll out to another department",
                                     "Identify the team, agree seats and a start date.",
                                     ctx->today + sample_int (ctx->rand, 30, 120), 0.0 };
      if (account->change_day != TEND_DAY_INVALID)
        plans[n++] = (MilestonePlan) { "Expansion signed", "Added seats for the new team.",
                                       account->change_day, 1.0 };
    }

  if (account->story == SAMPLE_AT_RISK)
    {
      plans[n++] = (MilestonePlan) { "Executive sponsor check-in",
                                     "Meet the sponsor about falling usage.",
                                     ctx->today - sample_int (ctx->rand, 5, 40), 0.0 };
      plans[n++] = (MilestonePlan) { "Usage recovery plan",
                                     "Retrain the inactive teams and remove blockers.",
                                     ctx->today + sample_int (ctx->rand, 14, 45), 0.0 };
    }

  if (account->story == SAMPLE_CHURNED)
    plans[n++] = (MilestonePlan) { "Save plan agreed with sponsor",
                                   "Agree what must change for the customer to stay.",
                                   account->churn - sample_int (ctx->rand, 10, 40), 0.0 };

  if (account->renewal != TEND_DAY_INVALID && account->story != SAMPLE_TRIAL &&
      account->renewal - ctx->today <= 120)
    plans[n++] = (MilestonePlan) { "Renewal proposal sent",
                                   "Send the renewal quote and agree the terms.",
                                   account->renewal - 60,
                                   account->story == SAMPLE_AT_RISK ? 0.4 : 0.85 };

  return n;
}

static gboolean
write_milestones (SampleContext  *ctx,
                  SampleAccount  *account,
                  GError        **error)
{
  MilestonePlan plans[12];
  int n = 0;

  n += add_onboarding (ctx, account, plans + n);
  if (account->story != SAMPLE_CHURNED && account->story != SAMPLE_TRIAL)
    n += add_reviews (ctx, account, plans + n);
  n += add_account_plans (ctx, account, plans + n);
  g_assert (n <= (int)G_N_ELEMENTS (plans));

  for (int i = 0; i < n; i++)
    {
      if (!insert_milestone (ctx, account, &plans[i], error))
        return FALSE;
    }

  return TRUE;
}

/**
 * sample_write_events:
 *
 * Writes the account's tickets, invoices, CSM touches, surveys and milestones.
 */
gboolean
sample_write_events (SampleContext  *ctx,
                     SampleAccount  *account,
                     GError        **error)
{
  return write_tickets (ctx, account, error) &&
         write_payments (ctx, account, error) &&
         write_activities (ctx, account, error) &&
         write_nps (ctx, account, error) &&
         write_milestones (ctx, account, error);
}
