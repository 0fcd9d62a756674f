/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-training"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-ui-util.h"
#include "vv-exercise-set.h"
#include "vv-i18n.h"
#include "vv-rules.h"
#include "vv-training-page.h"
#include "vv-window.h"

#define SHIPPED_SET "avlastning"

/* helpers */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *counter)
{
  (*counter)++;
}

static void
results_exported_cb (VvTrainingPage *page,
                     GFile          *file,
                     gboolean        success,
                     guint          *counter)
{
  g_assert_true (success);
  (*counter)++;
}

static gboolean
counter_reached_cb (gpointer data)
{
  guint *counter = data;

  return counter[0] >= counter[1];
}

static char *
right_answer (const VvExercise *exercise)
{
  if (g_str_equal (exercise->outcome, "outside_kostra"))
    return g_strdup ("outside_kostra");
  if (g_str_equal (exercise->outcome, "split"))
    return g_strdup ("split");
  return g_strdup (g_array_index (exercise->allocations, VvAllocation, 0).function);
}

static const char *
wrong_answer (const VvExercise *exercise)
{
  if (exercise->allocations->len == 1 &&
      g_str_equal (g_array_index (exercise->allocations, VvAllocation, 0).function, "840"))
    return "234";
  return "840";
}

static GtkWindow *
window_with_page (VvTrainingPage **page)
{
  VvWindow *window = vv_window_new (NULL, NULL);

  /* In the window, which shows the page's toasts. */
  vv_window_set_visible_page (window, "training");
  *page = VV_TRAINING_PAGE (vv_window_get_page (window, "training"));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_present (GTK_WINDOW (window));
  vv_test_spin ();
  return GTK_WINDOW (window);
}

static void
assert_score_label (VvTrainingPage *page,
                    guint           correct,
                    guint           answered)
{
  g_autofree char *expected = g_strdup_printf (_("%u of %u correct"), correct, answered);

  if (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, expected) == NULL)
    g_test_message ("no label “%s”", expected);
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, expected));
}

static AdwEntryRow *
find_entry_row (GtkWidget *root)
{
  if (ADW_IS_ENTRY_ROW (root))
    return ADW_ENTRY_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwEntryRow *found = find_entry_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Collects the shown images whose tooltip is @verdict (the summary marks). */
static void
collect_marks (GtkWidget  *root,
               const char *verdict,
               GPtrArray  *out)
{
  if (GTK_IS_IMAGE (root) && vv_test_is_shown (root) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (root), verdict) == 0)
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_marks (child, verdict, out);
}

/* tests */

static void
test_shipped_sets (void)
{
  VvTrainingPage *page;
  GtkWindow *window = window_with_page (&page);
  GListModel *sets = vv_training_page_get_sets (page);
  guint total = 0;

  g_assert_cmpuint (g_list_model_get_n_items (sets), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (sets); i++)
    {
      g_autoptr(VvExerciseSet) set = g_list_model_get_item (sets, i);

      total += vv_exercise_set_get_n_exercises (set);
      /* each set is listed with its title */
      g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, vv_exercise_set_get_title (set)));
    }
  g_assert_cmpuint (total, >=, 20);
  g_assert_null (vv_training_page_get_current_set (page));

  gtk_window_destroy (window);
}

static void
test_run_set (void)
{
  VvTrainingPage *page;
  GtkWindow *window = window_with_page (&page);
  VvRules *rules = vv_rules_get_default ();
  g_autofree char *tmpdir = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *sum_row = NULL;
  g_autoptr(GError) error = NULL;
  VvExerciseSet *set;
  guint correct = 0;
  guint n;
  guint position_notified = 0;
  guint set_notified = 0;
  guint exported[2] = { 0, 0 };

  g_signal_connect (page, "notify::position", G_CALLBACK (count_notify_cb), &position_notified);
  g_signal_connect (page, "notify::current-set", G_CALLBACK (count_notify_cb), &set_notified);

  /* the participant, typed as a trainer would; it starts like a formula */
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (page))), "=Kari");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.start", "s", SHIPPED_SET));
  vv_test_spin ();
  set = vv_training_page_get_current_set (page);
  g_assert_nonnull (set);
  g_assert_cmpstr (vv_exercise_set_get_id (set), ==, SHIPPED_SET);
  g_assert_cmpuint (vv_training_page_get_position (page), ==, 0);
  n = vv_exercise_set_get_n_exercises (set);
  g_assert_cmpuint (n, >=, 5);
  assert_score_label (page, 0, 0);
  g_assert_cmpuint (set_notified, ==, 1);
  g_assert_cmpuint (position_notified, ==, 0);

  for (guint i = 0; i < n; i++)
    {
      const VvExercise *exercise = vv_exercise_set_get_exercise (set, i);
      g_autofree char *right = right_answer (exercise);
      gboolean answer_right = i % 3 != 1;
      const VvCitation *citation;

      g_assert_cmpuint (vv_training_page_get_position (page), ==, i);
      g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, vv_exercise_get_question (exercise)));

      /* next is not possible before answering */
      gtk_widget_activate_action (GTK_WIDGET (page), "training.next", NULL);
      g_assert_cmpuint (vv_training_page_get_position (page), ==, i);

      gtk_widget_activate_action (GTK_WIDGET (page), "training.answer", "s",
                                  answer_right ? right : wrong_answer (exercise));
      vv_test_spin ();
      if (answer_right)
        correct++;
      assert_score_label (page, correct, i + 1);

      /* a second answer to the same exercise is not taken */
      gtk_widget_activate_action (GTK_WIDGET (page), "training.answer", "s",
                                  answer_right ? wrong_answer (exercise) : right);
      vv_test_spin ();
      assert_score_label (page, correct, i + 1);
      g_assert_cmpint (vv_exercise_set_get_answer (set, i)->correct, ==, answer_right);

      /* the explanation quotes the paragraph the answer rests on */
      g_assert_cmpuint (exercise->rules->len, >, 0);
      citation = vv_rules_lookup_citation (rules, g_ptr_array_index (exercise->rules, 0));
      g_assert_nonnull (citation);
      if (vv_test_find_by_label_part (GTK_WIDGET (page), GTK_TYPE_LABEL, citation->source) == NULL)
        g_test_message ("exercise %s: no citation “%s” shown", exercise->id, citation->source);
      g_assert_nonnull (vv_test_find_by_label_part (GTK_WIDGET (page), GTK_TYPE_LABEL, citation->source));
      /* the seed's file name is for exports, not for people */
      g_assert_null (vv_test_find_by_label_part (GTK_WIDGET (page), GTK_TYPE_LABEL,
                                                 citation->document));

      gtk_widget_activate_action (GTK_WIDGET (page), "training.next", NULL);
      vv_test_spin ();
    }

  /* the summary */
  summary = g_strdup_printf (_("%u of %u correct (%u %%)"), correct, n, (correct * 100 + n / 2) / n);
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, summary));
  g_assert_cmpuint (vv_exercise_set_get_score (set, NULL), ==, correct);
  {
    g_autoptr(GPtrArray) right_marks = g_ptr_array_new ();
    g_autoptr(GPtrArray) wrong_marks = g_ptr_array_new ();

    /* one row per exercise, marked right or wrong, with an accessible name */
    collect_marks (GTK_WIDGET (page), _("Correct"), right_marks);
    collect_marks (GTK_WIDGET (page), _("Wrong"), wrong_marks);
    g_assert_cmpuint (right_marks->len, ==, correct);
    g_assert_cmpuint (wrong_marks->len, ==, n - correct);
    gtk_test_accessible_assert_property (g_ptr_array_index (wrong_marks, 0),
                                         GTK_ACCESSIBLE_PROPERTY_LABEL, _("Wrong"));
  }
  g_assert_cmpuint (correct, <, n);
  g_assert_cmpuint (correct, >, 0);
  g_assert_cmpuint (position_notified, ==, n - 1);
  g_assert_cmpuint (set_notified, ==, 1);

  /* export */
  tmpdir = g_dir_make_tmp ("vv-test-ui-training-XXXXXX", &error);
  g_assert_no_error (error);
  csv_path = g_build_filename (tmpdir, "results.csv", NULL);
  json_path = g_build_filename (tmpdir, "results.json", NULL);
  g_signal_connect (page, "results-exported", G_CALLBACK (results_exported_cb), &exported[0]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.export-results", "s",
                                             csv_path));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.export-results", "s",
                                             json_path));
  exported[1] = 2;
  g_assert_true (vv_test_wait_for (counter_reached_cb, exported, 10000));

  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "Deltaker;Oppgavesett;Oppgave;Tittel;Svar;Fasit;Riktig\r\n"));
  sum_row = g_strdup_printf ("\"'=Kari\";" SHIPPED_SET ";poengsum;;%u;%u;%u\r\n", n, n, correct);
  g_assert_true (g_str_has_suffix (csv, sum_row));
  g_assert_nonnull (strstr (csv, ";nei\r\n"));
  g_assert_nonnull (strstr (csv, ";ja\r\n"));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *score;

    g_assert_true (json_parser_load_from_file (parser, json_path, &error));
    g_assert_no_error (error);
    score = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                           "score");
    g_assert_cmpint (json_object_get_int_member (score, "correct"), ==, correct);
    g_assert_cmpint (json_object_get_int_member (score, "total"), ==, n);
  }
  g_unlink (csv_path);
  g_unlink (json_path);
  g_rmdir (tmpdir);

  /* try again starts over */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.restart", NULL));
  vv_test_spin ();
  g_assert_cmpuint (vv_training_page_get_position (page), ==, 0);
  g_assert_cmpuint (vv_exercise_set_get_score (set, NULL), ==, 0);
  assert_score_label (page, 0, 0);

  gtk_window_destroy (window);
}

/* Every shipped set, answered right throughout through the actions, ends in
 * a full score: each answer key is reachable with the page's answers. */
static void
test_all_sets_right (void)
{
  VvTrainingPage *page;
  GtkWindow *window = window_with_page (&page);
  GListModel *sets = vv_training_page_get_sets (page);
  guint total = 0;

  for (guint s = 0; s < g_list_model_get_n_items (sets); s++)
    {
      g_autoptr(VvExerciseSet) set = g_list_model_get_item (sets, s);
      guint n = vv_exercise_set_get_n_exercises (set);
      g_autofree char *summary = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.start", "s",
                                                 vv_exercise_set_get_id (set)));
      vv_test_spin ();
      g_assert_true (vv_training_page_get_current_set (page) == set);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *right = right_answer (vv_exercise_set_get_exercise (set, i));

          g_assert_cmpuint (vv_training_page_get_position (page), ==, i);
          gtk_widget_activate_action (GTK_WIDGET (page), "training.answer", "s", right);
          vv_test_spin ();
          assert_score_label (page, i + 1, i + 1);
          gtk_widget_activate_action (GTK_WIDGET (page), "training.next", NULL);
          vv_test_spin ();
        }
      summary = g_strdup_printf (_("%u of %u correct (%u %%)"), n, n, 100);
      g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, summary));
      g_assert_cmpuint (vv_exercise_set_get_score (set, NULL), ==, n);
      total += n;
      gtk_widget_activate_action (GTK_WIDGET (page), "training.back", NULL);
      vv_test_spin ();
    }
  g_assert_cmpuint (total, >=, 20);

  gtk_window_destroy (window);
}

static void
test_bad_answer (void)
{
  VvTrainingPage *page;
  GtkWindow *window = window_with_page (&page);
  VvExerciseSet *set;

  gtk_widget_activate_action (GTK_WIDGET (page), "training.start", "s", SHIPPED_SET);
  set = vv_training_page_get_current_set (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "training.answer", "s", "12345");
  vv_test_spin ();
  g_assert_null (vv_exercise_set_get_answer (set, 0));
  assert_score_label (page, 0, 0);

  /* an unknown set id changes nothing */
  gtk_widget_activate_action (GTK_WIDGET (page), "training.start", "s", "no-such-set");
  g_assert_true (vv_training_page_get_current_set (page) == set);

  gtk_window_destroy (window);
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountData;

static gboolean
count_reached_cb (gpointer data)
{
  CountData *c = data;

  return g_list_model_get_n_items (c->model) >= c->n;
}

static gboolean
label_shown_cb (gpointer data)
{
  gpointer *pair = data;

  return vv_test_find_by_label_part (pair[0], GTK_TYPE_LABEL, pair[1]) != NULL;
}

static void
test_import (void)
{
  const char *good =
    "{ \"format\": \"veiviser-exercises/1\", \"id\": \"kurs-test\", \"title\": \"Kommunens kurs\",\n"
    "  \"exercises\": [ { \"format\": \"veiviser-case/1\", \"title\": \"Omsorgsstønad\",\n"
    "    \"year\": 2024, \"facts\": { \"item\": \"care_allowance\" },\n"
    "    \"question\": \"Hvor føres omsorgsstønad?\",\n"
    "    \"expected\": { \"outcome\": \"function\",\n"
    "                  \"allocations\": [ { \"function\": \"258\", \"percent\": 100 } ],\n"
    "                  \"rules\": [ \"258-pt-2e\" ] } } ] }\n";
  const char *bad =
    "{\n"
    "  \"format\": \"veiviser-exercises/1\",\n"
    "  \"title\": \"x\",\n"
    "  \"exercises\": 3\n"
    "}\n";
  /* a single case with an expected result is a set of one exercise */
  const char *case_file =
    "{ \"format\": \"veiviser-case/1\", \"title\": \"Husvert i Omsorg+\", \"year\": 2024,\n"
    "  \"facts\": { \"item\": \"care_allowance\" },\n"
    "  \"expected\": { \"outcome\": \"function\",\n"
    "                \"allocations\": [ { \"function\": \"258\" } ] } }\n";
  VvTrainingPage *page;
  GtkWindow *window = window_with_page (&page);
  GListModel *sets = vv_training_page_get_sets (page);
  guint before = g_list_model_get_n_items (sets);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("vv-test-ui-import-XXXXXX", &error);
  g_autofree char *good_path = g_build_filename (tmpdir, "kurs.json", NULL);
  g_autofree char *bad_path = g_build_filename (tmpdir, "feil.json", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autofree char *case_path = g_build_filename (tmpdir, "sak.json", NULL);
  g_autoptr(GFile) case_gfile = g_file_new_for_path (case_path);
  CountData count = { sets, before + 1 };
  gpointer toast[2] = { window, (gpointer) "feil.json:4:" };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (good_path, good, -1, &error));
  g_assert_true (g_file_set_contents (bad_path, bad, -1, &error));

  vv_training_page_import_file (page, good_file);
  g_assert_true (vv_test_wait_for (count_reached_cb, &count, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.start", "s", "kurs-test"));
  g_assert_cmpstr (vv_exercise_set_get_id (vv_training_page_get_current_set (page)), ==,
                   "kurs-test");
  gtk_widget_activate_action (GTK_WIDGET (page), "training.answer", "s", "258");
  vv_test_spin ();
  assert_score_label (page, 1, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "training.back", NULL);

  /* a broken file is reported (naming the file and field) and not added */
  vv_training_page_import_file (page, bad_file);
  g_assert_true (vv_test_wait_for (label_shown_cb, toast, 10000));
  g_assert_nonnull (vv_test_find_by_label_part (GTK_WIDGET (window), GTK_TYPE_LABEL, "exercises"));
  g_assert_cmpuint (g_list_model_get_n_items (sets), ==, before + 1);

  /* a case file becomes a set of one, named after the file */
  g_assert_true (g_file_set_contents (case_path, case_file, -1, &error));
  count.n = before + 2;
  vv_training_page_import_file (page, case_gfile);
  g_assert_true (vv_test_wait_for (count_reached_cb, &count, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "training.start", "s", "sak"));
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, "Husvert i Omsorg+"));
  gtk_widget_activate_action (GTK_WIDGET (page), "training.answer", "s", "257");
  vv_test_spin ();
  assert_score_label (page, 0, 1);

  g_unlink (good_path);
  g_unlink (case_path);
  g_unlink (bad_path);
  g_rmdir (tmpdir);
  gtk_window_destroy (window);
  vv_test_spin ();
}

/* Runs in a child process started with vv_i18n_init ("nn"). */
static void
test_nynorsk_child (void)
{
  VvTrainingPage *page;
  GtkWindow *window;
  VvExerciseSet *set;
  const VvExercise *exercise;
  const char *heading = _("Training");

  if (!g_test_subprocess ())
    {
      g_test_skip ("runs only as the child of /training/nynorsk");
      return;
    }
  g_assert_cmpstr (vv_i18n_get_language (), ==, "nn");
  window = window_with_page (&page);

  /* the user interface strings go through gettext (po/nn.po) */
  if (g_str_equal (heading, "Training"))
    g_test_message ("po/nn.po has no translation of “Training” yet; checking the msgid");
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, heading));

  gtk_widget_activate_action (GTK_WIDGET (page), "training.start", "s", "grunnkurs-257-258");
  set = vv_training_page_get_current_set (page);
  g_assert_nonnull (set);
  exercise = vv_exercise_set_get_exercise (set, 0);

  /* the exercise texts are the nynorsk ones from the file */
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, exercise->question_nn));
  g_assert_nonnull (vv_test_find_by_label_part (GTK_WIDGET (page), GTK_TYPE_LABEL, "Kva funksjon"));
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, exercise->title_nn));
  g_assert_null (vv_test_find_by_label (GTK_WIDGET (page), GTK_TYPE_LABEL, exercise->question));

  gtk_widget_activate_action (GTK_WIDGET (page), "training.answer", "s", "257");
  vv_test_spin ();
  assert_score_label (page, 1, 1);

  gtk_window_destroy (window);
}

static void
test_nynorsk (void)
{
  g_test_trap_subprocess ("/training/nynorsk/subprocess", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  const char *lang = "nb";

  /* The child process of /training/nynorsk runs in nynorsk. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--GTestSubprocess"))
      lang = "nn";
  if (!vv_test_ui_init (&argc, &argv, lang))
    return 77;

  g_test_add_func ("/training/shipped-sets", test_shipped_sets);
  g_test_add_func ("/training/run-set", test_run_set);
  g_test_add_func ("/training/all-sets-right", test_all_sets_right);
  g_test_add_func ("/training/bad-answer", test_bad_answer);
  g_test_add_func ("/training/import", test_import);
  g_test_add_func ("/training/nynorsk", test_nynorsk);
  g_test_add_func ("/training/nynorsk/subprocess", test_nynorsk_child);

  return vv_test_ui_finish (g_test_run ());
}
