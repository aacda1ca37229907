/* tend-sample-usage.c: the daily product usage of the sample customers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A day's active users are the account's seats times its adoption, shaped by its story
 * (slow growth, a ramp after the start, a fade before churn), by the calendar (quiet
 * weekends, a dip over the year-end holidays, a softer August) and by day-to-day noise.
 * Sessions, key events and features in use follow from the users.
 */

#define G_LOG_DOMAIN "TendSample"

#include <math.h>

#include "tend-sample-private.h"

/* Days from the start before a new customer's usage reaches its plateau. */
#define RAMP_DAYS 60

static double
weekday_share (TendDay day)
{
  /* 1970-01-01 was a Thursday; index 0 is Monday. */
  static const double shares[7] = { 1.0, 1.0, 1.0, 0.97, 0.88, 0.16, 0.1 };

  return shares[((day % 7) + 7 + 3) % 7];
}

static double
holiday_share (TendDay day)
{
  int year, month, mday;

  tend_day_to_ymd (day, &year, &month, &mday);

  if ((month == 12 && mday >= 24) || (month == 1 && mday == 1))
    return 0.3;
  if ((month == 12 && mday >= 20) || (month == 1 && mday <= 3))
    return 0.75;
  if (month == 8)
    return 0.9;

  return 1.0;
}

/**
 * sample_season_new:
 * @first: the first day of the history
 * @n_days: how many days it has
 *
 * Returns: (transfer full): per day, the share of a weekday's users that work that day;
 *   the same for every account, so it is worked out once
 */
double *
sample_season_new (TendDay first,
                   guint   n_days)
{
  double *season = g_new (double, n_days);

  for (guint i = 0; i < n_days; i++)
    season[i] = weekday_share (first + i) * holiday_share (first + i);

  return season;
}

static gboolean
is_weekend (TendDay day)
{
  return weekday_share (day) < 0.5;
}

static int
seats_on (const SampleAccount *account,
          TendDay              day)
{
  if (account->change_day != TEND_DAY_INVALID && day < account->change_day)
    return account->seats_before;

  return account->seats;
}

/**
 * sample_fade_on:
 *
 * Returns: what is left of the account's usage on @day, from 1 before its fade (or
 *   without one) down to its floor at the end of the fade; its mood follows it
 */
double
sample_fade_on (const SampleAccount *account,
                TendDay              day)
{
  double progress;

  if (account->fade_start == TEND_DAY_INVALID || day <= account->fade_start)
    return 1.0;

  progress = MIN (1.0, (double)(day - account->fade_start) / account->fade_days);

  return 1.0 - (1.0 - account->fade_floor) * pow (progress, 1.3);
}

static double
ramp_on (const SampleAccount *account,
         TendDay              day)
{
  int since_start = day - account->start;

  if (since_start >= RAMP_DAYS)
    return 1.0;

  return 0.15 + 0.85 * MAX (0, since_start) / RAMP_DAYS;
}

/* How far the usage trend has come: 1 today, lower in the past for growing accounts. */
static double
trend_on (const SampleAccount *account,
          TendDay              day,
          TendDay              today)
{
  return MAX (0.25, 1.0 + account->growth * (day - today) / 365.0);
}

/* The expected active users on an ordinary weekday, before the trend, the calendar
 * and the noise. */
static double
usage_level (const SampleAccount *account,
                    TendDay              day)
{
  return seats_on (account, day) * account->adoption * sample_fade_on (account, day) *
         ramp_on (account, day);
}

static gboolean
insert_day (SampleContext        *ctx,
            sqlite3_stmt         *stmt,
            const SampleAccount  *account,
            TendDay               day,
            GError              **error)
{
  GRand *rand = ctx->rand;
  double strength = sample_fade_on (account, day) * trend_on (account, day, ctx->today);
  double level = usage_level (account, day) * trend_on (account, day, ctx->today) *
                 ctx->season[day - ctx->history_start];
  int active = sample_round (rand, level * exp (0.12 * sample_gaussian (rand)));
  int sessions = 0;
  int events = 0;
  int features = 0;

  active = MIN (active, seats_on (account, day));
  if (account->dark_since != TEND_DAY_INVALID && day >= account->dark_since)
    active = 0;
  if (active > 0)
    {
      double breadth = account->breadth * (0.1 + 0.9 * MIN (1.0, strength));

      sessions = sample_round (rand, active * account->sessions_per_user *
                                     sample_uniform (rand, 0.85, 1.15));
      events = sample_round (rand, sessions * account->events_per_session *
                                   sample_uniform (rand, 0.7, 1.3));
      features = sample_round (rand, breadth * (is_weekend (day) ? 0.6 : 1.0));
      features = CLAMP (features, 1, SAMPLE_N_FEATURES);
    }

  sqlite3_bind_int64 (stmt, 1, account->id);
  sqlite3_bind_int (stmt, 2, day);
  sqlite3_bind_int (stmt, 3, active);
  sqlite3_bind_int (stmt, 4, sessions);
  sqlite3_bind_int (stmt, 5, events);
  sqlite3_bind_int (stmt, 6, features);

  return tend_store_step_done (ctx->store, stmt, error);
}

/**
 * sample_write_usage:
 *
 * Writes a usage row for every day of the history on which the account was a customer,
 * zeros included, up to yesterday (today is not over yet) or the day before churn.
 */
gboolean
sample_write_usage (SampleContext  *ctx,
                    SampleAccount  *account,
                    GError        **error)
{
  TendDay first = MAX (ctx->history_start, account->start);
  TendDay last = sample_last_day (ctx, account);
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (ctx->store,
                             "INSERT INTO usage_daily (account_id, day, active_users, "
                             "sessions, key_events, features_used) VALUES (?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  for (TendDay day = first; day <= last; day++)
    {
      if (!insert_day (ctx, stmt, account, day, error))
        return FALSE;
    }

  return TRUE;
}
