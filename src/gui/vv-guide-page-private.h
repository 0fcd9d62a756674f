/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-guide-page-private.h: shared by vv-guide-page.c (the view over the
 * interview), vv-guide-page-actions.c (the toolbar and the guide.* actions,
 * export and print)
 * and vv-guide-page-chart.c (zooming and centring the decision chart).
 */
#pragma once

#include "vv-flowchart-view.h"
#include "vv-flowchart.h"
#include "vv-guide-page.h"
#include "vv-interview.h"
#include "vv-result-view.h"

G_BEGIN_DECLS

struct _VvGuidePage
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkWidget         *answers_box;
  GtkListBox        *answers_list;
  GtkWidget         *chart_hint_label;
  GtkScrolledWindow *chart_scroller;
  GtkWidget         *edit_hint_label;
  VvFlowchartView   *flowchart_view;
  GtkListBox        *glossary_list;
  GtkExpander       *help_expander;
  GtkLabel          *help_label;
  AdwLeaflet        *leaflet;
  GtkWidget         *number_box;
  GtkEntry          *number_entry;
  GtkLabel          *number_hint_label;
  GtkListBox        *options_list;
  GtkWidget         *panel_scroller;
  GtkWidget         *question_box;
  GtkLabel          *question_label;
  AdwBin            *result_bin;
  GtkWidget         *show_chart_button;
  GtkWidget         *show_questions_button;
  GtkLabel          *step_label;
  GtkWidget         *toolbar;
  GtkDropDown       *year_dropdown;

  /* Borrowed */
  VvRules           *rules;
  VvResultView      *result_view;     /* in result_bin once a result is shown */

  /* Owned */
  VvContext         *context;
  VvInterview       *interview;
  VvFlowchart       *flowchart;
  GtkNativeDialog   *dialog;
  GCancellable      *cancellable;
  guint              center_tick;
  guint              center_frames;
  guint              first_zoom_tick;
  gboolean           presentation;
  guint              folded_idle_id;  /* folded changed: update once allocated */
  gboolean           saving;          /* a save is under way */
};

void     _vv_guide_page_show_toast          (VvGuidePage      *self,
                                             const char       *text);
void     _vv_guide_page_update              (VvGuidePage      *self);
void     _vv_guide_page_update_actions      (VvGuidePage      *self);
void     _vv_guide_page_report_written      (VvGuidePage      *self,
                                             const char       *path,
                                             const char       *message);
void     _vv_guide_page_class_actions_init  (VvGuidePageClass *klass);
void     _vv_guide_page_fill_toolbar        (VvGuidePage      *self);
void     _vv_guide_page_chart_init          (VvGuidePage      *self);
void     _vv_guide_page_chart_dispose       (VvGuidePage      *self);
void     _vv_guide_page_center_on_current   (VvGuidePage      *self);
void     _vv_guide_page_set_zoom            (VvGuidePage      *self,
                                             double            zoom);
double   _vv_guide_page_normal_zoom         (VvGuidePage      *self);

G_END_DECLS
