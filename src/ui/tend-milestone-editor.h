/* tend-milestone-editor.h: the dialog that adds or edits a milestone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "model/tend-milestone.h"

G_BEGIN_DECLS

GtkWidget *tend_milestone_editor_new (GtkWindow     *parent,
                                      TendStore     *store,
                                      TendMilestone *milestone);

G_END_DECLS
