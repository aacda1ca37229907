/* tend-cli.h: the headless commands of the tend program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses: the command worked, it failed (a one-line message on stderr says what and
 * where), or it was called wrongly (an unknown option, a missing argument). */
#define TEND_CLI_EXIT_OK      0
#define TEND_CLI_EXIT_FAILURE 1
#define TEND_CLI_EXIT_USAGE   2

gboolean tend_cli_handles (int    argc,
                           char **argv);
int      tend_cli_run     (int    argc,
                           char **argv);

G_END_DECLS
