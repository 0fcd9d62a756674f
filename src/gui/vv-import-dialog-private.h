/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-import-dialog-private.h: what the import dialog's parts share — the
 * file rows and column roles (vv-import-dialog.c), the preview of the file's
 * start (vv-import-dialog-preview.c) and the choices a file leaves open, with
 * the survey of the whole file behind them (vv-import-dialog-choices.c).
 */
#pragma once

#include "vv-import-dialog.h"
#include "vv-ledger-survey.h"

G_BEGIN_DECLS

/* The preview reads the start of a text file only. */
#define VV_IMPORT_SAMPLE_BYTES (256 * 1024)

struct _VvImportDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwComboRow    *amount_choice_row;
  AdwComboRow    *amount_row;
  AdwComboRow    *ansvar_row;
  AdwComboRow    *art_row;
  AdwPreferencesGroup *choices_group;
  AdwComboRow    *class_row;
  GtkWidget      *columns_group;
  AdwComboRow    *decimal_row;
  AdwComboRow    *encoding_row;
  AdwPreferencesGroup *file_group;
  AdwComboRow    *format_row;
  AdwComboRow    *function_code_row;
  AdwComboRow    *function_row;
  GtkWidget      *import_button;
  AdwComboRow    *period_row;
  GtkGrid        *preview_grid;
  GtkWidget      *rejects_group;
  GtkListBox     *rejects_list;
  AdwComboRow    *region_choice_row;
  AdwComboRow    *region_row;
  AdwComboRow    *separator_row;
  AdwComboRow    *sheet_choice_row;
  AdwComboRow    *text_row;
  AdwComboRow    *unit_choice_row;
  AdwActionRow   *units_row;
  AdwComboRow    *year_choice_row;
  AdwComboRow    *year_row;

  /* Owned */
  VvLedgerSession *session;
  VvLedgerReader *reader;
  char           *path;
  char           *units_path;
  GBytes         *sample;
  char           *error_text;
  GError         *preview_error;    /* detection's or the sample's, but for several years */
  GArray         *amount_columns;   /* int: the columns that may hold the amounts */
  VvLedgerSurvey *survey;           /* of the whole file as last set; NULL before */
  VvLedgerSurvey *survey_all;       /* the last read for all years, or NULL */
  char           *survey_all_key;   /* its settings but the year */
  char           *survey_key;       /* those of the survey last started */
  GCancellable   *survey_cancellable;
  GCancellable   *preview_cancellable;
  char           *reason;           /* why Import is off, or NULL */
  guint           n_preview_lines;
  guint           n_preview_rejects;
  gboolean        mapping_applied;
  gboolean        updating;
  gboolean        surveying;
  gboolean        previewing;       /* a workbook's preview is read in a worker */
  gboolean        preview_again;    /* the settings changed meanwhile: read again */
  gboolean        mapping_checked;
  gboolean        is_sheet;
  gboolean        unit_shown;
  int             year;             /* chosen, 0 for none */
  char           *region;           /* chosen, NULL for none */
};

void _vv_import_dialog_refresh                    (VvImportDialog *self);
void _vv_import_dialog_read_preview               (VvImportDialog *self);
void _vv_import_dialog_start_preview              (VvImportDialog *self);
void _vv_import_dialog_preview_read               (VvImportDialog *self);
void _vv_import_dialog_update_role_models         (VvImportDialog *self);
void _vv_import_dialog_start_survey               (VvImportDialog *self);
void _vv_import_dialog_update_choices             (VvImportDialog *self);
void _vv_import_dialog_update_status              (VvImportDialog *self);
void _vv_import_dialog_on_choice_row_notify_selected_cb (VvImportDialog *self,
                                                         GParamSpec     *pspec,
                                                         AdwComboRow    *row);

G_END_DECLS
