/* tend-checkpointer.h: folding a workspace's write-ahead log into its file, in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a public API: each TendStore has one.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TendCheckpointer TendCheckpointer;

TendCheckpointer *tend_checkpointer_new     (const char       *path);
gboolean          tend_checkpointer_request (TendCheckpointer *self);
void              tend_checkpointer_wait    (TendCheckpointer *self);
void              tend_checkpointer_free    (TendCheckpointer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TendCheckpointer, tend_checkpointer_free)

G_END_DECLS
