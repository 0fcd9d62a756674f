/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-present-narrow"

/*
 * Presentation mode at 360 px, in one language (--language=nb or nn): its
 * large type still fits. Every label shown, on every exercise of the quiz
 * (asked and answered) and on the guide's question and result, draws its
 * text within its own width: a word too long for a line ("Hjemmesykepleie"
 * in the quiz's title) is broken, not cut off at the window's edge.
 */

#include "config.h"

#include <adwaita.h>

#include "test-ui-util.h"
#include "vv-application.h"
#include "vv-context.h"
#include "vv-exercise-set.h"
#include "vv-guide-page.h"
#include "vv-training-page.h"
#include "vv-window.h"

#define NARROW   360
#define QUIZ_SET "grunnkurs-257-258"

static VvApplication *app;
static VvWindow *window;
static const double scales[] = { 1.0, 1.5 };

/* helpers */

/* Counts the shown labels under @widget and names each one whose text is
 * drawn beyond its own width (it is cut off there). */
static guint
check_labels (GtkWidget *widget,
              GString   *cut)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));
      PangoRectangle logical;
      int x, y, width = gtk_widget_get_width (widget);

      pango_layout_get_pixel_extents (layout, NULL, &logical);
      gtk_label_get_layout_offsets (GTK_LABEL (widget), &x, &y);
      n++;
      /* A pixel of rounding either way. */
      if (x + logical.x < -1 || x + logical.x + logical.width > width + 1)
        g_string_append_printf (cut, "  \"%s\": text %d..%d px, label %d px wide\n",
                                gtk_label_get_text (GTK_LABEL (widget)), x + logical.x,
                                x + logical.x + logical.width, width);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += check_labels (c, cut);
  return n;
}

/* The content's minimum width: a wider one holds the window wider than
 * the screen. */
static void
assert_content_fits (const char *what)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  int min;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > NARROW)
    {
      vv_test_report_wide (content, NARROW);
      g_error ("%s needs %d px, more than %d", what, min, NARROW);
    }
}

static void
assert_labels_fit (const char *what)
{
  g_autoptr(GString) cut = g_string_new (NULL);
  guint n;

  /* The frame clock lays out (and restyles) the window. */
  vv_test_settle (250);
  assert_content_fits (what);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, NARROW + 12);
  n = check_labels (GTK_WIDGET (window), cut);
  g_test_message ("%s: %u labels", what, n);
  g_assert_cmpuint (n, >, 0);
  if (cut->len > 0)
    g_error ("%s: cut off at the label's edge:\n%s", what, cut->str);
}

static void
set_presentation (gboolean presentation)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  vv_test_settle (600);
  g_assert_true (vv_window_get_presentation (window) == presentation);
  assert_content_fits (presentation ? "presentation mode" : "the window");
  /* Under Xvfb without a window manager the window keeps its size. */
  g_assert_true (vv_test_content_width_is (GTK_WINDOW (window), NARROW));
}

static char *
right_answer (const VvExercise *exercise)
{
  if (g_str_equal (exercise->outcome, "outside_kostra") || g_str_equal (exercise->outcome, "split"))
    return g_strdup (exercise->outcome);
  return g_strdup (g_array_index (exercise->allocations, VvAllocation, 0).function);
}

/* tests */

static void
set_font_scale (double scale)
{
  GSettings *settings = vv_context_get_settings (vv_application_get_context (app));

  g_assert_nonnull (settings);
  g_settings_set_double (settings, "font-scale", scale);
  vv_test_spin ();
}

/* Every exercise of the quiz, asked and answered, in presentation's type. */
static void
test_quiz (gconstpointer data)
{
  VvTrainingPage *page;
  VvExerciseSet *set;
  guint n;

  vv_window_set_visible_page (window, "training");
  page = VV_TRAINING_PAGE (vv_window_get_page (window, "training"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.start", "s", QUIZ_SET));
  vv_test_spin ();
  set = vv_training_page_get_current_set (page);
  g_assert_nonnull (set);
  n = vv_exercise_set_get_n_exercises (set);
  set_font_scale (*(const double *) data);
  set_presentation (TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *right = right_answer (vv_exercise_set_get_exercise (set, i));
      g_autofree char *asked = g_strdup_printf ("exercise %u of %u, asked", i + 1, n);
      g_autofree char *answered = g_strdup_printf ("exercise %u of %u, answered", i + 1, n);

      g_assert_cmpuint (vv_training_page_get_position (page), ==, i);
      assert_labels_fit (asked);
      if (i == 1)
        vv_test_save_screenshot (GTK_WIDGET (window), "presentation-quiz-360");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.answer", "s",
                                                 right));
      assert_labels_fit (answered);
      gtk_widget_activate_action (GTK_WIDGET (page), "training.next", NULL);
      vv_test_spin ();
    }
  set_presentation (FALSE);
  set_font_scale (1.0);
  gtk_widget_activate_action (GTK_WIDGET (page), "training.back", NULL);
  vv_test_spin ();
}

/* The guide's questions on the way to a result, and the result. */
static void
test_guide (gconstpointer data)
{
  GtkWidget *guide = vv_test_answer_guide_case (window, 0);

  set_font_scale (*(const double *) data);
  set_presentation (TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (vv_test_guide_answers); i++)
    {
      g_autofree char *what = g_strdup_printf ("the guide's question %u", i + 1);

      assert_labels_fit (what);
      g_assert_true (gtk_widget_activate_action (guide, "guide.answer", "s",
                                                 vv_test_guide_answers[i]));
    }
  g_assert_true (vv_guide_page_get_finished (VV_GUIDE_PAGE (guide)));
  assert_labels_fit ("the guide's result");
  set_presentation (FALSE);
  set_font_scale (1.0);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Bokmål unless --language says otherwise. */
  g_setenv ("LANGUAGE", "nb", TRUE);
  if (!vv_test_ui_init (&argc, &argv, NULL))
    return 77;

  window = vv_test_app_window_new (&app, NARROW, 760);
  vv_test_resize (GTK_WINDOW (window), NARROW, 760);

  /* The preferences' text size scales presentation's type (75 to 300 %). */
  g_test_add_data_func ("/present-narrow/quiz/100", &scales[0], test_quiz);
  g_test_add_data_func ("/present-narrow/quiz/150", &scales[1], test_quiz);
  g_test_add_data_func ("/present-narrow/guide/100", &scales[0], test_guide);
  g_test_add_data_func ("/present-narrow/guide/150", &scales[1], test_guide);
  ret = g_test_run ();

  vv_test_app_window_destroy (window, &app);
  return vv_test_ui_finish (ret);
}
