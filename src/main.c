/* main.c: the tend program, the desktop application or a headless command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Tend"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cli/tend-cli.h"
#include "ui/tend-application.h"

/* $TEND_LOCALEDIR lets Tend speak its translations when it runs from the build tree
 * (build-aux/run-sample points it at the build's po folder) before it is installed. */
static const char *
translations_folder (void)
{
  const char *folder = g_getenv ("TEND_LOCALEDIR");

  return folder != NULL && *folder != '\0' ? folder : LOCALEDIR;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TendApplication) app = NULL;

  /* Taken first, so that the bench's first-frame figure counts the whole start-up. */
  tend_application_mark_process_start ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, translations_folder ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* A command word ("tend import …", "tend summary") runs headless, without a display. */
  if (tend_cli_handles (argc, argv))
    return tend_cli_run (argc, argv);

  app = tend_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
