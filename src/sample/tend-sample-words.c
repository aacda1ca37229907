/* tend-sample-words.c: the names and text of the sample workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Company names are made by combining word lists, so no real company is named; their
 * domains end in the reserved .example, so a click on a sample address never mails
 * anyone. The text is data, not interface, so it is not translated: a seed writes the
 * same workspace whatever the user's language.
 */

#define G_LOG_DOMAIN "TendSample"

#include <string.h>

#include "tend-sample-private.h"

typedef struct
{
  const char *word;
  const char *industry;
} IndustryWord;

typedef struct
{
  const char *kanji;
  const char *romaji;
} JapaneseWord;

typedef struct
{
  const char *kanji;
  const char *romaji;
  const char *english;
  const char *industry;
} JapaneseIndustry;

static const char *const stem_heads[] = {
  "Amber", "Birch", "Cedar", "Copper", "Elm", "Fern", "Granite", "Hazel", "Iron", "Juniper",
  "Lark", "Maple", "North", "Oak", "Pine", "Quill", "Raven", "Silver", "Stone", "Thistle",
  "Umber", "Vale", "Willow", "Wren", "Ash", "Bright", "Clear", "Deep", "East", "Fair",
  "Gold", "High", "Kings", "Long", "Mill", "New", "Red", "Sun", "West", "Blue", NULL
};

static const char *const stem_tails[] = {
  "field", "brook", "wood", "gate", "stone", "haven", "ridge", "water", "bridge", "crest",
  "point", "mark", "path", "line", "wick", "ford", "dale", "moor", "view", "well", NULL
};

static const IndustryWord industries[] = {
  { "Logistics", "Logistics" }, { "Freight", "Logistics" }, { "Mobility", "Logistics" },
  { "Analytics", "Software" }, { "Software", "Software" }, { "Data", "Software" },
  { "Systems", "Software" }, { "Networks", "Telecommunications" },
  { "Telecom", "Telecommunications" }, { "Health", "Healthcare" },
  { "Clinics", "Healthcare" }, { "Dental", "Healthcare" }, { "Pharma", "Life sciences" },
  { "Bio", "Life sciences" }, { "Labs", "Life sciences" }, { "Robotics", "Manufacturing" },
  { "Manufacturing", "Manufacturing" }, { "Engineering", "Manufacturing" },
  { "Foods", "Consumer goods" }, { "Apparel", "Consumer goods" }, { "Home", "Consumer goods" },
  { "Outdoor", "Retail" }, { "Retail", "Retail" }, { "Energy", "Energy" },
  { "Solar", "Energy" }, { "Water", "Utilities" }, { "Learning", "Education" },
  { "Academy", "Education" }, { "Insurance", "Financial services" },
  { "Capital", "Financial services" }, { "Payments", "Financial services" },
  { "Media", "Media" }, { "Studios", "Media" }, { "Legal", "Professional services" },
  { "Consulting", "Professional services" }, { "Architecture", "Professional services" },
  { "Travel", "Hospitality" }, { "Hotels", "Hospitality" }, { "Marine", "Transportation" },
  { "Agritech", "Agriculture" },
};

static const char *const suffixes[SAMPLE_N_REGIONS][7] = {
  [SAMPLE_NORTH_AMERICA] = { "", " Inc.", " LLC", " Group", " Corp.", "", NULL },
  [SAMPLE_EMEA] = { "", " Ltd", " GmbH", " B.V.", " S.A.", " Group", NULL },
  [SAMPLE_APAC] = { "", " Pty Ltd", " Pte. Ltd.", " Group", "", NULL },
  [SAMPLE_JAPAN] = { " K.K.", " Co., Ltd.", NULL },
};

static const JapaneseWord japanese_stems[] = {
  { "さくら", "sakura" }, { "青空", "aozora" },
  { "みどり", "midori" }, { "ひかり", "hikari" },
  { "未来", "mirai" }, { "港", "minato" }, { "翼", "tsubasa" }, { "星野", "hoshino" },
  { "若葉", "wakaba" }, { "白樺", "shirakaba" }, { "東雲", "shinonome" }, { "楓", "kaede" },
  { "紬", "tsumugi" }, { "暁", "akatsuki" }, { "葵", "aoi" }, { "朝凪", "asanagi" },
};

static const JapaneseIndustry japanese_industries[] = {
  { "物流", "butsuryu", "Logistics", "Logistics" },
  { "システム", "systems", "Systems", "Software" },
  { "製薬", "seiyaku", "Pharma", "Life sciences" },
  { "食品", "shokuhin", "Foods", "Consumer goods" },
  { "電機", "denki", "Electric", "Manufacturing" },
  { "不動産", "fudosan", "Realty", "Real estate" },
  { "教育", "kyoiku", "Education", "Education" },
  { "ソフトウェア", "software", "Software", "Software" },
  { "建設", "kensetsu", "Construction", "Construction" },
  { "商事", "shoji", "Trading", "Retail" },
};

static const char *const english_first[] = {
  "Olivia", "Liam", "Emma", "Noah", "Ava", "Ethan", "Sophia", "Lucas", "Mia", "Mason",
  "Amelia", "Logan", "Harper", "James", "Ella", "Benjamin", "Grace", "Daniel", "Chloe",
  "Samuel", "Priya", "Arjun", "Fatima", "Omar", "Lena", "Mateo", "Sofia", "Lukas", "Chiara",
  "Tomasz", "Ingrid", "Pierre", "Aisha", "Kwame", "Mei", "Diego", "Hannah", "Nathan",
  "Zoe", "Isaac", NULL
};

static const char *const english_last[] = {
  "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis", "Martinez", "Lopez",
  "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Walker",
  "Hall", "Young", "Patel", "Nguyen", "Kim", "Okafor", "Schmidt", "Rossi", "Dubois",
  "Novak", "Larsen", "Haddad", "Murphy", "Kowalski", "Fischer", "Silva", "Chen", "Brooks",
  "Reyes", "Foster", "Bennett", "Hughes", NULL
};

static const JapaneseWord japanese_family[] = {
  { "佐藤", "sato" }, { "鈴木", "suzuki" }, { "高橋", "takahashi" }, { "田中", "tanaka" },
  { "伊藤", "ito" }, { "渡辺", "watanabe" }, { "山本", "yamamoto" }, { "中村", "nakamura" },
  { "小林", "kobayashi" }, { "加藤", "kato" }, { "吉田", "yoshida" }, { "山田", "yamada" },
  { "佐々木", "sasaki" }, { "松本", "matsumoto" },
  { "井上", "inoue" }, { "木村", "kimura" },
};

static const JapaneseWord japanese_given[] = {
  { "遥", "haruka" }, { "健太", "kenta" }, { "美咲", "misaki" }, { "翔", "sho" },
  { "陽菜", "hina" }, { "大輔", "daisuke" }, { "結衣", "yui" }, { "拓也", "takuya" },
  { "さくら", "sakura" }, { "蓮", "ren" }, { "葵", "aoi" }, { "直樹", "naoki" },
  { "真由美", "mayumi" }, { "亮", "ryo" }, { "彩", "aya" }, { "誠", "makoto" },
};

static const char *const features[SAMPLE_N_FEATURES + 1] = {
  "dashboards", "reports", "workflows", "alerts", "the API", "integrations", "the mobile app",
  "forecasts", "the audit log", "custom fields", "single sign-on", "data export", "playbooks",
  "templates", "comments", NULL
};

/* Two words of a name, lowered and joined with a hyphen under the reserved .example
 * top-level domain: "Northgate" and "Labs" give "northgate-labs.example". */
static char *
domain_from_words (const char *first,
                   const char *second)
{
  g_autofree char *joined = g_strdup_printf ("%s-%s.example", first, second);

  return g_ascii_strdown (joined, -1);
}

static char *
english_company_name (GRand        *rand,
                      SampleRegion  region,
                      char        **domain,
                      const char  **industry)
{
  const IndustryWord *word = &industries[g_rand_int_range (rand, 0, G_N_ELEMENTS (industries))];
  g_autofree char *stem = g_strconcat (sample_pick (rand, stem_heads),
                                       sample_pick (rand, stem_tails), NULL);

  *domain = domain_from_words (stem, word->word);
  *industry = word->industry;

  return g_strconcat (stem, " ", word->word, sample_pick (rand, suffixes[region]), NULL);
}

static char *
japanese_company_name (GRand        *rand,
                       char        **domain,
                       const char  **industry)
{
  const JapaneseWord *stem =
    &japanese_stems[g_rand_int_range (rand, 0, G_N_ELEMENTS (japanese_stems))];
  const JapaneseIndustry *kind =
    &japanese_industries[g_rand_int_range (rand, 0, G_N_ELEMENTS (japanese_industries))];
  g_autofree char *romaji = NULL;

  *domain = domain_from_words (stem->romaji, kind->romaji);
  *industry = kind->industry;

  /* Two in five Japanese customers are written in Japanese, the rest in romaji, as a
   * CRM that mixes both would hold them. */
  if (sample_chance (rand, 0.4))
    return g_strconcat (stem->kanji, kind->kanji, "株式会社", NULL);

  romaji = g_strdup (stem->romaji);
  romaji[0] = g_ascii_toupper (romaji[0]);

  return g_strconcat (romaji, " ", kind->english, sample_pick (rand, suffixes[SAMPLE_JAPAN]),
                      NULL);
}

/**
 * sample_company_name:
 * @domain: (out): the company's web domain
 * @industry: (out): the industry it is in
 *
 * Returns: a company name not used before in this workspace
 */
char *
sample_company_name (SampleContext  *ctx,
                     SampleRegion    region,
                     gboolean        japanese,
                     char          **domain,
                     const char    **industry)
{
  for (int attempt = 0; ; attempt++)
    {
      g_autofree char *name = NULL;
      g_autofree char *site = NULL;

      if (japanese)
        name = japanese_company_name (ctx->rand, &site, industry);
      else
        name = english_company_name (ctx->rand, region, &site, industry);

      /* The word lists hold about a million names; past a few collisions (only in very
       * large workspaces) a number keeps the name unique. */
      if (attempt >= 8)
        {
          guint used = g_hash_table_size (ctx->names);
          char *numbered = g_strdup_printf ("%s %u", name, used);
          char *numbered_site = g_strdup_printf ("%u-%s", used, site);

          g_free (name);
          g_free (site);
          name = numbered;
          site = numbered_site;
        }

      if (g_hash_table_add (ctx->names, g_strdup (name)))
        {
          *domain = g_steal_pointer (&site);
          return g_steal_pointer (&name);
        }
    }
}

/**
 * sample_person_name:
 * @display: (out): the name as shown; Japanese names family name first, in kanji
 * @email_local: (out): the part of an email address before the @
 */
void
sample_person_name (GRand     *rand,
                    gboolean   japanese,
                    char     **display,
                    char     **email_local)
{
  if (japanese)
    {
      const JapaneseWord *family =
        &japanese_family[g_rand_int_range (rand, 0, G_N_ELEMENTS (japanese_family))];
      const JapaneseWord *given =
        &japanese_given[g_rand_int_range (rand, 0, G_N_ELEMENTS (japanese_given))];

      *display = g_strconcat (family->kanji, " ", given->kanji, NULL);
      *email_local = g_strconcat (given->romaji, ".", family->romaji, NULL);
    }
  else
    {
      const char *first = sample_pick (rand, english_first);
      const char *last = sample_pick (rand, english_last);
      g_autofree char *local = g_strconcat (first, ".", last, NULL);

      *display = g_strconcat (first, " ", last, NULL);
      *email_local = g_ascii_strdown (local, -1);
    }
}

const char *
sample_feature (GRand *rand)
{
  return sample_pick (rand, features);
}
