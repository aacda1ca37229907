/* tend-settings.c: the user's preferences, when the schema is installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_settings_new() aborts when the schema is missing, which it is when Tend runs from
 * its build folder; the views then keep their defaults for the session instead.
 */

#define G_LOG_DOMAIN "TendUi"

#include "config.h"

#include "tend-settings.h"

/**
 * tend_settings_get:
 *
 * Returns: (transfer none) (nullable): the application's settings, or %NULL when the
 *   io.github.tendcs.Tend schema is not installed
 */
GSettings *
tend_settings_get (void)
{
  static GSettings *settings;
  static gboolean looked_up;

  if (!looked_up)
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = NULL;

      looked_up = TRUE;
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_debug ("The %s settings schema is not installed; preferences are not kept", APP_ID);
    }

  return settings;
}
