/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-cases-page-private.h: shared by vv-cases-page.c (the list of saved
 * cases, the search and the store it follows) and vv-cases-page-actions.c
 * (editing, duplicating and deleting a case, import and export of case
 * files, and the example cases).
 */
#pragma once

#include "vv-cases-page.h"

G_BEGIN_DECLS

struct _VvCasesPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkListBox      *list_box;
  GtkStack        *list_stack;
  GtkTextView     *note_view;
  GtkWidget       *privacy_box;
  GtkLabel        *privacy_label;
  GtkSearchEntry  *search_entry;
  GtkStack        *stack;
  AdwEntryRow     *title_row;

  /* Owned */
  VvContext *context;
  VvCaseStore     *store;
  GSettings       *settings;      /* the context's, NULL when the schema is not installed */
  GListModel      *model;         /* VvCaseItem, the visible list */
  char            *search_text;
  char            *privacy_warning;
  gint64           editing_id;
  GtkNativeDialog *dialog;
  GArray          *export_ids;    /* gint64, the cases the open save dialog exports */
  gboolean         store_failed;
  gboolean         saving;        /* an edit is being saved */
};

void         _vv_cases_page_show_toast          (VvCasesPage      *self,
                                                 const char       *title);
void         _vv_cases_page_show_error          (VvCasesPage      *self,
                                                 const GError     *error);
GStrv        _vv_cases_page_get_private_names   (VvCasesPage      *self);
void         _vv_cases_page_update_actions      (VvCasesPage      *self);
char        *_vv_cases_page_get_note_text       (VvCasesPage      *self);
void         _vv_cases_page_check_privacy       (VvCasesPage      *self);
VvCaseStore *_vv_cases_page_ensure_store        (VvCasesPage      *self);
void         _vv_cases_page_refresh             (VvCasesPage      *self);
void         _vv_cases_page_class_actions_init  (VvCasesPageClass *klass);

G_END_DECLS
