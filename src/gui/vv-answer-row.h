/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-answer-row.h: a row of the guide's answer lists (the question's options
 * and the answers so far): a title, an optional subtitle, a number before
 * them and an icon or a note after them. Looks like an AdwActionRow.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VV_TYPE_ANSWER_ROW (vv_answer_row_get_type ())

G_DECLARE_FINAL_TYPE (VvAnswerRow, vv_answer_row, VV, ANSWER_ROW, GtkListBoxRow)

GtkWidget  *vv_answer_row_new              (const char  *title,
                                            const char  *subtitle);
const char *vv_answer_row_get_title        (VvAnswerRow *self);
void        vv_answer_row_set_title        (VvAnswerRow *self,
                                            const char  *title);
const char *vv_answer_row_get_subtitle     (VvAnswerRow *self);
void        vv_answer_row_set_subtitle     (VvAnswerRow *self,
                                            const char  *subtitle);
void        vv_answer_row_set_badge        (VvAnswerRow *self,
                                            const char  *badge);
void        vv_answer_row_set_note         (VvAnswerRow *self,
                                            const char  *note);
void        vv_answer_row_set_suffix_icon  (VvAnswerRow *self,
                                            const char  *icon_name);

G_END_DECLS
