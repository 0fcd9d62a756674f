/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-interview.h: the guide's question flow as a GObject, without GTK.
 * Answers, the question asked now, editing an earlier answer, back, reset
 * with undo, loading a saved case, the answered path and the result,
 * classified once per change.
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_INTERVIEW_ERROR (vv_interview_error_quark ())

typedef enum
{
  VV_INTERVIEW_ERROR_UNKNOWN_FACT,
  VV_INTERVIEW_ERROR_INVALID_VALUE,
  VV_INTERVIEW_ERROR_NOT_ON_PATH,
  VV_INTERVIEW_ERROR_INVALID_CASE,
} VvInterviewError;

/* One question on the answered path, in the order it was asked. */
typedef struct
{
  const char   *node_id;   /* borrowed from the rules */
  const VvFact *fact;      /* borrowed from the rules */
  char         *value;     /* canonical value: a value id, "true"/"false" or a number */
  char         *label;     /* the value as shown, translated */
  guint         number;    /* 1-based question number on the path */
} VvInterviewAnswer;

#define VV_TYPE_INTERVIEW (vv_interview_get_type ())

G_DECLARE_FINAL_TYPE (VvInterview, vv_interview, VV, INTERVIEW, GObject)

GQuark          vv_interview_error_quark           (void);

VvInterview    *vv_interview_new                   (VvRules        *rules);
VvRules        *vv_interview_get_rules             (VvInterview    *self);
int             vv_interview_get_year              (VvInterview    *self);
void            vv_interview_set_year              (VvInterview    *self,
                                                    int             year);
const char     *vv_interview_get_current_node      (VvInterview    *self);
const VvFact   *vv_interview_get_current_fact      (VvInterview    *self);
char           *vv_interview_dup_current_value     (VvInterview    *self);
guint           vv_interview_get_step              (VvInterview    *self);
gboolean        vv_interview_get_finished          (VvInterview    *self);
gboolean        vv_interview_get_editing           (VvInterview    *self);
const char     *vv_interview_get_edit_node         (VvInterview    *self);
gboolean        vv_interview_get_can_go_back       (VvInterview    *self);
gboolean        vv_interview_get_can_reset         (VvInterview    *self);
gboolean        vv_interview_get_can_undo_reset    (VvInterview    *self);
const VvResult *vv_interview_get_result            (VvInterview    *self);
guint           vv_interview_get_n_classifications (VvInterview    *self);

gboolean        vv_interview_answer                (VvInterview    *self,
                                                    const char     *fact_id,
                                                    const char     *value,
                                                    GError        **error);
gboolean        vv_interview_edit                  (VvInterview    *self,
                                                    const char     *node_id,
                                                    GError        **error);
void            vv_interview_cancel_edit           (VvInterview    *self);
void            vv_interview_back                  (VvInterview    *self);
gboolean        vv_interview_step                  (VvInterview    *self,
                                                    int             direction);
void            vv_interview_reset                 (VvInterview    *self);
gboolean        vv_interview_undo_reset            (VvInterview    *self);
gboolean        vv_interview_load_case             (VvInterview    *self,
                                                    const VvCase   *kase,
                                                    GError        **error);

GPtrArray      *vv_interview_get_answers           (VvInterview    *self);
gboolean        vv_interview_is_answered           (VvInterview    *self,
                                                    const char     *node_id);
JsonObject     *vv_interview_dup_facts             (VvInterview    *self);
GStrv           vv_interview_dup_path              (VvInterview    *self);
char           *vv_interview_dup_summary           (VvInterview    *self);

gint64          vv_interview_get_case_id           (VvInterview    *self);
const char     *vv_interview_get_title             (VvInterview    *self);
void            vv_interview_set_title             (VvInterview    *self,
                                                    const char     *title);
char           *vv_interview_dup_default_title     (VvInterview    *self);
gboolean        vv_interview_get_saved             (VvInterview    *self);
VvCase         *vv_interview_to_case               (VvInterview    *self);
void            vv_interview_mark_saved            (VvInterview    *self,
                                                    const VvCase   *kase);
const char     *vv_interview_get_decided_version   (VvInterview    *self);
gboolean        vv_interview_get_result_changed    (VvInterview    *self);
const char     *vv_interview_get_rules_note        (VvInterview    *self);

G_END_DECLS
