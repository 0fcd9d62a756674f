/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-interview-private.h: shared by vv-interview.c (the question flow) and
 * vv-interview-case.c (saved cases: load, save, the rule-version check).
 */
#pragma once

#include "vv-interview.h"

G_BEGIN_DECLS

/* What a reset takes away, so that it can be undone. */
typedef struct
{
  JsonObject *answers;
  gint64      case_id;
  char       *title;
  gboolean    saved;
  char       *decided_version;
  gboolean    result_changed;
  char       *rules_note;
} Snapshot;

struct _VvInterview
{
  GObject     parent_instance;

  /* Owned */
  VvRules    *rules;
  JsonObject *answers;        /* every answer given; only those on the path count */
  VvResult   *result;         /* classification of answers, recomputed once per change */
  GPtrArray  *answered;       /* VvInterviewAnswer *, the answered questions on the path */
  char       *current_node;   /* the question asked now, NULL once an outcome is reached */
  char       *edit_node;      /* an answered question reopened, or NULL */
  Snapshot   *undo;           /* before the last reset, or NULL */
  char       *title;
  char       *decided_version;
  char       *rules_note;

  int         year;
  guint       step;
  guint       n_classifications;
  gint64      case_id;
  gboolean    saved;
  gboolean    result_changed;
  /* as last notified */
  gboolean    was_editing;
  gboolean    could_go_back;
  gboolean    could_reset;
};

enum {
  PROP_0,
  PROP_RULES,
  PROP_YEAR,
  PROP_CURRENT_NODE,
  PROP_STEP,
  PROP_FINISHED,
  PROP_EDITING,
  PROP_CAN_GO_BACK,
  PROP_CAN_RESET,
  PROP_CAN_UNDO_RESET,
  PROP_RESULT,
  PROP_CASE_ID,
  PROP_TITLE,
  PROP_SAVED,
  PROP_DECIDED_VERSION,
  PROP_RESULT_CHANGED,
  PROP_RULES_NOTE,
  N_PROPS
};

extern GParamSpec *_vv_interview_properties[N_PROPS];

void          _vv_interview_evaluate       (VvInterview   *self,
                                            gboolean       reclassify,
                                            VvResult      *result);
const VvNode *_vv_interview_question_node  (VvInterview   *self,
                                            const char    *node_id);
JsonObject   *_vv_interview_copy_object    (JsonObject    *object);
gboolean      _vv_interview_parse_value    (VvInterview   *self,
                                            const VvFact  *fact,
                                            const char    *value,
                                            JsonNode     **out,
                                            GError       **error);
void          _vv_interview_set_saved      (VvInterview   *self,
                                            gboolean       saved);
void          _vv_interview_set_string     (VvInterview   *self,
                                            char         **field,
                                            const char    *value,
                                            int            prop);
void          _vv_interview_set_case_id    (VvInterview   *self,
                                            gint64         id);
void          _vv_interview_set_rules_note (VvInterview   *self,
                                            const char    *decided_version,
                                            gboolean       changed,
                                            const char    *note);
void          _vv_interview_clear_undo     (VvInterview   *self);

G_END_DECLS
