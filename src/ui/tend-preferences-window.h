/* tend-preferences-window.h: the preferences, with the health scorecard editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "scoring/tend-backtest.h"
#include "scoring/tend-scorecard.h"
#include "store/tend-store.h"

G_BEGIN_DECLS

#define TEND_TYPE_PREFERENCES_WINDOW (tend_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (TendPreferencesWindow, tend_preferences_window, TEND, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

void                   tend_preferences_window_present          (GtkWindow             *parent,
                                                                 TendStore             *store);

TendPreferencesWindow *tend_preferences_window_new              (GtkWindow             *parent,
                                                                 TendStore             *store);
TendScorecard         *tend_preferences_window_get_scorecard    (TendPreferencesWindow *self);
gboolean               tend_preferences_window_choose_scorecard (TendPreferencesWindow *self,
                                                                 const char            *name);
GtkSpinButton         *tend_preferences_window_get_band_spin    (TendPreferencesWindow *self,
                                                                 gboolean               green);
GtkSpinButton         *tend_preferences_window_get_weight_spin  (TendPreferencesWindow *self,
                                                                 const char            *id);
const char            *tend_preferences_window_get_message      (TendPreferencesWindow *self);
gboolean               tend_preferences_window_get_busy         (TendPreferencesWindow *self);
gboolean               tend_preferences_window_get_backtest     (TendPreferencesWindow *self,
                                                                 TendBacktestResult    *result);
const char            *tend_preferences_window_get_auc_text     (TendPreferencesWindow *self);
const char            *tend_preferences_window_get_verdict      (TendPreferencesWindow *self);
char                 **tend_preferences_window_list_attributes  (TendPreferencesWindow *self);

G_END_DECLS
