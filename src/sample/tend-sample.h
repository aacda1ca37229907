/* tend-sample.h: a seeded, deterministic sample workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_SAMPLE_ERROR (tend_sample_error_quark ())

typedef enum
{
  TEND_SAMPLE_ERROR_NOT_EMPTY,
  TEND_SAMPLE_ERROR_INVALID_OPTIONS,
  TEND_SAMPLE_ERROR_SCORING,
} TendSampleError;

#define TEND_SAMPLE_DEFAULT_SEED         20240601u
#define TEND_SAMPLE_DEFAULT_ACCOUNTS     400u
#define TEND_SAMPLE_DEFAULT_HISTORY_DAYS 548u
#define TEND_SAMPLE_MAX_ACCOUNTS         1000000u
#define TEND_SAMPLE_MAX_HISTORY_DAYS     3660u

/**
 * TendSampleOptions:
 * @seed: the same seed (with the same today and options) writes byte-identical data
 * @n_accounts: how many customer accounts to write
 * @history_days: how many days of daily usage, ending today (tend_day_today())
 * @compute_scores: whether to compute the health score history with the "Default"
 *   scorecard (weekly over the whole history, daily over the last 60 days)
 *
 * Initialise with tend_sample_options_init() so that later fields get their defaults.
 */
typedef struct
{
  guint32  seed;
  guint    n_accounts;
  guint    history_days;
  gboolean compute_scores;
} TendSampleOptions;

/**
 * TendSampleProgressFunc:
 * @fraction: how much is done, from 0.0 to 1.0
 * @user_data: the data given with the function
 *
 * Called from the thread that runs the generator, often enough to move a progress bar.
 */
typedef void (*TendSampleProgressFunc) (double   fraction,
                                        gpointer user_data);

GQuark    tend_sample_error_quark  (void);

void      tend_sample_options_init (TendSampleOptions       *options);

gboolean  tend_sample_generate     (TendStore               *store,
                                    const TendSampleOptions *options,
                                    GCancellable            *cancellable,
                                    TendSampleProgressFunc   progress,
                                    gpointer                 progress_data,
                                    GError                 **error);

G_END_DECLS
