/* tend-scorer-inputs.c: reads the raw value of every measure for every account at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind of measure is one query over all accounts, bounded by a day range where the
 * table is per day, so a recompute costs a handful of statements whatever the number of
 * accounts; only the few accounts a query leaves undecided (no session in the usage
 * windows, no usage to show adoption) get a key search each. The four usage measures share
 * one pass over the daily usage, the longest read, which a big workspace runs on a second
 * connection while the others are read. The results land in per-measure arrays that the
 * scorer turns into points.
 */

#define G_LOG_DOMAIN "TendScoring"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tend-scorer-private.h"

/* The windows of the measures, in days, D included. */
#define USAGE_WINDOW        30
#define TICKET_WINDOW       90
#define SATISFACTION_WINDOW 180
#define BILLING_WINDOW      180

/* How often the long loops look at the cancellable: rows, or accounts of the usage pass
 * (each of which sums up to 60 rows). */
#define CHECK_EVERY       16384
#define USAGE_CHECK_EVERY 2048

/* From how many accounts the usage pass runs beside the other reads (see
 * run_may_read_aside()). */
#define PARALLEL_ACCOUNTS 5000

/* The SQL function that sums one account's usage rows, registered on each connection. */
#define USAGE_FUNCTION "tend_usage_window"

/* One account's usage in the days the pass reads, as the aggregate below returns it. */
struct TendUsageWindow
{
  gint64  users_recent;
  gint64  users_before;
  gint64  sessions_recent;
  gint64  sessions_before;
  gint64  max_users;
  gint64  max_features;
  gint64  days_recent;
  gint64  rows;
  TendDay last_active;     /* the last day with sessions, TEND_DAY_INVALID when none */
};

typedef struct TendUsageWindow TendUsageWindow;

void
tend_score_run_report (TendScoreRun *run,
                       double        fraction)
{
  double overall = run->progress_from + (run->progress_to - run->progress_from) * fraction;

  if (run->progress == NULL)
    return;

  /* Reporting every row would cost more than the work; a half percent step is smooth. */
  if (overall - run->progress_reported < 0.005 && fraction < 1)
    return;

  run->progress_reported = overall;
  run->progress (overall, run->progress_data);
}

gboolean
tend_score_run_check_cancelled (TendScoreRun  *run,
                                GError       **error)
{
  return g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

/**
 * tend_score_run_find:
 *
 * Returns: the index of the account @account_id among the scored ones, or -1
 */
int
tend_score_run_find (TendScoreRun *run,
                     gint64        account_id)
{
  guint next = run->find_next;
  int low = 0;
  int high = (int)run->n_accounts - 1;

  /* Most queries return their rows in account order: the next account is tried first. */
  if (next < run->n_accounts && run->accounts[next].id == account_id)
    {
      run->find_next = next + 1;
      return next;
    }

  while (low <= high)
    {
      int middle = low + (high - low) / 2;

      if (run->accounts[middle].id == account_id)
        {
          run->find_next = middle + 1;
          return middle;
        }

      if (run->accounts[middle].id < account_id)
        low = middle + 1;
      else
        high = middle - 1;
    }

  return -1;
}

static gboolean
run_step_failed (TendScoreRun  *run,
                 sqlite3_stmt  *stmt,
                 int            rc,
                 GError       **error)
{
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    return FALSE;

  tend_store_set_error (run->store, error, rc, _("read the data for the health scores"));

  return TRUE;
}

/* Asks the scorecard, not run->measures, so that it also works before the inputs load. */
static gboolean
scorecard_has_kind (TendScoreRun    *run,
                    TendMeasureKind  kind)
{
  guint n = tend_scorecard_get_n_measures (run->scorecard);

  for (guint m = 0; m < n; m++)
    {
      if (tend_measure_get_kind (tend_scorecard_get_measure (run->scorecard, m)) == kind)
        return TRUE;
    }

  return FALSE;
}

static TendDay
day_from_text (const char *text)
{
  return text != NULL ? tend_day_from_iso (text) : TEND_DAY_INVALID;
}

static double
column_double_or_nan (sqlite3_stmt *stmt,
                      int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
         ? NAN : sqlite3_column_double (stmt, column);
}

static void
run_add_account (TendScoreRun *run,
                 GArray       *accounts,
                 sqlite3_stmt *stmt)
{
  TendScoreAccount account = {
    .id = sqlite3_column_int64 (stmt, 0),
    .start_day = day_from_text ((const char *)sqlite3_column_text (stmt, 1)),
    .seats = sqlite3_column_int (stmt, 2),
    .old_score = column_double_or_nan (stmt, 3),
    .old_band = tend_health_band_from_string ((const char *)sqlite3_column_text (stmt, 4)),
    .old_change = column_double_or_nan (stmt, 5),
  };
  TendDay churn_day;

  /* An account that had not started on the day was no customer yet: it gets no score (and
   * loses one it may have had, if its start date moved). */
  account.started = account.start_day == TEND_DAY_INVALID || account.start_day <= run->day;

  /* Scored on its churn day still, the last day it was a customer. */
  churn_day = day_from_text ((const char *)sqlite3_column_text (stmt, 7));
  account.ended = sqlite3_column_int (stmt, 6) != 0 && churn_day != TEND_DAY_INVALID &&
                  churn_day < run->day;

  g_array_append_val (accounts, account);
}

/**
 * tend_score_run_load_accounts:
 *
 * Reads the accounts to score: every account that had started on the day, so that churned
 * accounts have scores up to their churn date for the backtest. Accounts that start later
 * are read too, marked as not started, and those that churned before the day are marked
 * as ended: a former customer's health is no longer measured, and its last score stands.
 */
gboolean
tend_score_run_load_accounts (TendScoreRun  *run,
                              GError       **error)
{
  g_autoptr(GArray) accounts = g_array_new (FALSE, FALSE, sizeof (TendScoreAccount));
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (run->store,
                             "SELECT id, start_date, licensed_seats, "
                             "  health_score, health_band, health_change_30d, "
                             "  status = 'churned', churn_date "
                             "FROM accounts ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    run_add_account (run, accounts, stmt);

  if (run_step_failed (run, stmt, rc, error))
    return FALSE;

  run->n_accounts = accounts->len;
  run->accounts = (TendScoreAccount *)g_array_free (g_steal_pointer (&accounts), FALSE);

  return TRUE;
}

/* The arguments are (day, active_users, sessions, features_used, first recent day). The
 * counts are INTEGER columns that only whole numbers are written to, so they are read as
 * such. */
static void
usage_window_step (sqlite3_context  *context,
                   int               n_values,
                   sqlite3_value   **values)
{
  TendUsageWindow *window = sqlite3_aggregate_context (context, sizeof (TendUsageWindow));
  TendDay day = sqlite3_value_int (values[0]);
  gint64 users = sqlite3_value_int64 (values[1]);
  gint64 sessions = sqlite3_value_int64 (values[2]);

  if (window == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }

  if (window->rows++ == 0)
    window->last_active = TEND_DAY_INVALID;

  if (day >= sqlite3_value_int (values[4]))
    {
      gint64 features = sqlite3_value_int64 (values[3]);

      window->users_recent += users;
      window->sessions_recent += sessions;
      window->max_users = window->days_recent == 0 ? users : MAX (window->max_users, users);
      window->max_features = window->days_recent == 0
                             ? features : MAX (window->max_features, features);
      window->days_recent++;
    }
  else
    {
      window->users_before += users;
      window->sessions_before += sessions;
    }

  if (sessions > 0 && day > window->last_active)
    window->last_active = day;
}

static void
usage_window_final (sqlite3_context *context)
{
  TendUsageWindow *window = sqlite3_aggregate_context (context, 0);

  if (window != NULL)
    sqlite3_result_blob (context, window, sizeof *window, SQLITE_TRANSIENT);
}

/* Accounts without usage rows have no window of their own: nothing used, never active. */
static TendUsageWindow *
usage_windows_new (guint n)
{
  TendUsageWindow *windows = g_new0 (TendUsageWindow, n);

  for (guint i = 0; i < n; i++)
    windows[i].last_active = TEND_DAY_INVALID;

  return windows;
}

/* A function name is registered once a connection: registering it again would expire the
 * connection's prepared statements, or fail while one of them runs. */
static gboolean
register_usage_function (TendStore  *store,
                         GError    **error)
{
  static GQuark registered;
  int rc;

  if (registered == 0)
    registered = g_quark_from_static_string ("tend-scorer-usage-function");

  if (g_object_get_qdata (G_OBJECT (store), registered) != NULL)
    return TRUE;

  rc = sqlite3_create_function_v2 (tend_store_get_db (store), USAGE_FUNCTION, 5,
                                   SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, NULL,
                                   usage_window_step, usage_window_final, NULL);
  if (rc != SQLITE_OK)
    {
      tend_store_set_error (store, error, rc, _("read the data for the health scores"));
      return FALSE;
    }

  g_object_set_qdata (G_OBJECT (store), registered, GINT_TO_POINTER (TRUE));

  return TRUE;
}

/* The usage pass reads the recent window, and the one before it when a trend compares them. */
static TendDay
usage_pass_first_day (TendScoreRun *run)
{
  int windows = scorecard_has_kind (run, TEND_MEASURE_USAGE_TREND) ? 2 : 1;

  return run->day - windows * USAGE_WINDOW + 1;
}

static gboolean
scorecard_reads_usage (TendScoreRun *run)
{
  return scorecard_has_kind (run, TEND_MEASURE_USAGE_TREND) ||
         scorecard_has_kind (run, TEND_MEASURE_SEAT_UTILIZATION) ||
         scorecard_has_kind (run, TEND_MEASURE_ADOPTION) ||
         scorecard_has_kind (run, TEND_MEASURE_DAYS_SINCE_ACTIVITY);
}

/* What one usage pass needs and gives, apart from the run, so that it can run on a second
 * connection in a thread of its own. The thread only reads the accounts, which stay as they
 * are until it is joined, and only writes the usage, which nothing reads until then. */
struct TendUsagePass
{
  TendStore               *store;
  const TendScoreAccount  *accounts;
  guint                    n_accounts;
  TendDay                  from;
  TendDay                  day;
  GCancellable            *cancellable;   /* the caller's */
  GCancellable            *stop;          /* when the scoring thread gives up first */
  TendUsageWindow         *usage;
  TendScoreRun            *progress_run;  /* NULL in a thread of its own */
  GThread                 *thread;
  GError                  *error;
};

typedef struct TendUsagePass TendUsagePass;

static gboolean
usage_pass_stopped (TendUsagePass  *pass,
                    GError        **error)
{
  return g_cancellable_set_error_if_cancelled (pass->cancellable, error) ||
         g_cancellable_set_error_if_cancelled (pass->stop, error);
}

/* Rows come in account order, as the accounts are sorted: one walk matches them. */
static void
usage_pass_take (TendUsagePass *pass,
                 sqlite3_stmt  *stmt,
                 guint         *k)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  while (*k < pass->n_accounts && pass->accounts[*k].id < id)
    (*k)++;

  if (*k < pass->n_accounts && pass->accounts[*k].id == id &&
      sqlite3_column_bytes (stmt, 1) == sizeof (TendUsageWindow))
    memcpy (&pass->usage[*k], sqlite3_column_blob (stmt, 1), sizeof (TendUsageWindow));
}

/* One pass reads the usage of both windows (the one before only when a trend needs it) and
 * the last active day in them, summing in C: a row costs one function call, not the five
 * or six of SQL's own aggregates in one statement a window. Each account is a range search
 * of the (account_id, day) key that reads only the window's rows however long the history
 * is; a subquery an account, rather than a join grouped by account, spares the grouping's
 * comparison on every row. Accounts come in id order, so the key is read in order too. */
static gboolean
usage_pass_read (TendUsagePass  *pass,
                 GError        **error)
{
  sqlite3_stmt *stmt;
  guint rows = 0;
  guint k = 0;
  int rc;

  if (!register_usage_function (pass->store, error))
    return FALSE;

  stmt = tend_store_prepare (pass->store,
                             "SELECT a.id, (SELECT " USAGE_FUNCTION " (u.day, "
                             "    u.active_users, u.sessions, u.features_used, ?3) "
                             "  FROM usage_daily u "
                             "  WHERE u.account_id = a.id AND u.day BETWEEN ?1 AND ?2) "
                             "FROM accounts a ORDER BY a.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, pass->from);
  sqlite3_bind_int (stmt, 2, pass->day);
  sqlite3_bind_int (stmt, 3, pass->day - USAGE_WINDOW + 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      usage_pass_take (pass, stmt, &k);

      if (++rows % USAGE_CHECK_EVERY != 0)
        continue;

      if (usage_pass_stopped (pass, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (pass->progress_run != NULL)
        tend_score_run_report (pass->progress_run,
                               0.05 + 0.3 * rows / MAX (pass->n_accounts, 1));
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tend_store_set_error (pass->store, error, rc, _("read the data for the health scores"));
      return FALSE;
    }

  return TRUE;
}

static gpointer
usage_pass_thread (gpointer data)
{
  TendUsagePass *pass = data;

  usage_pass_read (pass, &pass->error);

  return NULL;
}

static void
usage_pass_free (TendUsagePass *pass)
{
  g_clear_object (&pass->store);
  g_clear_object (&pass->stop);
  g_clear_error (&pass->error);
  g_free (pass);
}

/* Waits for a pass in its own thread; @stop first when its result is no longer wanted. */
static gboolean
usage_pass_join (TendUsagePass  *pass,
                 gboolean        stop,
                 GError        **error)
{
  if (stop)
    g_cancellable_cancel (pass->stop);

  g_thread_join (g_steal_pointer (&pass->thread));

  if (pass->error != NULL && !stop)
    {
      g_propagate_error (error, g_steal_pointer (&pass->error));
      return FALSE;
    }

  return TRUE;
}

/* Only a big workspace gains more than a second connection and a thread cost (a millisecond
 * or two, each day a backfill scores). The second connection sees what this one sees: this
 * one holds the write lock, so nobody commits meanwhile, and the scorer writes none of the
 * inputs; only a transaction the caller left open could hold changes it does not see. */
static gboolean
run_may_read_aside (TendScoreRun *run)
{
  const char *path = tend_store_get_path (run->store);

  return run->second_reader && run->n_accounts >= PARALLEL_ACCOUNTS &&
         g_get_num_processors () > 1 && path != NULL && *path != '\0' &&
         strcmp (path, ":memory:") != 0;
}

/* Starts the usage pass in a thread of its own, on a second connection, so that it runs
 * while this thread reads the other inputs. Without one, the pass runs in this thread
 * when a measure first needs it. */
static void
run_start_usage (TendScoreRun *run)
{
  g_autoptr(GError) error = NULL;
  TendUsagePass *pass;
  TendStore *sibling;

  if (!scorecard_reads_usage (run) || !run_may_read_aside (run))
    return;

  sibling = tend_store_open_sibling (run->store, &error);
  if (sibling == NULL)
    {
      g_debug ("Reading the usage in this thread: %s", error->message);
      return;
    }

  pass = g_new0 (TendUsagePass, 1);
  pass->store = sibling;
  pass->accounts = run->accounts;
  pass->n_accounts = run->n_accounts;
  pass->from = usage_pass_first_day (run);
  pass->day = run->day;
  pass->cancellable = run->cancellable;
  pass->stop = g_cancellable_new ();
  pass->usage = run->usage = usage_windows_new (run->n_accounts);

  pass->thread = g_thread_try_new ("tend-usage", usage_pass_thread, pass, &error);
  if (pass->thread == NULL)
    {
      g_debug ("Reading the usage in this thread: %s", error->message);
      usage_pass_free (pass);
      g_clear_pointer (&run->usage, g_free);
      return;
    }

  run->usage_pass = pass;
  g_debug ("Reading the usage of %u accounts on a second connection", run->n_accounts);
}

/* The usage, once read: from the thread that reads it, or in this thread. */
static gboolean
run_ensure_usage (TendScoreRun  *run,
                  GError       **error)
{
  g_autofree TendUsagePass *pass = NULL;
  gboolean ok;

  if (run->usage_pass != NULL)
    {
      ok = usage_pass_join (run->usage_pass, FALSE, error);
      usage_pass_free (g_steal_pointer (&run->usage_pass));
      return ok;
    }

  if (run->usage != NULL)
    return TRUE;

  pass = g_new0 (TendUsagePass, 1);
  pass->store = run->store;
  pass->accounts = run->accounts;
  pass->n_accounts = run->n_accounts;
  pass->from = usage_pass_first_day (run);
  pass->day = run->day;
  pass->cancellable = run->cancellable;
  pass->usage = run->usage = usage_windows_new (run->n_accounts);
  pass->progress_run = run;

  return usage_pass_read (pass, error);
}

/* Active users when the account reports them, else sessions: a product that counts only
 * logins still shows its trend. */
static void
fill_usage_trend (TendScoreRun *run,
                  double       *values)
{
  for (guint i = 0; i < run->n_accounts; i++)
    {
      const TendUsageWindow *w = &run->usage[i];
      gboolean users = w->users_recent + w->users_before > 0;
      double recent = users ? w->users_recent : w->sessions_recent;
      double before = users ? w->users_before : w->sessions_before;

      values[i] = before > 0 ? 100 * (recent - before) / before : NAN;
    }
}

static void
fill_seat_utilization (TendScoreRun *run,
                       double       *values)
{
  for (guint i = 0; i < run->n_accounts; i++)
    {
      const TendUsageWindow *w = &run->usage[i];

      if (run->accounts[i].seats > 0 && w->days_recent > 0)
        values[i] = 100.0 * w->max_users / run->accounts[i].seats;
      else
        values[i] = NAN;
    }
}

/* The length of the account's "adopted" list, or -1 without one. Invalid JSON in one
 * account's attributes must not stop every account being scored. */
static gboolean
load_adopted (TendScoreRun  *run,
              gint64         account_id,
              int           *adopted,
              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (run->store,
                             "SELECT CASE WHEN json_valid (attributes) "
                             "  THEN json_array_length (attributes, '$.adopted') END "
                             "FROM accounts WHERE id = ?1",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  *adopted = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
             ? sqlite3_column_int (stmt, 0) : -1;

  if (rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }

  return !run_step_failed (run, stmt, rc, error);
}

/* The features used in the window; the "adopted" list only stands in for accounts without
 * usage there, so only their attributes are parsed, one key search each. */
static gboolean
load_adoption (TendScoreRun  *run,
               double        *values,
               GError       **error)
{
  for (guint i = 0; i < run->n_accounts; i++)
    {
      const TendUsageWindow *w = &run->usage[i];
      int adopted = -1;

      if (w->days_recent > 0)
        values[i] = w->max_features;
      else if (!run->accounts[i].started)
        values[i] = NAN;
      else if (!load_adopted (run, run->accounts[i].id, &adopted, error))
        return FALSE;
      else
        values[i] = adopted >= 0 ? adopted : NAN;
    }

  return TRUE;
}

/* Reads rows of (account id, number) into values; NULL numbers stay missing. */
static gboolean
run_read_numbers (TendScoreRun  *run,
                  sqlite3_stmt  *stmt,
                  double        *values,
                  GError       **error)
{
  guint rows = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = tend_score_run_find (run, sqlite3_column_int64 (stmt, 0));

      if (index >= 0 && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        values[index] = sqlite3_column_double (stmt, 1);

      if (++rows % CHECK_EVERY == 0 && tend_score_run_check_cancelled (run, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }

  return !run_step_failed (run, stmt, rc, error);
}

/* Adds up rows of (account id, number) per account: an account with rows has a value, 0
 * when all its numbers are 0 or NULL, as SQL's total () gives. Reading the rows in the
 * table's own order and adding in C spares the index walk and the lookup of every row
 * that grouping by account in SQL costs when the columns are not all in the index. */
static gboolean
run_add_numbers (TendScoreRun  *run,
                 sqlite3_stmt  *stmt,
                 double        *values,
                 GError       **error)
{
  guint rows = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = tend_score_run_find (run, sqlite3_column_int64 (stmt, 0));

      if (index >= 0)
        values[index] = (isnan (values[index]) ? 0 : values[index]) +
                        sqlite3_column_double (stmt, 1);

      if (++rows % CHECK_EVERY == 0 && tend_score_run_check_cancelled (run, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }

  return !run_step_failed (run, stmt, rc, error);
}

/* Most accounts had a session in the usage pass's window; for the others, one short key
 * search each walks back from the window's start to their last session, however long the
 * history. Accounts that had not started on the day get no score, so need no search. */
static gboolean
load_days_since_activity (TendScoreRun  *run,
                          double        *values,
                          GError       **error)
{
  TendDay pass_start = usage_pass_first_day (run);
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (run->store,
                             "SELECT day FROM usage_daily "
                             "WHERE account_id = ?1 AND day < ?2 AND sessions > 0 "
                             "ORDER BY day DESC LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < run->n_accounts; i++)
    {
      TendDay last = run->usage[i].last_active;
      int rc;

      if (last == TEND_DAY_INVALID && run->accounts[i].started)
        {
          sqlite3_bind_int64 (stmt, 1, run->accounts[i].id);
          sqlite3_bind_int (stmt, 2, pass_start);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              last = sqlite3_column_int (stmt, 0);
              sqlite3_reset (stmt);
            }
          else if (run_step_failed (run, stmt, rc, error))
            return FALSE;
        }

      values[i] = last == TEND_DAY_INVALID ? NAN : run->day - last;
    }

  return TRUE;
}

static gboolean
workspace_has_tickets (TendScoreRun  *run,
                       gboolean      *has_tickets,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = tend_store_prepare (run->store,
                             "SELECT EXISTS (SELECT 1 FROM tickets WHERE opened_at < ?1)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, tend_day_to_unix (run->day + 1));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return !run_step_failed (run, stmt, rc, error);

  *has_tickets = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return TRUE;
}

static double
priority_weight (const char *priority)
{
  if (g_strcmp0 (priority, "low") == 0)
    return 1;
  if (g_strcmp0 (priority, "high") == 0)
    return 4;
  if (g_strcmp0 (priority, "urgent") == 0)
    return 8;

  return 2;
}

/* A workspace without any ticket has no helpdesk connected: the measure is missing for
 * everyone rather than perfect for everyone. With tickets, an account without any has
 * zero, which is good news. */
static gboolean
load_support_tickets (TendScoreRun  *run,
                      double        *values,
                      GError       **error)
{
  gboolean has_tickets = FALSE;
  sqlite3_stmt *stmt;
  guint rows = 0;
  int rc;

  if (!workspace_has_tickets (run, &has_tickets, error))
    return FALSE;

  if (!has_tickets)
    return TRUE;

  for (guint i = 0; i < run->n_accounts; i++)
    values[i] = 0;

  /* The filter needs columns the (account_id, opened_at) index lacks, so reading the table
   * in its own order and adding up in C costs a third of grouping by account in SQL. */
  stmt = tend_store_prepare (run->store,
                             "SELECT account_id, priority FROM tickets "
                             "WHERE opened_at < ?2 AND (opened_at >= ?1 OR closed_at >= ?2 "
                             "  OR (closed_at IS NULL AND status NOT IN ('solved', 'closed')))",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, tend_day_to_unix (run->day - TICKET_WINDOW + 1));
  sqlite3_bind_int64 (stmt, 2, tend_day_to_unix (run->day + 1));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = tend_score_run_find (run, sqlite3_column_int64 (stmt, 0));

      if (index >= 0)
        values[index] += priority_weight ((const char *)sqlite3_column_text (stmt, 1));

      if (++rows % CHECK_EVERY == 0 && tend_score_run_check_cancelled (run, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }

  return !run_step_failed (run, stmt, rc, error);
}

static void
bind_window (sqlite3_stmt *stmt,
             TendDay       day,
             int           days)
{
  sqlite3_bind_int64 (stmt, 1, tend_day_to_unix (day - days + 1));
  sqlite3_bind_int64 (stmt, 2, tend_day_to_unix (day + 1));
}

/* CSAT first; NPS answers (0-10) are mapped onto the same 1-5 scale only for accounts
 * that have no CSAT, so that one rule reads both. */
static gboolean
load_satisfaction (TendScoreRun  *run,
                   double        *values,
                   GError       **error)
{
  g_autofree double *nps = NULL;
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (run->store,
                             "SELECT account_id, avg (max (1, min (5, score))) FROM ("
                             "  SELECT account_id, satisfaction AS score FROM tickets "
                             "  WHERE satisfaction IS NOT NULL "
                             "    AND coalesce (closed_at, opened_at) >= ?1 "
                             "    AND coalesce (closed_at, opened_at) < ?2 "
                             "  UNION ALL "
                             "  SELECT account_id, score FROM survey_responses "
                             "  WHERE kind = 'csat' AND responded_at >= ?1 AND responded_at < ?2) "
                             "GROUP BY account_id",
                             error);
  if (stmt == NULL)
    return FALSE;

  bind_window (stmt, run->day, SATISFACTION_WINDOW);
  if (!run_read_numbers (run, stmt, values, error))
    return FALSE;

  nps = g_new (double, run->n_accounts);
  for (guint i = 0; i < run->n_accounts; i++)
    nps[i] = NAN;

  stmt = tend_store_prepare (run->store,
                             "SELECT account_id, avg (max (0, min (10, score))) "
                             "FROM survey_responses "
                             "WHERE kind = 'nps' AND responded_at >= ?1 AND responded_at < ?2 "
                             "GROUP BY account_id",
                             error);
  if (stmt == NULL)
    return FALSE;

  bind_window (stmt, run->day, SATISFACTION_WINDOW);
  if (!run_read_numbers (run, stmt, nps, error))
    return FALSE;

  for (guint i = 0; i < run->n_accounts; i++)
    {
      if (isnan (values[i]) && !isnan (nps[i]))
        values[i] = 1 + nps[i] * 0.4;
    }

  return TRUE;
}

/* A payment is bad when it failed, was paid after its due date, or is still open past
 * it on the day. Void payments are not payments. */
static gboolean
load_billing (TendScoreRun  *run,
              double        *values,
              GError       **error)
{
  g_autofree char *from = tend_day_to_iso (run->day - BILLING_WINDOW);
  g_autofree char *to = tend_day_to_iso (run->day);
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (run->store,
                             "SELECT account_id, status = 'failed' "
                             "  OR (paid_date IS NOT NULL AND paid_date > due_date) "
                             "  OR (paid_date IS NULL AND status = 'open' AND due_date < ?2) "
                             "FROM payments "
                             "WHERE status != 'void' AND due_date > ?1 AND due_date <= ?2",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);

  return run_add_numbers (run, stmt, values, error);
}

/* Internal notes are not a touch: the customer never saw them. Per account, the index walks
 * back from D to the first touch that is not a note: a short search however long the
 * history, where a maximum over the table would look up every activity's kind. */
static gboolean
load_days_since_csm_touch (TendScoreRun  *run,
                           double        *values,
                           GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (run->store,
                             "SELECT a.id, (SELECT v.occurred_at FROM activities v "
                             "  WHERE v.account_id = a.id AND v.occurred_at < ?1 "
                             "    AND v.kind != 'note' "
                             "  ORDER BY v.occurred_at DESC LIMIT 1) "
                             "FROM accounts a ORDER BY a.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, tend_day_to_unix (run->day + 1));
  if (!run_read_numbers (run, stmt, values, error))
    return FALSE;

  for (guint i = 0; i < run->n_accounts; i++)
    {
      if (!isnan (values[i]))
        values[i] = run->day - tend_day_from_unix ((gint64)values[i]);
    }

  return TRUE;
}

/* Milestones are counted whenever they were created: the table keeps no history of a
 * plan, so a backfilled day before a milestone was added already sees it (overdue if its
 * due date had passed). */
static gboolean
load_overdue_milestones (TendScoreRun  *run,
                         double        *values,
                         GError       **error)
{
  g_autofree char *day = tend_day_to_iso (run->day);
  sqlite3_stmt *stmt;

  stmt = tend_store_prepare (run->store,
                             "SELECT account_id, due_date < ?1 AND (completed_date IS NULL "
                             "  OR completed_date = '' OR completed_date > ?1) "
                             "FROM milestones",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);

  return run_add_numbers (run, stmt, values, error);
}

/* Whole calendar months, counted the way tend_day_add_months() adds them, so that an
 * importer that sets the start date N months back reads N again. */
static double
months_between (TendDay start,
                TendDay day)
{
  int y1, m1, d1, y2, m2, d2;
  int months;

  tend_day_to_ymd (start, &y1, &m1, &d1);
  tend_day_to_ymd (day, &y2, &m2, &d2);

  months = (y2 - y1) * 12 + (m2 - m1);
  if (months > 0 && tend_day_add_months (start, months) > day)
    months--;

  return MAX (months, 0);
}

static void
fill_account_age (TendScoreRun *run,
                  double       *values)
{
  for (guint i = 0; i < run->n_accounts; i++)
    {
      if (run->accounts[i].start_day != TEND_DAY_INVALID)
        values[i] = months_between (run->accounts[i].start_day, run->day);
    }
}

static void
attribute_take_value (TendScoreRun  *run,
                      guint          m,
                      int            index,
                      sqlite3_stmt  *stmt)
{
  const char *type = (const char *)sqlite3_column_text (stmt, 1);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text = NULL;
  double value = NAN;

  if (g_strcmp0 (type, "integer") == 0)
    {
      value = sqlite3_column_double (stmt, 2);
      text = (const char *)sqlite3_column_text (stmt, 2);
    }
  else if (g_strcmp0 (type, "real") == 0)
    {
      value = sqlite3_column_double (stmt, 2);
      text = g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
    }
  else if (g_strcmp0 (type, "true") == 0 || g_strcmp0 (type, "false") == 0)
    {
      value = type[0] == 't' ? 1 : 0;
      text = type;
    }
  else if (g_strcmp0 (type, "text") == 0)
    {
      char *end = NULL;

      text = (const char *)sqlite3_column_text (stmt, 2);
      value = g_ascii_strtod (text, &end);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == text || *end != '\0' || !isfinite (value))
        value = NAN;
    }

  run->values[m][index] = value;
  run->texts[m][index] = text ? g_string_chunk_insert_const (run->chunk, text) : NULL;
}

/* Numbers that an importer kept as text ("34") still count as numbers, so a numeric rule
 * reads them; a categorical rule reads the text. */
static gboolean
load_attribute (TendScoreRun  *run,
                guint          m,
                GError       **error)
{
  g_autofree char *path = NULL;
  sqlite3_stmt *stmt;
  int rc;

  path = g_strdup_printf ("$.\"%s\"", tend_measure_get_attribute (run->measures[m]));
  run->texts[m] = g_new0 (const char *, run->n_accounts);

  stmt = tend_store_prepare (run->store,
                             "SELECT id, json_type (attributes, ?1), "
                             "  json_extract (attributes, ?1) "
                             "FROM accounts WHERE json_valid (attributes) ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int index = tend_score_run_find (run, sqlite3_column_int64 (stmt, 0));

      if (index >= 0 && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        attribute_take_value (run, m, index, stmt);
    }

  return !run_step_failed (run, stmt, rc, error);
}

static gboolean
kind_reads_usage (TendMeasureKind kind)
{
  return kind == TEND_MEASURE_USAGE_TREND || kind == TEND_MEASURE_SEAT_UTILIZATION ||
         kind == TEND_MEASURE_ADOPTION || kind == TEND_MEASURE_DAYS_SINCE_ACTIVITY;
}

static gboolean
run_load_kind (TendScoreRun     *run,
               TendMeasureKind   kind,
               double           *values,
               GError          **error)
{
  if (kind_reads_usage (kind) && !run_ensure_usage (run, error))
    return FALSE;

  switch (kind)
    {
    case TEND_MEASURE_USAGE_TREND:
      fill_usage_trend (run, values);
      return TRUE;
    case TEND_MEASURE_SEAT_UTILIZATION:
      fill_seat_utilization (run, values);
      return TRUE;
    case TEND_MEASURE_ADOPTION:
      return load_adoption (run, values, error);
    case TEND_MEASURE_DAYS_SINCE_ACTIVITY:
      return load_days_since_activity (run, values, error);
    case TEND_MEASURE_SUPPORT_TICKETS:
      return load_support_tickets (run, values, error);
    case TEND_MEASURE_SATISFACTION:
      return load_satisfaction (run, values, error);
    case TEND_MEASURE_BILLING:
      return load_billing (run, values, error);
    case TEND_MEASURE_DAYS_SINCE_CSM_TOUCH:
      return load_days_since_csm_touch (run, values, error);
    case TEND_MEASURE_OVERDUE_MILESTONES:
      return load_overdue_milestones (run, values, error);
    case TEND_MEASURE_ACCOUNT_AGE:
      fill_account_age (run, values);
      return TRUE;
    case TEND_MEASURE_ATTRIBUTE:
    default:
      g_assert_not_reached ();
    }
}

/* Two measures may read the same kind with different rules; the input is read once. */
static int
run_find_same_kind (TendScoreRun *run,
                    guint         m)
{
  TendMeasureKind kind = tend_measure_get_kind (run->measures[m]);

  if (kind == TEND_MEASURE_ATTRIBUTE)
    return -1;

  for (guint other = 0; other < m; other++)
    {
      if (tend_measure_get_kind (run->measures[other]) == kind)
        return other;
    }

  return -1;
}

static gboolean
run_load_measure (TendScoreRun  *run,
                  guint          m,
                  GError       **error)
{
  TendMeasureKind kind = tend_measure_get_kind (run->measures[m]);
  int same = run_find_same_kind (run, m);

  run->values[m] = g_new (double, run->n_accounts);

  if (same >= 0)
    {
      memcpy (run->values[m], run->values[same], sizeof (double) * run->n_accounts);
      return TRUE;
    }

  for (guint i = 0; i < run->n_accounts; i++)
    run->values[m][i] = NAN;

  if (kind == TEND_MEASURE_ATTRIBUTE)
    return load_attribute (run, m, error);

  return run_load_kind (run, kind, run->values[m], error);
}

/**
 * tend_score_run_load_inputs:
 *
 * Fills run->values (and run->texts for attributes) for every measure of the scorecard.
 */
gboolean
tend_score_run_load_inputs (TendScoreRun  *run,
                            GError       **error)
{
  guint loaded = 0;

  run->n_measures = tend_scorecard_get_n_measures (run->scorecard);
  run->measures = g_new0 (TendMeasure *, run->n_measures);
  run->values = g_new0 (double *, run->n_measures);
  run->texts = g_new0 (const char **, run->n_measures);
  run->chunk = g_string_chunk_new (4096);

  for (guint m = 0; m < run->n_measures; m++)
    run->measures[m] = tend_scorecard_get_measure (run->scorecard, m);

  run_start_usage (run);

  /* The measures that need no usage first, while a thread of its own may read it. Measures
   * of one kind stay in their order, so a repeated kind still finds the first loaded. */
  for (int reads_usage = FALSE; reads_usage <= TRUE; reads_usage++)
    {
      for (guint m = 0; m < run->n_measures; m++)
        {
          TendMeasureKind kind = tend_measure_get_kind (run->measures[m]);

          if (kind_reads_usage (kind) != reads_usage)
            continue;

          if (tend_score_run_check_cancelled (run, error) || !run_load_measure (run, m, error))
            return FALSE;

          tend_score_run_report (run, 0.05 + 0.55 * ++loaded / run->n_measures);
        }
    }

  return TRUE;
}

void
tend_score_run_clear_inputs (TendScoreRun *run)
{
  /* A pass still running reads the accounts: it stops before they go. */
  if (run->usage_pass != NULL)
    {
      usage_pass_join (run->usage_pass, TRUE, NULL);
      usage_pass_free (g_steal_pointer (&run->usage_pass));
    }

  for (guint m = 0; run->values != NULL && m < run->n_measures; m++)
    {
      g_free (run->values[m]);
      g_free (run->texts[m]);
    }

  g_clear_pointer (&run->values, g_free);
  g_clear_pointer (&run->texts, g_free);
  g_clear_pointer (&run->measures, g_free);
  g_clear_pointer (&run->chunk, g_string_chunk_free);
  g_clear_pointer (&run->usage, g_free);
  g_clear_pointer (&run->accounts, g_free);
  run->n_accounts = 0;
  run->find_next = 0;
  run->n_measures = 0;
}
