/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-answer-texts.h: the title and subtitle of a VvAnswerRow, one above the
 * other, measured only for the widths they are given.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VV_TYPE_ANSWER_TEXTS (vv_answer_texts_get_type ())

G_DECLARE_FINAL_TYPE (VvAnswerTexts, vv_answer_texts, VV, ANSWER_TEXTS, GtkWidget)

GtkLabel *vv_answer_texts_get_title_label    (VvAnswerTexts *self);
GtkLabel *vv_answer_texts_get_subtitle_label (VvAnswerTexts *self);

G_END_DECLS
