/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vv-window.h"

G_BEGIN_DECLS

struct _VvWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwViewSwitcherBar   *switcher_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *leave_presentation_box;
  AdwViewStack         *view_stack;

  /* Borrowed */
  GSettings            *settings;

  /* Owned */
  VvContext            *context;
  char                 *notified_page;
  gboolean              presentation;
  char                 *classify_ansvar;  /* the unit the guide classifies for the ledger */
  gulong                guide_finished_handler;
  guint                 focus_idle;
};

void       _vv_window_class_actions_init (GtkWidgetClass *widget_class);
void       _vv_window_actions_init       (VvWindow       *self);
AdwToast  *_vv_window_toast              (VvWindow       *self,
                                          const char     *text,
                                          gboolean        error);

G_END_DECLS
