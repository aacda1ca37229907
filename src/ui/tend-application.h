/* tend-application.h: the Tend desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_APPLICATION (tend_application_get_type ())
G_DECLARE_FINAL_TYPE (TendApplication, tend_application, TEND, APPLICATION, AdwApplication)

TendApplication *tend_application_new                (void);
TendStore       *tend_application_get_store          (TendApplication *self);
const GError    *tend_application_get_store_error    (TendApplication *self);
void             tend_application_mark_process_start (void);
gint64           tend_application_get_process_start  (void);

G_END_DECLS
