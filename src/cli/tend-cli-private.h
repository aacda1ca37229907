/* tend-cli-private.h: what the files of the command line share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cli/tend-cli.h"
#include "scoring/tend-scorecard.h"
#include "store/tend-store.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

typedef struct
{
  char      *database;   /* --database, or NULL for $TEND_DATABASE or the default */
  TendStore *store;
} TendCli;

typedef int (*TendCliCommandFunc) (TendCli  *cli,
                                   int       argc,
                                   char    **argv);

typedef struct
{
  const char         *name;
  const char         *arguments;  /* what follows the name in the usage line */
  const char         *summary;
  TendCliCommandFunc  run;
} TendCliCommand;

/* The commands, in the order --help lists them. */
extern const TendCliCommand tend_cli_commands[];

const TendCliCommand *tend_cli_find_command     (const char       *name);

gboolean              tend_cli_parse_options    (TendCli          *cli,
                                                 const char       *command,
                                                 GOptionEntry     *entries,
                                                 int              *argc,
                                                 char           ***argv,
                                                 int              *status);
int                   tend_cli_usage_error      (const char       *command,
                                                 const char       *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
int                   tend_cli_fail             (const GError     *error);
gboolean              tend_cli_parse_day        (const char       *command,
                                                 const char       *option,
                                                 const char       *text,
                                                 TendDay          *day,
                                                 int              *status);

TendStore            *tend_cli_open_store       (TendCli          *cli,
                                                 gboolean          create,
                                                 GError          **error);

TendScorecard        *tend_cli_load_scorecard   (TendStore        *store,
                                                 const char       *name,
                                                 GError          **error);
char                 *tend_cli_dup_active_scorecard_name (TendStore  *store,
                                                          GError    **error);
gboolean              tend_cli_recompute        (TendStore        *store,
                                                 TendScorecard    *scorecard,
                                                 TendDay           day,
                                                 GError          **error);

int                   tend_cli_run_summary      (TendCli          *cli,
                                                 int               argc,
                                                 char            **argv);
int                   tend_cli_run_export       (TendCli          *cli,
                                                 int               argc,
                                                 char            **argv);
int                   tend_cli_run_sample       (TendCli          *cli,
                                                 int               argc,
                                                 char            **argv);
int                   tend_cli_run_mappings     (TendCli          *cli,
                                                 int               argc,
                                                 char            **argv);
int                   tend_cli_run_import       (TendCli          *cli,
                                                 int               argc,
                                                 char            **argv);
int                   tend_cli_run_recompute    (TendCli          *cli,
                                                 int               argc,
                                                 char            **argv);
int                   tend_cli_run_scorecards   (TendCli          *cli,
                                                 int               argc,
                                                 char            **argv);
int                   tend_cli_run_backtest     (TendCli          *cli,
                                                 int               argc,
                                                 char            **argv);

G_END_DECLS
