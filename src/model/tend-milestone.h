/* tend-milestone.h: a step of an account's success plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/tend-store.h"
#include "util/tend-date.h"

G_BEGIN_DECLS

#define TEND_TYPE_MILESTONE (tend_milestone_get_type ())
G_DECLARE_FINAL_TYPE (TendMilestone, tend_milestone, TEND, MILESTONE, GObject)

TendMilestone *tend_milestone_new                (gint64          account_id);
TendMilestone *tend_milestone_new_from_row       (sqlite3_stmt   *stmt);
TendMilestone *tend_milestone_load               (TendStore      *store,
                                                  gint64          id,
                                                  GError        **error);
GListStore    *tend_milestone_load_for_account   (TendStore      *store,
                                                  gint64          account_id,
                                                  GError        **error);
gboolean       tend_milestone_save               (TendMilestone  *self,
                                                  TendStore      *store,
                                                  GError        **error);
gboolean       tend_milestone_complete           (TendMilestone  *self,
                                                  TendStore      *store,
                                                  GError        **error);
gboolean       tend_milestone_delete             (TendMilestone  *self,
                                                  TendStore      *store,
                                                  GError        **error);

gint64         tend_milestone_get_id             (TendMilestone  *self);
gint64         tend_milestone_get_account_id     (TendMilestone  *self);
const char    *tend_milestone_get_title          (TendMilestone  *self);
void           tend_milestone_set_title          (TendMilestone  *self,
                                                  const char     *title);
const char    *tend_milestone_get_description    (TendMilestone  *self);
void           tend_milestone_set_description    (TendMilestone  *self,
                                                  const char     *description);
gint64         tend_milestone_get_owner_id       (TendMilestone  *self);
void           tend_milestone_set_owner_id       (TendMilestone  *self,
                                                  gint64          owner_id);
const char    *tend_milestone_get_owner_name     (TendMilestone  *self);
const char    *tend_milestone_get_due_date       (TendMilestone  *self);
void           tend_milestone_set_due_date       (TendMilestone  *self,
                                                  const char     *date);
const char    *tend_milestone_get_completed_date (TendMilestone  *self);
void           tend_milestone_set_completed_date (TendMilestone  *self,
                                                  const char     *date);
int            tend_milestone_get_progress       (TendMilestone  *self);
void           tend_milestone_set_progress       (TendMilestone  *self,
                                                  int             progress);
gboolean       tend_milestone_is_overdue         (TendMilestone  *self,
                                                  TendDay         today);

G_END_DECLS
