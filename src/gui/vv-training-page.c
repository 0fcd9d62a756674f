/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-training-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "vv-exercise-set.h"
#include "vv-export.h"
#include "vv-rules.h"
#include "vv-training-page-private.h"

#define EXERCISES_RESOURCE_PATH VV_RESOURCE_PATH "/exercises/"

/* The quiz's column: 720 px at the normal size, as the other pages; larger
 * type (presentation mode, the text size preference) widens it to hold this
 * many characters a line of the question, no more: long lines are hard to
 * follow, also on a wall (WCAG 1.4.8 sets 80 as the limit). */
#define QUIZ_COLUMN_WIDTH 720
#define QUIZ_LINE_CHARS   80

G_DEFINE_FINAL_TYPE (VvTrainingPage, vv_training_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CURRENT_SET,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESULTS_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* helpers */

void
_vv_training_page_update_actions (VvTrainingPage *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean in_quiz = g_strcmp0 (page, "quiz") == 0;
  gboolean answered = FALSE;

  if (self->current_set != NULL && self->position < vv_exercise_set_get_n_exercises (self->current_set))
    answered = vv_exercise_set_get_answer (self->current_set, self->position) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.answer",
                                 self->current_set != NULL && in_quiz && !answered);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.next",
                                 self->current_set != NULL && in_quiz && answered);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.restart", self->current_set != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.export", self->current_set != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "training.export-results",
                                 self->current_set != NULL);
}

VvExerciseSet *
_vv_training_page_find_set (VvTrainingPage *self,
                            const char     *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sets));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VvExerciseSet) set = g_list_model_get_item (G_LIST_MODEL (self->sets), i);

      if (g_strcmp0 (vv_exercise_set_get_id (set), id) == 0)
        return set;
    }
  return NULL;
}

void
_vv_training_page_show_toast (VvTrainingPage *self,
                              const char     *title)
{
  /* Only the window shows toasts. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", title))
    g_debug ("%s", title);
}

void
_vv_training_page_set_position (VvTrainingPage *self,
                                guint           position)
{
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

void
_vv_training_page_set_current_set (VvTrainingPage *self,
                                   VvExerciseSet  *set)
{
  if (g_set_object (&self->current_set, set))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SET]);
}

static int
compare_names (const void *a,
               const void *b)
{
  /* the introductory course comes first, the rest by name */
  static const char *first = "grunnkurs-257-258.json";
  const char *name_a = *(char * const *) a;
  const char *name_b = *(char * const *) b;

  if (g_str_equal (name_a, first) != g_str_equal (name_b, first))
    return g_str_equal (name_a, first) ? -1 : 1;
  return g_strcmp0 (name_a, name_b);
}

static void
load_shipped_sets (VvTrainingPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  names = g_resources_enumerate_children (EXERCISES_RESOURCE_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                          &error);
  if (names == NULL)
    {
      g_debug ("No shipped exercise sets: %s", error->message);
      return;
    }
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (EXERCISES_RESOURCE_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(VvExerciseSet) set = NULL;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes != NULL)
        set = vv_exercise_set_new_from_bytes (bytes, names[i], &error);
      if (set == NULL)
        {
          /* shipped data is checked by test-exercise-set, so this is a build bug */
          g_critical ("Shipped exercise set %s: %s", names[i], error->message);
          g_clear_error (&error);
          continue;
        }
      g_list_store_append (self->sets, set);
    }
}

static GtkWidget *
create_set_row (gpointer item,
                gpointer user_data)
{
  VvExerciseSet *set = item;
  g_autofree char *subtitle = NULL;
  const char *description = vv_exercise_set_get_description (set);
  guint n = vv_exercise_set_get_n_exercises (set);
  GtkWidget *row;

  /* TRANSLATORS: subtitle of an exercise set: number of exercises, then its description */
  subtitle = g_strdup_printf (ngettext ("%u exercise. %s", "%u exercises. %s", n), n,
                              description != NULL ? description : "");
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vv_exercise_set_get_title (set));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "training.start");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_string (vv_exercise_set_get_id (set)));
  return row;
}

static void
load_set_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;
  VvExerciseSet *set;

  set = vv_exercise_set_new_from_file (file, &error);
  if (set == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, set, g_object_unref);
}

/* callbacks */

static void
load_set_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (object);
  g_autoptr(VvExerciseSet) set = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) verify_error = NULL;
  g_autofree char *message = NULL;

  set = g_task_propagate_pointer (G_TASK (result), &error);
  if (set == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* TRANSLATORS: %s is the reason, naming the file and field */
      message = g_strdup_printf (_("Could not import the exercise set: %s"), error->message);
      _vv_training_page_show_toast (self, message);
      return;
    }

  vv_training_page_add_set (self, set);

  if (!vv_exercise_set_verify (set, vv_rules_get_default (), &verify_error))
    /* TRANSLATORS: an imported set's expected answer disagrees with the product's rules */
    message = g_strdup_printf (_("Imported, but check the answer key: %s"), verify_error->message);
  else
    /* TRANSLATORS: %s is the title of an exercise set */
    message = g_strdup_printf (_("Imported “%s”"), vv_exercise_set_get_title (set));
  _vv_training_page_show_toast (self, message);
}

typedef struct
{
  GFile  *file;
  GBytes *contents;
} SaveData;

static void
save_data_free (gpointer data)
{
  SaveData *save = data;

  g_clear_object (&save->file);
  g_clear_pointer (&save->contents, g_bytes_unref);
  g_free (save);
}

static void
save_results_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SaveData *save = task_data;
  g_autofree char *path = g_file_get_path (save->file);
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (save->contents, &size);

  if (!vv_export_write_atomic (path, data, size, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_results_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (object);
  SaveData *save = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* TRANSLATORS: %s is the reason, naming the file */
      message = g_strdup_printf (_("Could not export the results: %s"), error->message);
      g_signal_emit (self, signals[RESULTS_EXPORTED], 0, save->file, FALSE);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (save->file);

      /* TRANSLATORS: %s is a file name */
      message = g_strdup_printf (_("Results exported to “%s”"), name);
      g_signal_emit (self, signals[RESULTS_EXPORTED], 0, save->file, TRUE);
    }
  _vv_training_page_show_toast (self, message);
}

static void
on_import_dialog_response_cb (GtkNativeDialog *dialog,
                              int              response,
                              VvTrainingPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        vv_training_page_import_file (self, file);
    }
  g_clear_object (&self->dialog);
}

static void
on_export_dialog_response_cb (GtkNativeDialog *dialog,
                              int              response,
                              VvTrainingPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "training.export-results", "s", path);
    }
  g_clear_object (&self->dialog);
}

static void
training_export_results_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *save;
  char *contents;

  if (self->current_set == NULL || *path == '\0')
    return;

  /* no identity number leaves the app in a participant's name or answer */
  if (!vv_exercise_set_check_privacy (self->current_set, &error))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is the reason, naming the file */
      message = g_strdup_printf (_("Could not export the results: %s"), error->message);
      g_signal_emit (self, signals[RESULTS_EXPORTED], 0, file, FALSE);
      _vv_training_page_show_toast (self, message);
      return;
    }

  /* The text is made here, from the answers as they are now; only the
   * writing happens in the worker thread. */
  if (g_str_has_suffix (path, ".json"))
    {
      g_autoptr(JsonNode) root = vv_exercise_set_results_to_json (self->current_set);

      contents = json_to_string (root, TRUE);
    }
  else
    contents = vv_exercise_set_results_to_csv (self->current_set);

  save = g_new0 (SaveData, 1);
  save->file = g_file_new_for_path (path);
  save->contents = g_bytes_new_take (contents, strlen (contents));

  task = g_task_new (self, self->cancellable, save_results_cb, NULL);
  g_task_set_source_tag (task, training_export_results_cb);
  g_task_set_task_data (task, save, save_data_free);
  g_task_run_in_thread (task, save_results_thread);
}

static void
training_export_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;

  if (self->current_set == NULL || self->dialog != NULL)
    return;

  gtk_file_filter_set_name (csv, _("CSV (spreadsheet)"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_set_name (json, _("JSON"));
  gtk_file_filter_add_pattern (json, "*.json");

  self->dialog = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Export Results"),
                                                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                 _("_Export"), _("_Cancel")));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->dialog), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->dialog), json);
  /* TRANSLATORS: default file name of exported training results; %s is the set id */
  stem = vv_exercise_set_dup_file_stem (self->current_set);
  name = g_strdup_printf (_("results-%s.csv"), stem);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->dialog), name);
  gtk_native_dialog_set_modal (self->dialog, TRUE);
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_export_dialog_response_cb), self);
  gtk_native_dialog_show (self->dialog);
}

static void
training_import_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->dialog != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Exercise sets (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");

  self->dialog = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Import Exercise Set"),
                                                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                 GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                 _("_Import"), _("_Cancel")));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->dialog), filter);
  gtk_native_dialog_set_modal (self->dialog, TRUE);
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_import_dialog_response_cb), self);
  gtk_native_dialog_show (self->dialog);
}

/* Sets the quiz column for the question's font: on the frame after the one
 * drawn with that font, as resizing while drawing is not allowed. */
static gboolean
update_quiz_column_cb (GtkWidget     *widget,
                       GdkFrameClock *frame_clock,
                       gpointer       user_data)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);
  GtkWidget *column = adw_clamp_get_child (self->quiz_clamp);
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->question_label));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics);
  int width = QUIZ_LINE_CHARS * char_width / PANGO_SCALE +
              gtk_widget_get_margin_start (column) + gtk_widget_get_margin_end (column);

  pango_font_metrics_unref (metrics);
  self->quiz_column_tick = 0;
  self->quiz_font_hash = pango_font_description_hash (pango_context_get_font_description (context));
  adw_clamp_set_maximum_size (self->quiz_clamp, MAX (QUIZ_COLUMN_WIDTH, width));
  return G_SOURCE_REMOVE;
}

/* In presentation mode's large type, at a large text size, an answer is
 * wider than a phone: the answers' labels wrap, breaking a long word if
 * they must. */
static void
wrap_answer_labels (VvTrainingPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->answer_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *label = GTK_IS_BUTTON (button) ? gtk_button_get_child (GTK_BUTTON (button)) : NULL;

      if (!GTK_IS_LABEL (label))
        continue;
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
    }
}

/* overrides */

/* The question's font changes with presentation mode and the text size
 * preference. The page learns it first when it is drawn with it (AdwBin
 * lays out through its layout manager, and a parent's style may stay the
 * same); the column then follows on the next frame. */
static void
vv_training_page_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (widget);
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->question_label));
  guint font_hash = pango_font_description_hash (pango_context_get_font_description (context));

  GTK_WIDGET_CLASS (vv_training_page_parent_class)->snapshot (widget, snapshot);
  if (font_hash != self->quiz_font_hash && self->quiz_column_tick == 0)
    self->quiz_column_tick = gtk_widget_add_tick_callback (widget, update_quiz_column_cb,
                                                           NULL, NULL);
}

static void
vv_training_page_dispose (GObject *object)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (object);

  if (self->quiz_column_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->quiz_column_tick);
  self->quiz_column_tick = 0;
  g_clear_object (&self->context);

  g_cancellable_cancel (self->cancellable);
  if (self->dialog != NULL)
    gtk_native_dialog_destroy (self->dialog);
  g_clear_object (&self->dialog);
  /* No gtk_widget_dispose_template(): the stack is AdwBin's child and
   * AdwBin's dispose unparents it, which disposes the whole template tree. */

  G_OBJECT_CLASS (vv_training_page_parent_class)->dispose (object);
}

static void
vv_training_page_finalize (GObject *object)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (object);

  g_clear_object (&self->sets);
  g_clear_object (&self->current_set);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vv_training_page_parent_class)->finalize (object);
}

static void
vv_training_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      vv_training_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_training_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VvTrainingPage *self = VV_TRAINING_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, vv_training_page_get_context (self));
      break;
    case PROP_CURRENT_SET:
      g_value_set_object (value, vv_training_page_get_current_set (self));
      break;

    case PROP_POSITION:
      g_value_set_uint (value, vv_training_page_get_position (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_training_page_class_init (VvTrainingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_training_page_dispose;
  object_class->finalize = vv_training_page_finalize;
  object_class->get_property = vv_training_page_get_property;
  object_class->set_property = vv_training_page_set_property;
  widget_class->snapshot = vv_training_page_snapshot;

  properties[PROP_CURRENT_SET] =
    g_param_spec_object ("current-set", NULL, NULL,
                         VV_TYPE_EXERCISE_SET,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /**
   * VvTrainingPage:context:
   *
   * What the pages share, bound from the window.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VvTrainingPage::results-exported:
   * @self: the page
   * @file: the file written
   * @success: whether it was written
   *
   * Emitted when `training.export-results` has finished.
   */
  signals[RESULTS_EXPORTED] =
    g_signal_new ("results-exported",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-training-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, answer_box);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, citations_list);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, exercise_title_label);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, feedback_box);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, participant_row);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, quiz_clamp);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, score_label);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, set_title_label);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, sets_list);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, summary_list);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, summary_page);
  gtk_widget_class_bind_template_child (widget_class, VvTrainingPage, verdict_label);

  _vv_training_page_class_quiz_init (klass);
  gtk_widget_class_install_action (widget_class, "training.export-results", "s",
                                   training_export_results_cb);
  gtk_widget_class_install_action (widget_class, "training.export", NULL, training_export_cb);
  gtk_widget_class_install_action (widget_class, "training.import", NULL, training_import_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "training.next", NULL);
}

static void
vv_training_page_init (VvTrainingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wrap_answer_labels (self);

  self->cancellable = g_cancellable_new ();
  self->sets = g_list_store_new (VV_TYPE_EXERCISE_SET);
  gtk_list_box_bind_model (self->sets_list, G_LIST_MODEL (self->sets), create_set_row, self, NULL);
  load_shipped_sets (self);
  gtk_stack_set_visible_child_name (self->stack, "sets");
  _vv_training_page_update_actions (self);
}

/* public API */

GtkWidget *
vv_training_page_new (void)
{
  return g_object_new (VV_TYPE_TRAINING_PAGE, NULL);
}

GListModel *
vv_training_page_get_sets (VvTrainingPage *self)
{
  g_return_val_if_fail (VV_IS_TRAINING_PAGE (self), NULL);
  return G_LIST_MODEL (self->sets);
}

VvExerciseSet *
vv_training_page_get_current_set (VvTrainingPage *self)
{
  g_return_val_if_fail (VV_IS_TRAINING_PAGE (self), NULL);
  return self->current_set;
}

guint
vv_training_page_get_position (VvTrainingPage *self)
{
  g_return_val_if_fail (VV_IS_TRAINING_PAGE (self), 0);
  return self->position;
}

/**
 * vv_training_page_add_set:
 * @self: a #VvTrainingPage
 * @set: an exercise set
 *
 * Adds a set to the list (an imported one). A set whose id is already used
 * replaces the earlier set with that id unless that one is being run.
 *
 * Returns: %TRUE if the set was added
 */
gboolean
vv_training_page_add_set (VvTrainingPage *self,
                          VvExerciseSet  *set)
{
  VvExerciseSet *existing;
  guint position;

  g_return_val_if_fail (VV_IS_TRAINING_PAGE (self), FALSE);
  g_return_val_if_fail (VV_IS_EXERCISE_SET (set), FALSE);

  existing = _vv_training_page_find_set (self, vv_exercise_set_get_id (set));
  if (existing == set)
    return FALSE;
  if (existing != NULL && existing != self->current_set &&
      g_list_store_find (self->sets, existing, &position))
    {
      g_list_store_splice (self->sets, position, 1, (gpointer *) &set, 1);
      return TRUE;
    }
  if (existing != NULL)
    return FALSE;
  g_list_store_append (self->sets, set);
  return TRUE;
}

/**
 * vv_training_page_import_file:
 * @self: a #VvTrainingPage
 * @file: a `veiviser-exercises/1` file
 *
 * Reads the set in a worker thread and adds it; the outcome is shown in a
 * toast (errors name the file and the field).
 */
void
vv_training_page_import_file (VvTrainingPage *self,
                              GFile          *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VV_IS_TRAINING_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, load_set_cb, NULL);
  g_task_set_source_tag (task, vv_training_page_import_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_set_thread);
}

/**
 * vv_training_page_get_context:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the context
 */
VvContext *
vv_training_page_get_context (VvTrainingPage *self)
{
  g_return_val_if_fail (VV_IS_TRAINING_PAGE (self), NULL);

  return self->context;
}

/**
 * vv_training_page_set_context:
 * @self: the page
 * @context: (nullable): the context
 */
void
vv_training_page_set_context (VvTrainingPage *self,
                             VvContext *context)
{
  g_return_if_fail (VV_IS_TRAINING_PAGE (self));
  g_return_if_fail (context == NULL || VV_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
