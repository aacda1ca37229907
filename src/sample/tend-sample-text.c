/* tend-sample-text.c: tickets, notes and survey comments of the sample workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Texts are put together from parts (an opening in the writer's mood, the matter, a
 * closing) so that thousands of tickets read differently. They are data, not interface,
 * and are not translated.
 */

#define G_LOG_DOMAIN "TendSample"

#include <string.h>

#include "tend-sample-private.h"

typedef enum
{
  TONE_ANGRY,
  TONE_NEUTRAL,
  TONE_HAPPY,
  N_TONES,
} Tone;

typedef struct
{
  const char *subjects[4];
  const char *details[4];           /* details[i] tells the matter of subjects[i] */
  const char *priorities[N_TONES];  /* the usual priority in each mood */
} TicketTopic;

static const TicketTopic topics[] = {
  { { "SSO login fails for some users", "Users locked out after password reset",
      "SAML certificate rotation next week", NULL },
    { "Since this morning about a dozen of our users land on an error page after signing in "
      "through our identity provider.",
      "Two of our admins reset their passwords yesterday and now cannot sign in at all.",
      "Our IT team is rotating the signing certificate and wants to know the steps on your "
      "side so nobody is locked out.", NULL },
    { "urgent", "high", "normal" } },
  { { "CSV export times out", "Export is missing columns", "Scheduled export did not arrive",
      NULL },
    { "Exporting the full customer list stops after a couple of minutes with a timeout.",
      "The monthly export no longer includes the region and owner columns we rely on.",
      "The weekly export that finance depends on did not reach the shared mailbox on Monday.",
      NULL },
    { "high", "normal", "low" } },
  { { "Salesforce sync stopped", "Slack notifications not delivered",
      "Webhook returns error 500", NULL },
    { "The CRM sync has not updated any records since Thursday; the last run shows a "
      "permissions error.",
      "Alerts used to post to our team channel and have been silent for three days.",
      "Our endpoint receives the webhook but your side reports a 500 and retries forever.",
      NULL },
    { "high", "normal", "normal" } },
  { { "Dashboards very slow to load", "Report takes minutes to open",
      "Timeouts during peak hours", NULL },
    { "Opening the main dashboard takes over thirty seconds for everyone in the EU office.",
      "The quarterly pipeline report spins for several minutes before showing anything.",
      "Between nine and eleven in the morning pages regularly time out.", NULL },
    { "high", "normal", "normal" } },
  { { "Invoice shows wrong seat count", "Question about our renewal quote",
      "Card declined but were we charged?", NULL },
    { "Our latest invoice bills us for more seats than we have users.",
      "We received the renewal quote and would like to understand the new line items.",
      "The card payment shows as declined, yet our bank statement shows a pending charge.",
      NULL },
    { "high", "normal", "low" } },
  { { "How do I bulk add users?", "Need to transfer admin rights",
      "Deactivated users still count as seats", NULL },
    { "We are onboarding forty people next week and would rather not invite them one by one.",
      "Our admin is leaving the company and we need to hand over ownership of the workspace.",
      "We removed several leavers but the seat counter in settings did not change.", NULL },
    { "normal", "normal", "low" } },
  { { "Request: custom fields on reports", "Feature request: scheduled PDF reports",
      "Can we get an audit log export?", NULL },
    { "It would help us a lot to group reports by our own custom fields.",
      "Our leadership wants a PDF of the key dashboard in their inbox every Monday.",
      "Our compliance team needs to export the audit log for the yearly review.", NULL },
    { "normal", "low", "low" } },
  { { "Chart shows wrong totals", "Dates shifted by one day in reports",
      "Duplicate records after import", NULL },
    { "The revenue chart total does not match the sum of the rows underneath it.",
      "Everything created late in the evening shows up under the next day in reports.",
      "After importing last week's file we now see many records twice.", NULL },
    { "high", "normal", "normal" } },
  { { "API rate limit too low for our sync", "401 errors from the API since yesterday",
      "API pagination unclear", NULL },
    { "Our nightly sync hits the rate limit halfway through and never finishes.",
      "Every call with our service token has returned 401 since yesterday afternoon.",
      "The documentation does not say whether the cursor survives a filter change.", NULL },
    { "high", "normal", "low" } },
  { { "Help setting up our first workspace", "Training session for our new team",
      "Best practice for permissions", NULL },
    { "We are new to the product and would like a hand structuring our first workspace.",
      "A new team of twelve joins next month; could we book a training session?",
      "What is the recommended way to set up permissions for regional managers?", NULL },
    { "normal", "normal", "low" } },
  { { "Platform down for our whole team", "Cannot access the app at all",
      "Data not updating since last night", NULL },
    { "Nobody in our company can load the app; we only get a blank page.",
      "The login page loads but everything after it fails, for every user we have.",
      "None of the numbers have moved since last night although activity continued.", NULL },
    { "urgent", "urgent", "high" } },
  { { "Thank you for the quick fix", "Great new release", "Kudos to your support team",
      NULL },
    { "The issue we reported on Tuesday is gone and the team noticed right away.",
      "The new reporting screens are a big step up; our managers love them.",
      "Your support engineer walked us through everything patiently on the call.", NULL },
    { "low", "low", "low" } },
};

static const char *const openings[N_TONES][6] = {
  [TONE_ANGRY] = {
    "This is the third time this month we are raising this.",
    "Honestly, this is not acceptable for what we pay.",
    "Our team is losing hours every day because of this.",
    "We need this fixed today, not next week.",
    "I am escalating this because nobody has replied to my last two messages.",
    NULL },
  [TONE_NEUTRAL] = { "Hi team,", "Hello,", "Hi support,", "Good morning,", NULL },
  [TONE_HAPPY] = {
    "Hi all, hope you are well!",
    "Thanks again for all the help so far.",
    "Quick one, and thanks in advance:",
    NULL },
};

static const char *const closings[N_TONES][5] = {
  [TONE_ANGRY] = {
    "If this is not resolved quickly we will have to review our renewal.",
    "Please call me as soon as possible.",
    "We expected far better than this.",
    NULL },
  [TONE_NEUTRAL] = {
    "Thanks.", "Let me know if you need more details.", "Screenshots attached.",
    "Best regards.", NULL },
  [TONE_HAPPY] = { "Thanks so much!", "Keep up the great work.", "Really appreciate it.",
                   NULL },
};

static Tone
pick_tone (GRand  *rand,
           double  sentiment)
{
  double weights[N_TONES];

  weights[TONE_ANGRY] = 0.06 + 0.5 * (1.0 - sentiment);
  weights[TONE_HAPPY] = 0.05 + 0.3 * sentiment;
  weights[TONE_NEUTRAL] = 0.6;

  return sample_weighted (rand, weights, N_TONES);
}

/* The last topic is praise, which only a customer in a good mood writes. */
static const TicketTopic *
pick_topic (GRand *rand,
            Tone   tone)
{
  guint n_matters = G_N_ELEMENTS (topics) - 1;

  if (tone == TONE_HAPPY && sample_chance (rand, 0.5))
    return &topics[n_matters];

  return &topics[g_rand_int_range (rand, 0, n_matters)];
}

/**
 * sample_ticket_text:
 * @sentiment: the customer's mood, 0 (furious) to 1 (delighted)
 * @tone: (out): 0 angry, 1 neutral, 2 happy, for the satisfaction rating later
 */
void
sample_ticket_text (GRand        *rand,
                    double        sentiment,
                    char        **subject,
                    char        **body,
                    const char  **priority,
                    int          *tone)
{
  Tone mood = pick_tone (rand, sentiment);
  const TicketTopic *topic = pick_topic (rand, mood);

  guint matter = g_rand_int_range (rand, 0, g_strv_length ((char **)topic->subjects));

  *subject = g_strdup (topic->subjects[matter]);
  *body = g_strconcat (sample_pick (rand, openings[mood]), "\n\n",
                       topic->details[matter], "\n\n",
                       sample_pick (rand, closings[mood]), NULL);
  *priority = topic->priorities[mood];
  *tone = mood;

  /* A priority is sometimes set higher or lower than the matter deserves. */
  if (sample_chance (rand, 0.1))
    *priority = sample_pick (rand, (const char *const[]) { "low", "normal", "high", NULL });
}

static const char *const call_notes[] = {
  "Check-in call: usage is steady and there are no blockers.",
  "Call about the rollout of %s; agreed the next steps.",
  "Escalation call about the open tickets; promised a timeline for the fix.",
  "Discussed renewal timing and next year's budget.",
  "Introduction call with the new admin.",
  "Walked the champion through %s.",
  NULL
};

static const char *const email_notes[] = {
  "Sent the release notes with tips for %s.",
  "Followed up on the open support ticket.",
  "Shared last month's adoption report.",
  "Sent a renewal reminder with the quote attached.",
  "Invited the team to the next training webinar.",
  "Shared a short guide to getting started with %s.",
  NULL
};

static const char *const meeting_notes[] = {
  "On-site workshop on %s.",
  "Training session for new users.",
  "Met the executive sponsor to review goals.",
  "Planning session for the rollout to another department.",
  NULL
};

static const char *const good_notes[] = {
  "The team is very happy with %s.",
  "Champion asked about adding another department next quarter.",
  "Budget review expected next quarter; no concerns raised.",
  NULL
};

static const char *const bad_notes[] = {
  "Champion is leaving the company; we need a new sponsor.",
  "The admin mentioned that they are evaluating a competitor.",
  "Usage dropped after their reorganisation; follow up with the new lead.",
  "Finance is questioning the value of %s.",
  NULL
};

static const char *const good_qbrs[] = {
  "Quarterly business review: adoption and goals on track.",
  "QBR: presented the ROI summary and agreed an expansion plan.",
  "QBR: celebrated the rollout of %s and set next quarter's goals.",
  NULL
};

static const char *const bad_qbrs[] = {
  "QBR: discussed declining usage and agreed a recovery plan.",
  "QBR: customer raised concerns about support response times.",
  "QBR: sponsor questioned whether %s is worth the cost.",
  NULL
};

/**
 * sample_activity_summary:
 * @kind: "call", "email", "meeting", "note" or "qbr"
 * @sentiment: the customer's mood at the time, which colours notes and reviews
 */
char *
sample_activity_summary (GRand      *rand,
                         const char *kind,
                         double      sentiment)
{
  gboolean bad = sample_chance (rand, 1.0 - sentiment);
  const char *const *notes;
  const char *format;

  if (g_str_equal (kind, "call"))
    notes = call_notes;
  else if (g_str_equal (kind, "email"))
    notes = email_notes;
  else if (g_str_equal (kind, "meeting"))
    notes = meeting_notes;
  else if (g_str_equal (kind, "qbr"))
    notes = bad ? bad_qbrs : good_qbrs;
  else
    notes = bad ? bad_notes : good_notes;

  format = sample_pick (rand, notes);

  /* Every template has at most one %s, always for a feature. */
  if (strstr (format, "%s") != NULL)
    {
      g_autoptr(GString) text = g_string_new (format);

      g_string_replace (text, "%s", sample_feature (rand), 1);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return g_strdup (format);
}

static const char *const promoter_comments[] = {
  "Great product, our team uses it every day.",
  "Support is fast and friendly.",
  "Saves us hours every week.",
  "The best tool we adopted this year.",
  NULL
};

static const char *const passive_comments[] = {
  "Good overall; reporting could be more flexible.",
  "Does the job, with a few rough edges.",
  "Fine, but the price keeps going up.",
  NULL
};

static const char *const detractor_comments[] = {
  "Too slow, and too many outages lately.",
  "Hard to get our team to adopt it.",
  "Support takes days to answer.",
  "We are evaluating alternatives.",
  NULL
};

/**
 * sample_survey_comment:
 * @kind: "nps" (score 0-10) or "csat" (score 1-5)
 *
 * Returns: (nullable): a comment that fits the score, or %NULL when the respondent left
 *   none (most do not)
 */
const char *
sample_survey_comment (GRand      *rand,
                       const char *kind,
                       int         score)
{
  gboolean nps = g_str_equal (kind, "nps");
  gboolean promoter = nps ? score >= 9 : score >= 5;
  gboolean detractor = nps ? score <= 6 : score <= 2;

  if (!sample_chance (rand, detractor ? 0.6 : 0.3))
    return NULL;

  if (promoter)
    return sample_pick (rand, promoter_comments);
  if (detractor)
    return sample_pick (rand, detractor_comments);

  return sample_pick (rand, passive_comments);
}

/* Why customers leave, in the proportions CS teams commonly report. */
const char *
sample_churn_reason (GRand *rand)
{
  static const char *const reasons[] = {
    "Budget cuts", "Moved to competitor", "Poor adoption", "Acquired", "Champion left",
    "Product fit", "Went out of business",
  };
  static const double weights[] = { 25, 22, 22, 9, 10, 8, 4 };

  G_STATIC_ASSERT (G_N_ELEMENTS (reasons) == G_N_ELEMENTS (weights));

  return reasons[sample_weighted (rand, weights, G_N_ELEMENTS (weights))];
}

const char *
sample_contact_title (GRand      *rand,
                      const char *role)
{
  static const char *const champions[] = {
    "Head of Operations", "Customer Operations Lead", "Director of Sales Operations",
    "Program Manager", NULL };
  static const char *const deciders[] = {
    "VP Operations", "Chief Operating Officer", "VP Sales", "Director of IT", NULL };
  static const char *const admins[] = {
    "IT Administrator", "Systems Analyst", "Operations Analyst", NULL };
  static const char *const billing[] = {
    "Finance Manager", "Procurement Specialist", "Accounts Payable", NULL };
  static const char *const users[] = {
    "Account Executive", "Analyst", "Team Lead", "Support Specialist", "Marketing Manager",
    NULL };

  if (g_str_equal (role, "champion"))
    return sample_pick (rand, champions);
  if (g_str_equal (role, "decision_maker"))
    return sample_pick (rand, deciders);
  if (g_str_equal (role, "admin"))
    return sample_pick (rand, admins);
  if (g_str_equal (role, "billing"))
    return sample_pick (rand, billing);

  return sample_pick (rand, users);
}
