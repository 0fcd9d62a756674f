/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-journey"

/*
 * A new user's first session, in one language (--language=nb or nn), in the
 * real application window: classify a case with the guide and read why,
 * save it and find it among the cases, export the decision report as PDF,
 * import the real KOSTRA file and the sample CSV ledger, see the split and
 * the findings, and export the split as PDF. Every step asserts text in the
 * chosen language, some of it spelled out below so that a catalogue that
 * falls back to English (or to the other language) fails the test.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "test-ui-util.h"
#include "vv-application.h"
#include "vv-case-item.h"
#include "vv-guide-page.h"
#include "vv-i18n.h"
#include "vv-ledger-page.h"
#include "vv-rules.h"
#include "vv-split.h"
#include "vv-window.h"

typedef struct
{
  const char *language;
  const char *guide_page;       /* the switcher's titles */
  const char *ledger_page;
  const char *guidance_heading; /* the result card's heading of the quotes */
  const char *case_saved;       /* the toast */
  const char *function_257;     /* the result card's name of 257 */
} Language;

static const Language languages[] = {
  { "nb", "Veiviser", "Regnskap", "Hva veilederen sier", "Saken er lagret",
    "Hjemmetjenester – personellbase knyttet til bofellesskap/samlokaliserte omsorgsboliger" },
  { "nn", "Vegvisar", "Rekneskap", "Kva rettleiaren seier", "Saka er lagra",
    "Heimetenester – personellbase knytt til bufellesskap eller samlokaliserte omsorgsbustader" },
};

static const Language *lang;
static VvApplication *app;
static VvWindow *window;

/* helpers */

static void
on_string_pair_cb (GObject    *object,
                   const char *path,
                   const char *message,
                   char      **out)
{
  g_free (*out);
  *out = g_strdup (path != NULL ? path : "");
}

static void
wait_for_string (char **out)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (*out == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The text of a PDF as one line, by pdftotext (poppler-utils, installed by .ci/install-deps). */
static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (pdftotext == NULL)
    g_error ("pdftotext is missing: run .ci/install-deps (poppler-utils)");
  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                 NULL, &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  /* Lines wrap where the layout put them: one line, single spaces. */
  g_strdelimit (out, "\n\f", ' ');
  return out;
}

/* A string of the app's catalogue: translated, so not the English msgid. */
static const char *
translated (const char *msgid)
{
  const char *text = g_dgettext (GETTEXT_PACKAGE, msgid);

  g_assert_cmpstr (text, !=, msgid);
  return text;
}

static void
answer (VvGuidePage *guide,
        const char  *fact_value)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guide), "guide.answer", "s", fact_value));
  vv_test_spin ();
}

typedef struct
{
  GtkWidget  *window;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *w = data;

  return vv_test_find_by_label (w->window, GTK_TYPE_LABEL, w->text) != NULL;
}

/* tests */

static void
test_pages_in_language (void)
{
  AdwViewStack *stack = vv_window_get_view_stack (window);
  AdwViewStackPage *page;

  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "guide"));
  g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, lang->guide_page);
  page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "ledger"));
  g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, lang->ledger_page);
}

/* Shared housing with its own staff base: 257, and why not 258; then the
 * staff turn out to work a full shared rota: 258. */
static void
test_classify_and_save (void)
{
  VvGuidePage *guide = VV_GUIDE_PAGE (vv_window_get_page (window, "guide"));
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(GError) error = NULL;
  VvCaseStore *store;
  const VvResult *result;
  const VvNode *outcome;
  const VvWhyNot *why_not;
  GtkWidget *cases_page;
  LabelWait saved_toast;
  guint before;

  store = vv_context_get_case_store (vv_application_get_context (app), &error);
  g_assert_no_error (error);
  cases = vv_case_store_list (store, NULL, 0, NULL, &error);
  g_assert_no_error (error);
  before = g_list_model_get_n_items (cases);

  vv_window_set_visible_page (window, "guide");
  vv_guide_page_set_year (guide, 2024);
  vv_test_spin ();
  answer (guide, "item=care_service");
  answer (guide, "municipal_responsibility=true");
  answer (guide, "residence=shared_housing");
  answer (guide, "provider=attached_base");
  answer (guide, "user_age=52");
  answer (guide, "single_user_base=false");
  answer (guide, "shared_rota=false");
  g_assert_true (vv_guide_page_get_finished (guide));

  /* All of it on 257: read why, and why not 258. */
  result = vv_guide_page_get_result (guide);
  g_assert_cmpuint (result->allocations->len, ==, 1);
  g_assert_cmpstr (g_array_index (result->allocations, VvAllocation, 0).function, ==, "257");
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (window), GTK_TYPE_LABEL, lang->function_257));
  outcome = vv_rules_lookup_node (vv_rules_get_default (), result->outcome_node);
  g_assert_nonnull (outcome);
  g_assert_cmpstr (result->explanation, ==, translated (outcome->explanation));
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (window), GTK_TYPE_LABEL, result->explanation));
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (window), GTK_TYPE_LABEL, lang->guidance_heading));
  g_assert_cmpuint (result->why_not->len, ==, 1);
  why_not = g_ptr_array_index (result->why_not, 0);
  g_assert_cmpstr (why_not->function, ==, "258");
  g_assert_nonnull (vv_test_find_by_label_part (GTK_WIDGET (window), GTK_TYPE_LABEL, why_not->because));

  /* Everyone works a full shared rota with the ambulant service after all:
   * only that answer changes, and it all goes on 258 (with advice). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guide), "guide.edit", "s", "q-shared-rota"));
  vv_test_spin ();
  answer (guide, "shared_rota=true");
  g_assert_true (vv_guide_page_get_finished (guide));
  result = vv_guide_page_get_result (guide);
  g_assert_cmpuint (result->allocations->len, ==, 1);
  g_assert_cmpstr (g_array_index (result->allocations, VvAllocation, 0).function, ==, "258");
  g_assert_cmpuint (result->advice->len, >=, 1);
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (window), GTK_TYPE_LABEL, result->explanation));

  /* Save it: the toast says so, and it is listed among the cases. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guide), "guide.save-case", NULL));
  /* saved in a worker thread */
  saved_toast.window = GTK_WIDGET (window);
  saved_toast.text = lang->case_saved;
  g_assert_true (vv_test_wait_for (label_shown, &saved_toast, 20000));
  g_clear_object (&cases);
  cases = vv_case_store_list (store, NULL, 2024, "258", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cases), >=, 1);
  {
    g_autoptr(GListModel) all = vv_case_store_list (store, NULL, 0, NULL, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (all), ==, before + 1);
  }

  vv_window_set_visible_page (window, "cases");
  vv_test_spin ();
  cases_page = vv_window_get_page (window, "cases");
  {
    g_autofree char *summary = vv_result_summary ((VvResult *) result);

    /* The newest case is on top, titled with the result. */
    g_assert_nonnull (vv_test_find_by_label_part (cases_page, GTK_TYPE_LABEL, summary));
  }
}

static void
test_decision_report_pdf (void)
{
  VvGuidePage *guide = VV_GUIDE_PAGE (vv_window_get_page (window, "guide"));
  g_autofree char *path = g_build_filename (vv_test_data_home (), "decision.pdf", NULL);
  g_autofree char *written = NULL;
  g_autofree char *text = NULL;
  gulong id;

  vv_window_set_visible_page (window, "guide");
  vv_test_spin ();
  id = g_signal_connect (guide, "report-written", G_CALLBACK (on_string_pair_cb), &written);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guide), "guide.export-pdf-to", "s", path));
  wait_for_string (&written);
  g_signal_handler_disconnect (guide, id);
  g_assert_cmpstr (written, ==, path);

  text = pdf_text (path);
  g_assert_nonnull (strstr (text, translated ("Decision report")));
  g_assert_nonnull (strstr (text, lang->guidance_heading));
  g_assert_nonnull (strstr (text, translated ("Answers")));
  g_assert_nonnull (strstr (text, translated ("Advice")));
  g_assert_nonnull (strstr (text, "258"));
  g_unlink (path);
}

static void
test_kostra_file (void)
{
  VvLedgerPage *ledger = VV_LEDGER_PAGE (vv_window_get_page (window, "ledger"));
  g_autofree char *kostra = g_build_filename (g_getenv ("VEIVISER_SHARED_DIR"), "data",
                                              "0A_V2019_K4_R040200_OK.dat", NULL);
  const VvFunction *f254 = vv_rules_lookup_function (vv_rules_get_default (), "254");
  GtkWidget *row;

  vv_ledger_page_import (ledger, kostra, NULL, NULL);
  vv_test_wait_not_busy (ledger, 60000);
  /* The known totals of the file: 241 089 and 168 496 thousand kroner. */
  g_assert_cmpint (vv_split_get_booked (vv_ledger_page_get_split (ledger), 254), ==,
                   G_GINT64_CONSTANT (24108900000));
  g_assert_cmpint (vv_split_get_booked (vv_ledger_page_get_split (ledger), 253), ==,
                   G_GINT64_CONSTANT (16849600000));
  g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (ledger), GTK_TYPE_LABEL, "241 089 000,00 kr"));
  row = vv_test_find_by_label (GTK_WIDGET (ledger), GTK_TYPE_LABEL, translated (f254->name));
  g_assert_nonnull (row);
}

/* The split and every finding on the ledger page are what the command line
 * gives for the sample CSV ledger (tests/ledger/sample-2024.csv with its
 * units register), in the same language. */
static void
assert_sample_split_shown (VvLedgerPage *ledger)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2024.csv", NULL);
  g_autofree char *units = g_test_build_filename (G_TEST_DIST, "ledger", "sample-units.csv", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  VvSplit *split = vv_ledger_page_get_split (ledger);
  JsonObject *root, *home;
  JsonArray *findings;
  GPtrArray *shown;
  int status = 0;
  const char *argv[] = { g_getenv ("VEIVISER_CLI"), "split", csv, "--units", units, "--json",
                         "--lang", lang->language, NULL };

  g_assert_nonnull (split);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  home = json_object_get_object_member (root, "home_services");
  g_assert_cmpint (vv_split_get_home_257 (split), ==, json_object_get_int_member (home, "257"));
  g_assert_cmpint (vv_split_get_home_258 (split), ==, json_object_get_int_member (home, "258"));
  g_assert_cmpint (vv_split_get_home_unassigned (split), ==,
                   json_object_get_int_member (home, "unassigned"));
  g_assert_cmpint (vv_split_get_home_257 (split), >, 0);

  findings = json_object_get_array_member (root, "findings");
  shown = vv_split_get_findings (split);
  g_assert_cmpuint (shown->len, ==, json_array_get_length (findings));
  g_assert_cmpuint (shown->len, >, 0);
  for (guint i = 0; i < shown->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (shown, i);
      JsonObject *expected = json_array_get_object_element (findings, i);

      g_assert_cmpstr (f->message, ==, json_object_get_string_member (expected, "message"));
      g_assert_nonnull (vv_test_find_by_label (GTK_WIDGET (ledger), GTK_TYPE_LABEL, f->message));
    }
}

/* The first start shows the sample ledger. */
static void
test_first_start_sample (void)
{
  VvLedgerPage *ledger = VV_LEDGER_PAGE (vv_window_get_page (window, "ledger"));

  vv_window_set_visible_page (window, "ledger");
  vv_test_wait_not_busy (ledger, 60000);
  assert_sample_split_shown (ledger);
  g_assert_true (vv_ledger_session_get_sample (vv_ledger_page_get_session (ledger)));
}

/* Importing the sample CSV ledger by hand after the KOSTRA file: the sample
 * shown at the first start lives in a database of its own, so this is the
 * user's first import of those bytes, split by the units file given. */
static void
test_sample_again (void)
{
  VvLedgerPage *ledger = VV_LEDGER_PAGE (vv_window_get_page (window, "ledger"));
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2024.csv", NULL);
  g_autofree char *units = g_test_build_filename (G_TEST_DIST, "ledger", "sample-units.csv", NULL);
  VvLedgerSession *session = vv_ledger_page_get_session (ledger);

  g_assert_false (vv_ledger_session_get_sample (session));
  vv_ledger_page_import (ledger, csv, units, NULL);
  vv_test_wait_not_busy (ledger, 60000);
  g_assert_false (vv_ledger_session_get_sample (session));
  g_assert_cmpint (vv_ledger_page_get_import_id (ledger), >, 0);
  assert_sample_split_shown (ledger);
}

static void
test_split_pdf (void)
{
  VvLedgerPage *ledger = VV_LEDGER_PAGE (vv_window_get_page (window, "ledger"));
  VvSplit *split = vv_ledger_page_get_split (ledger);
  g_autofree char *pdf = g_build_filename (vv_test_data_home (), "split.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autofree char *written = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  gulong id;

  id = g_signal_connect (ledger, "exported", G_CALLBACK (on_string_pair_cb), &written);
  vv_ledger_page_export_pdf (ledger, pdf_file);
  wait_for_string (&written);
  g_signal_handler_disconnect (ledger, id);
  g_assert_cmpstr (written, ==, pdf);
  text = pdf_text (pdf);
  translated ("Home services %d: the 257/258 split");
  title = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Home services %d: the 257/258 split"),
                           vv_split_get_year (split));
  if (strstr (text, title) == NULL)
    g_test_message ("“%s” is not in the report:\n%s", title, text);
  g_assert_nonnull (strstr (text, title));
  g_unlink (pdf);
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
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].language, vv_i18n_get_language ()))
      lang = &languages[i];
  g_assert_nonnull (lang);

  window = vv_test_app_window_new (&app, 1200, 800);

  g_test_add_func ("/journey/pages", test_pages_in_language);
  g_test_add_func ("/journey/classify-and-save", test_classify_and_save);
  g_test_add_func ("/journey/decision-report-pdf", test_decision_report_pdf);
  g_test_add_func ("/journey/first-start-sample", test_first_start_sample);
  g_test_add_func ("/journey/kostra-file", test_kostra_file);
  g_test_add_func ("/journey/sample-again", test_sample_again);
  g_test_add_func ("/journey/split-pdf", test_split_pdf);
  ret = g_test_run ();

  vv_test_app_window_destroy (window, &app);
  return vv_test_ui_finish (ret);
}
