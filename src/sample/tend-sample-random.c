/* tend-sample-random.c: seeded random draws for the sample workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every draw goes through the one GRand seeded from the options, in a fixed order, so
 * that a seed always writes the same data. Nothing here reads the clock.
 */

#define G_LOG_DOMAIN "TendSample"

#include <math.h>

#include "tend-sample-private.h"

double
sample_uniform (GRand  *rand,
                double  low,
                double  high)
{
  return g_rand_double_range (rand, low, high);
}

/* A whole number from @low to @high, both included. */
int
sample_int (GRand *rand,
            int    low,
            int    high)
{
  g_assert (low <= high);

  return g_rand_int_range (rand, low, high + 1);
}

gboolean
sample_chance (GRand  *rand,
               double  probability)
{
  return g_rand_double (rand) < probability;
}

/* A standard normal draw (Box-Muller; the second value is dropped to keep the order of
 * draws simple to follow). */
double
sample_gaussian (GRand *rand)
{
  double u1 = 1.0 - g_rand_double (rand);
  double u2 = g_rand_double (rand);

  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

/* Log-normal around @median: how money and company sizes spread in real portfolios. */
double
sample_lognormal (GRand  *rand,
                  double  median,
                  double  sigma)
{
  return median * exp (sigma * sample_gaussian (rand));
}

/* Rounds up with a probability equal to the fraction, so small means stay unbiased:
 * 0.3 users a day gives a user on about three days in ten. */
int
sample_round (GRand  *rand,
              double  value)
{
  double whole = floor (value);

  if (value <= 0.0)
    return 0;

  return (int)whole + (g_rand_double (rand) < value - whole ? 1 : 0);
}

guint
sample_weighted (GRand        *rand,
                 const double *weights,
                 guint         n_weights)
{
  double total = 0.0;
  double point;

  for (guint i = 0; i < n_weights; i++)
    total += weights[i];

  point = g_rand_double (rand) * total;
  for (guint i = 0; i < n_weights; i++)
    {
      if (point < weights[i])
        return i;
      point -= weights[i];
    }

  return n_weights - 1;
}

/* One item of a NULL-terminated list. */
const char *
sample_pick (GRand             *rand,
             const char *const *items)
{
  guint n = g_strv_length ((char **)items);

  g_assert (n > 0);

  return items[g_rand_int_range (rand, 0, n)];
}

/* A moment in the working day of the customer's region, as Unix seconds. */
gint64
sample_instant (GRand        *rand,
                TendDay       day,
                SampleRegion  region)
{
  /* The UTC hour at which 8:00 falls in each region. */
  static const int morning_utc[SAMPLE_N_REGIONS] = { 13, 7, 0, -1 };
  gint64 seconds = (morning_utc[region] + sample_int (rand, 0, 9)) * 3600 +
                   sample_int (rand, 0, 3599);

  return tend_day_to_unix (day) + seconds;
}
