/* tend-sample-private.h: what the parts of the sample generator share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sample/tend-sample.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

typedef enum
{
  SAMPLE_ENTERPRISE,
  SAMPLE_MID_MARKET,
  SAMPLE_SMB,
  SAMPLE_N_SEGMENTS,
} SampleSegment;

typedef enum
{
  SAMPLE_NORTH_AMERICA,
  SAMPLE_EMEA,
  SAMPLE_APAC,
  SAMPLE_JAPAN,
  SAMPLE_N_REGIONS,
} SampleRegion;

/* The story an account's data tells over the history. */
typedef enum
{
  SAMPLE_STEADY,    /* healthy, slowly growing */
  SAMPLE_GROWING,   /* adopting fast and expanding */
  SAMPLE_AT_RISK,   /* fading now; may contract */
  SAMPLE_CHURNED,   /* faded for months, then left */
  SAMPLE_NEW,       /* onboarding in the last few months */
  SAMPLE_TRIAL,     /* trying the product these last two weeks */
} SampleStory;

typedef enum
{
  SAMPLE_MONTH,
  SAMPLE_QUARTER,
  SAMPLE_YEAR,
} SampleInterval;

/* The fewest seats an account has, so that its usage is never all noise. */
#define SAMPLE_MIN_SEATS 3

/* How many distinct product features usage can count. */
#define SAMPLE_N_FEATURES 15

typedef struct
{
  gint64          id;
  const char     *product;
  const char     *plan;
  gint64          amount_minor;  /* per billing interval, in the account's currency */
  SampleInterval  interval;
  TendDay         start;
  TendDay         end;           /* TEND_DAY_INVALID while it runs */
  gboolean        trialing;
} SampleSubscription;

typedef struct
{
  gint64         id;
  char          *name;
  char          *domain;
  SampleSegment  segment;
  SampleRegion   region;
  SampleStory    story;
  gboolean       japanese;
  const char    *currency;
  const char    *industry;
  gint64         owner_id;
  int            employees;

  TendDay        start;
  TendDay        churn;          /* TEND_DAY_INVALID unless churned */
  const char    *churn_reason;
  TendDay        fade_start;     /* TEND_DAY_INVALID unless fading */
  int            fade_days;      /* from fade_start to the floor */
  double         fade_floor;     /* share of the usage left at the end of the fade */
  TendDay        change_day;     /* the expansion or contraction, or TEND_DAY_INVALID */
  double         change_ratio;   /* seats after the change over seats before */
  TendDay        neglected_since;/* CSM touches stop here, or TEND_DAY_INVALID */
  TendDay        dark_since;     /* nobody has used the product since, or TEND_DAY_INVALID */

  int            seats;          /* licensed seats today (or at churn) */
  int            seats_before;   /* licensed seats before change_day */
  double         adoption;       /* share of seats active on a weekday at the baseline */
  double         growth;         /* yearly growth of usage */
  double         sessions_per_user;
  double         events_per_session;
  int            breadth;        /* features in regular use at the baseline */
  double         sentiment;      /* 0 (furious) to 1 (delighted) at the baseline */

  GArray        *subscriptions;  /* of SampleSubscription */
  GArray        *contact_ids;    /* of gint64 */
  gint64         arr_minor;
  TendDay        renewal;
} SampleAccount;

typedef struct
{
  gint64         id;
  SampleSegment  team;
  gboolean       japanese;
} SampleCsm;

typedef struct
{
  TendStore               *store;
  const TendSampleOptions *options;
  GRand                   *rand;
  TendDay                  today;
  TendDay                  history_start;
  GHashTable              *names;          /* account names in use */
  GArray                  *csms;           /* of SampleCsm */
  double                  *season;         /* per day of the history: the share of a
                                            * weekday's users that work that day */
  guint                    next_subscription;
  guint                    next_ticket;
  guint                    next_payment;
} SampleContext;

/* tend-sample-random.c */
double       sample_uniform          (GRand          *rand,
                                      double          low,
                                      double          high);
int          sample_int              (GRand          *rand,
                                      int             low,
                                      int             high);
gboolean     sample_chance           (GRand          *rand,
                                      double          probability);
double       sample_gaussian         (GRand          *rand);
double       sample_lognormal        (GRand          *rand,
                                      double          median,
                                      double          sigma);
int          sample_round            (GRand          *rand,
                                      double          value);
guint        sample_weighted         (GRand          *rand,
                                      const double   *weights,
                                      guint           n_weights);
const char  *sample_pick             (GRand          *rand,
                                      const char *const *items);
gint64       sample_instant          (GRand          *rand,
                                      TendDay         day,
                                      SampleRegion    region);

/* tend-sample-words.c */
char        *sample_company_name     (SampleContext  *ctx,
                                      SampleRegion    region,
                                      gboolean        japanese,
                                      char          **domain,
                                      const char    **industry);
void         sample_person_name      (GRand          *rand,
                                      gboolean        japanese,
                                      char          **display,
                                      char          **email_local);
const char  *sample_feature          (GRand          *rand);

/* tend-sample-text.c */
void         sample_ticket_text      (GRand          *rand,
                                      double          sentiment,
                                      char          **subject,
                                      char          **body,
                                      const char    **priority,
                                      int            *tone);
char        *sample_activity_summary (GRand          *rand,
                                      const char     *kind,
                                      double          sentiment);
const char  *sample_survey_comment   (GRand          *rand,
                                      const char     *kind,
                                      int             score);
const char  *sample_churn_reason     (GRand          *rand);
const char  *sample_contact_title    (GRand          *rand,
                                      const char     *role);

/* tend-sample-account.c */
void         sample_account_free     (SampleAccount  *account);
SampleAccount *sample_account_plan   (SampleContext  *ctx);
gboolean     sample_write_csms       (SampleContext  *ctx,
                                      GError        **error);
gboolean     sample_write_account    (SampleContext  *ctx,
                                      SampleAccount  *account,
                                      GError        **error);

/* tend-sample-usage.c */
double      *sample_season_new       (TendDay         first,
                                      guint           n_days);
double       sample_fade_on          (const SampleAccount *account,
                                      TendDay         day);
gboolean     sample_write_usage      (SampleContext  *ctx,
                                      SampleAccount  *account,
                                      GError        **error);

/* tend-sample-events.c */
double       sample_sentiment_on     (const SampleAccount *account,
                                      TendDay         day);
TendDay      sample_last_day         (const SampleContext *ctx,
                                      const SampleAccount *account);
gboolean     sample_write_events     (SampleContext  *ctx,
                                      SampleAccount  *account,
                                      GError        **error);

/* tend-sample-scores.c */
gboolean     sample_compute_scores   (SampleContext  *ctx,
                                      GCancellable   *cancellable,
                                      TendSampleProgressFunc progress,
                                      gpointer        progress_data,
                                      double          share,
                                      GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SampleAccount, sample_account_free)

G_END_DECLS
