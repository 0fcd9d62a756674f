/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-shell"

/*
 * The application as people meet it, in one language (--language=nb or nn):
 * plain words (no internal codes, file names or English), the keyboard,
 * presentation mode, what users expect to find (icons, files dropped or
 * opened, text size) and the narrow layout.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "test-ui-util.h"
#include "vv-application.h"
#include "vv-case-store.h"
#include "vv-cases-page.h"
#include "vv-guide-page.h"
#include "vv-i18n.h"
#include "vv-ledger-page.h"
#include "vv-window.h"

static VvApplication *app;
static VvWindow *window;

static const char *const pages[] = { "guide", "respite", "cases", "ledger", "training" };

/* helpers */

static gboolean
nynorsk (void)
{
  return g_str_equal (vv_i18n_get_language (), "nn");
}

/* Every text a person reads under @root, shown or not, one per line. */
static void
collect_texts (GtkWidget *root,
               GString   *out)
{
  g_autofree char *text = vv_test_dup_text (root);
  const char *tooltip = gtk_widget_get_tooltip_text (root);

  if (text != NULL && *text != '\0')
    g_string_append_printf (out, "%s\n", text);
  if (ADW_IS_ACTION_ROW (root) && adw_action_row_get_subtitle (ADW_ACTION_ROW (root)) != NULL)
    g_string_append_printf (out, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (root)));
  if (ADW_IS_EXPANDER_ROW (root) &&
      adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (root)) != NULL)
    g_string_append_printf (out, "%s\n", adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (root)));
  if (tooltip != NULL)
    g_string_append_printf (out, "%s\n", tooltip);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_texts (c, out);
}

static char *
texts_of (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  collect_texts (root, out);
  return g_string_free (out, FALSE);
}

/* Fails with the line of @texts that matches @pattern. */
static void
assert_no_line_matches (const char *texts,
                        const char *pattern,
                        const char *what)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (g_regex_match (regex, texts, 0, &match))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);

      g_error ("%s: “%s”", what, found);
    }
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static gboolean
ledger_idle_cb (gpointer data)
{
  return !vv_ledger_page_get_busy (VV_LEDGER_PAGE (data)) &&
         vv_ledger_page_get_split (VV_LEDGER_PAGE (data)) != NULL;
}

/* tests */

/* Item 5: no internal codes, seed file names or English; Vegvisar in nynorsk. */
static void
test_plain_words (void)
{
  g_autoptr(GString) all = g_string_new (NULL);
  GtkWidget *ledger;
  GtkWindow *about;
  GtkShortcutsWindow *overlay;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *texts = NULL;

      vv_window_set_visible_page (window, pages[i]);
      vv_test_spin ();
      if (g_str_equal (pages[i], "ledger"))
        {
          ledger = vv_window_get_page (window, "ledger");
          g_assert_true (vv_test_wait_for (ledger_idle_cb, ledger, 60000));
          vv_test_spin ();
        }
      texts = texts_of (GTK_WIDGET (window));
      g_string_append (all, texts);
    }
  /* The guide's result shows its quotes too. */
  {
    GtkWidget *guide = vv_window_get_page (window, "guide");
    const char *answers[] = { "item=care_service", "municipal_responsibility=true",
                              "service=home_health", "residence=private_home" };
    g_autofree char *texts = NULL;

    vv_window_set_visible_page (window, "guide");
    for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
      gtk_widget_activate_action (guide, "guide.answer", "s", answers[i]);
    vv_test_spin ();
    texts = texts_of (guide);
    g_string_append (all, texts);
  }

  /* The seed's hashed file names stay in exports. */
  assert_no_line_matches (all->str, "[0-9]{3}_[0-9a-f]{16}\\.txt", "a seed file name is shown");
  /* The sample ledger's file name under its heading, in English. */
  assert_no_line_matches (all->str, "sample-[^ ]*\\.csv", "the sample's English file name");
  /* Finding codes such as expired-function or unassigned-ansvar. */
  assert_no_line_matches (all->str, "^[a-z]+(-[a-z]+)+$", "an internal code is shown");
  if (nynorsk ())
    assert_no_line_matches (all->str, "Veiviser", "nynorsk calls the app Vegvisar");
  /* Dates as Norwegians write them. */
  assert_no_line_matches (all->str, "[0-9]{2}/[0-9]{2}/[0-9]{2}", "a date in US style");

  /* The About window's own rows. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  vv_test_spin ();
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  {
    g_autofree char *texts = texts_of (GTK_WIDGET (about));

    assert_no_line_matches (texts, "^_?(Details|Credits|Legal|Website|Acknowledgements)$",
                            "English in the About window");
    g_assert_nonnull (strstr (texts, nynorsk () ? "_Detaljar" : "_Detaljer"));
    if (nynorsk ())
      assert_no_line_matches (texts, "Veiviser", "nynorsk calls the app Vegvisar");
  }
  gtk_window_destroy (about);

  /* The shortcuts window's title, and keys shown as keys. */
  overlay = GTK_SHORTCUTS_WINDOW (vv_window_get_shortcuts_window (VV_WINDOW (window)));
  g_assert_nonnull (overlay);
  {
    g_autofree char *texts = texts_of (GTK_WIDGET (overlay));

    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (overlay)), ==,
                     nynorsk () ? "Snøggtastar" : "Tastatursnarveier");
    /* The header's title label (showing the window trips a GTK 4.8 size warning). */
    g_assert_nonnull (strstr (texts, nynorsk () ? "Snøggtastar\n" : "Tastatursnarveier\n"));
    assert_no_line_matches (texts, "^Shortcuts$", "English in the shortcuts window");
    assert_no_line_matches (texts, "^(Page_Down|Page_Up|Escape|Left|Right|plus|minus|comma|question)$",
                            "a keysym in the shortcuts window");
  }
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
read_clipboard (void)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 clipboard_read_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  return text;
}

/* Item 7: focus moves into the page; Ctrl+F, Ctrl+S reach the visible page. */
static void
test_keyboard (void)
{
  GtkWidget *focus;
  g_autofree char *copied = NULL;

  vv_window_set_visible_page (window, "guide");
  vv_test_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "cases"));
  vv_test_spin ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, vv_window_get_page (window, "cases")));

  /* Ctrl+F searches the cases. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  vv_test_spin ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));

  /* Ctrl+S on the respite page keeps the answer (on the clipboard). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "respite"));
  vv_test_spin ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  vv_test_spin ();
  copied = read_clipboard ();
  g_assert_nonnull (strstr (copied, "257"));
  g_assert_nonnull (strstr (copied, "5.1"));
}

/* Item 9: presentation starts from the page one is on and says how to
 * leave; the quiz names the functions and shows the question once. */
static void
test_presentation_and_quiz (void)
{
  GtkWidget *training = vv_window_get_page (window, "training");
  GtkWidget *button;
  const char *right_label = nynorsk () ? "258 Ambulerande" : "258 Ambulerende";

  vv_window_set_visible_page (window, "training");
  vv_test_spin ();
  g_assert_true (gtk_widget_activate_action (training, "training.start", "s",
                                             "grunnkurs-257-258"));
  vv_test_spin ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  vv_test_spin ();
  g_assert_true (vv_window_get_presentation (window));
  g_assert_cmpstr (vv_window_get_visible_page (window), ==, "training");
  g_assert_nonnull (vv_test_find_by_label_part (GTK_WIDGET (window), GTK_TYPE_BUTTON, "(Esc)"));

  /* The answer buttons name the function. */
  button = vv_test_find_by_label (training, GTK_TYPE_BUTTON, right_label);
  g_assert_nonnull (button);
  g_assert_null (vv_test_find_by_label (training, GTK_TYPE_BUTTON, "258"));
  /* The question once: no second, fixed question under the exercise's own. */
  {
    VvTestLabelQuery q = { nynorsk () ? "Kva funksjon" : "Hvilken funksjon", GTK_TYPE_LABEL,
                           TRUE };

    g_assert_cmpuint (vv_test_count (training, vv_test_match_label, &q, TRUE), <=, 1);
  }

  /* After an answer, the right one is green, and the wrong one chosen red;
   * both readable (WCAG's 4.5:1), not faded with the other, insensitive
   * ones: white on a half-transparent green was 1.6:1. */
  gtk_widget_activate_action (training, "training.answer", "s", "253");
  vv_test_settle (300);
  for (guint dark = 0; dark < 2; dark++)
    {
      GtkWidget *answers = gtk_widget_get_parent (gtk_widget_get_parent (button));
      guint n_green = 0, n_red = 0;

      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_DEFAULT);
      vv_test_settle (300);
      for (GtkWidget *w = gtk_widget_get_first_child (answers); w != NULL;
           w = gtk_widget_get_next_sibling (w))
        {
          GtkWidget *answer = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (w));
          gboolean green = gtk_widget_has_css_class (answer, "answer-right");
          gboolean red = gtk_widget_has_css_class (answer, "destructive-action");

          if (green || red)
            {
              double contrast = vv_test_drawn_contrast (answer);

              g_test_message ("%s%s: %.2f:1", gtk_button_get_label (GTK_BUTTON (answer)),
                              dark ? " (dark)" : "", contrast);
              g_assert_cmpfloat (contrast, >=, 4.5);
            }
          n_green += green;
          n_red += red;
        }
      g_assert_cmpuint (n_green, >=, 1);
      g_assert_cmpuint (n_red, ==, 1);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  vv_test_spin ();
  g_assert_false (vv_window_get_presentation (window));
  g_assert_null (vv_test_find_by_label_part (GTK_WIDGET (window), GTK_TYPE_BUTTON, "(Esc)"));
  gtk_widget_activate_action (training, "training.back", NULL);
}

static gboolean
print_dialog_read_cb (gpointer data)
{
  GtkWindow *dialog = find_toplevel (GTK_TYPE_DIALOG);

  if (dialog == NULL)
    return G_SOURCE_CONTINUE;
  *(char **) data = texts_of (GTK_WIDGET (dialog));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  return G_SOURCE_REMOVE;
}

/* Item 5, the print dialog in the interface's language: GTK's bokmål
 * catalogue (Debian 12) lacks most of its words, and they came in nynorsk
 * ("Allment", "Kopiar", "Biletkvalitet"), or in English where neither has
 * them (the page ranges' tooltip). */
static void
test_print_dialog (void)
{
  g_autofree char *texts = NULL;
  GtkWidget *guide = vv_test_answer_guide_case (window, G_N_ELEMENTS (vv_test_guide_answers));
  guint source;

  g_assert_true (vv_guide_page_get_finished (VV_GUIDE_PAGE (guide)));
  /* The dialog runs its own main loop: read and cancelled from inside it. */
  source = g_timeout_add (200, print_dialog_read_cb, &texts);
  g_assert_true (gtk_widget_activate_action (guide, "guide.print", NULL));
  vv_test_spin ();
  if (texts == NULL)
    g_source_remove (source);
  g_assert_nonnull (texts);
  g_test_message ("%s", texts);
  /* GTK's own, to know the dialog was read */
  g_assert_nonnull (strstr (texts, "Sideoppsett\n"));
  assert_no_line_matches (texts, "^_?(General|Range|Copies|Copie_?s:|C_?ollate|Job Details|"
                          "Image Quality|Finishing|Specify one or more page ranges.*)$",
                          "English in the print dialog");
  if (nynorsk ())
    assert_no_line_matches (texts, "^(Avsluttar)$", "a wrong word in the print dialog");
  else
    assert_no_line_matches (texts, "^_?(Allment|Kopiar|_?Kopiar:|Biletkvalitet|Avsluttar|"
                            "_?Denne sida|S_?lå saman|Detaljar for jobb)$",
                            "nynorsk in the bokmål print dialog");
}

static gboolean
import_dialog_shown_cb (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != GTK_WINDOW (window) && !ADW_IS_MESSAGE_DIALOG (w) &&
          gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "VvImport"))
        {
          *(GtkWindow **) data = w;
          return TRUE;
        }
    }
  return FALSE;
}

/* Item 10: distinct icons, ledger files dropped or opened go to the import,
 * the text size in per cent. */
static void
test_what_users_expect (void)
{
  AdwViewStack *stack = vv_window_get_view_stack (window);
  g_autoptr(GHashTable) icons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *ledger = g_test_build_filename (G_TEST_DIST, "ledger", "sample-2023.csv",
                                                   NULL);
  GtkWindow *dialog = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *bin = adw_view_stack_get_child_by_name (stack, pages[i]);
      const char *icon = adw_view_stack_page_get_icon_name (adw_view_stack_get_page (stack, bin));

      g_assert_true (g_hash_table_add (icons, (gpointer) icon));
    }

  /* Files opened from the file manager reach the app (the test's own app is
   * NON_UNIQUE instead). */
  {
    g_autoptr(VvApplication) fresh = vv_application_new ();

    g_assert_true (g_application_get_flags (G_APPLICATION (fresh)) & G_APPLICATION_HANDLES_OPEN);
  }
  /* A ledger given to the window (dropped, or opened from the file manager)
   * opens the ledger's import. */
  vv_window_set_visible_page (window, "guide");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-file", "s", ledger));
  g_assert_true (vv_test_wait_for (import_dialog_shown_cb, &dialog, 10000));
  g_assert_cmpstr (vv_window_get_visible_page (window), ==, "ledger");
  gtk_window_destroy (dialog);
  vv_test_spin ();
  /* Anything else is refused, saying why. */
  g_assert_false (vv_window_import_file (window, "/tmp/notes.json"));

  /* The text size reads as a percentage. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  vv_test_spin ();
  {
    GtkWindow *prefs = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
    GtkWidget *spin;

    g_assert_nonnull (prefs);
    spin = vv_test_find_by_type (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "100 %");
    gtk_window_destroy (prefs);
  }
}

/* Item 3: the cases, respite and training pages and the preferences fit
 * 360 px. */
static void
test_narrow (void)
{
  const char *narrow_pages[] = { "cases", "respite", "training" };

  for (guint i = 0; i < G_N_ELEMENTS (narrow_pages); i++)
    {
      GtkWidget *page = vv_window_get_page (window, narrow_pages[i]);
      int min;

      vv_window_set_visible_page (window, narrow_pages[i]);
      vv_test_spin ();
      gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > 360)
        {
          vv_test_report_wide (page, 360);
          g_error ("the %s page needs %d px", narrow_pages[i], min);
        }
    }
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  vv_test_spin ();
  {
    GtkWindow *prefs = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
    int min;

    /* The content: the window adds its frame around it. */
    gtk_widget_measure (adw_window_get_content (ADW_WINDOW (prefs)), GTK_ORIENTATION_HORIZONTAL,
                        -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
    gtk_window_destroy (prefs);
  }
}

/* The size of the font @widget draws its text in, in Pango units. */
static int
font_size (GtkWidget *widget)
{
  return pango_font_description_get_size (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
}

/* The label with the longest text under @root that is shown. */
static GtkWidget *
longest_label (GtkWidget *root)
{
  GtkWidget *best = NULL;

  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_LABEL (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *label = longest_label (c);

      if (label != NULL &&
          (best == NULL || strlen (gtk_label_get_text (GTK_LABEL (label))) >
                           strlen (gtk_label_get_text (GTK_LABEL (best)))))
        best = label;
    }
  return best;
}

/* Waits (up to 2 s) for the style of @widget to change its font size from
 * @before. */
static int
wait_font_size (GtkWidget *widget,
                int        before)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (font_size (widget) == before && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
  return font_size (widget);
}

/* Item 9: in presentation mode at 1400 × 900 the room reads the quiz's
 * question and answers, and the guide's question, in large type (the quiz
 * stayed at the normal size). */
static void
test_presentation_text (void)
{
  GtkWidget *training = vv_window_get_page (window, "training");
  GtkWidget *guide = vv_window_get_page (window, "guide");
  const char *right_label = nynorsk () ? "258 Ambulerande" : "258 Ambulerende";
  GtkWidget *question, *answer, *title;
  int question_size, answer_size, title_size, large;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  vv_window_set_visible_page (window, "training");
  vv_test_spin ();
  g_assert_true (gtk_widget_activate_action (training, "training.start", "s",
                                             "grunnkurs-257-258"));
  vv_test_spin ();
  /* let the frame clock restyle the page (an earlier test presented it) */
  vv_test_settle (500);
  question = longest_label (training);
  answer = gtk_button_get_child (GTK_BUTTON (vv_test_find_by_label (training, GTK_TYPE_BUTTON,
                                                                    right_label)));
  g_assert_nonnull (question);
  g_assert_true (GTK_IS_LABEL (answer));
  question_size = font_size (question);
  answer_size = font_size (answer);

  vv_window_set_presentation (window, TRUE);
  large = wait_font_size (question, question_size);
  g_assert_cmpfloat (large, >=, question_size * 1.4);
  g_assert_cmpfloat (wait_font_size (answer, answer_size), >=, answer_size * 1.2);
  vv_window_set_presentation (window, FALSE);
  g_assert_cmpint (wait_font_size (question, large), ==, question_size);
  gtk_widget_activate_action (training, "training.back", NULL);

  /* the guide: its question */
  vv_window_set_visible_page (window, "guide");
  vv_test_spin ();
  title = vv_test_find_with_class (guide, GTK_TYPE_LABEL, "question-title", NULL);
  if (title == NULL)    /* an earlier test left a result */
    title = vv_test_find_with_class (guide, GTK_TYPE_LABEL, "result-explanation", NULL);
  g_assert_nonnull (title);
  title_size = font_size (title);
  vv_window_set_presentation (window, TRUE);
  g_assert_cmpfloat (wait_font_size (title, title_size), >=, title_size * 1.4);
  vv_window_set_presentation (window, FALSE);
  vv_test_spin ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  vv_test_spin ();
}

/* How many average characters of its own font fit on a line of @label. */
static double
chars_per_line (GtkWidget *label)
{
  PangoContext *context = gtk_widget_get_pango_context (label);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  double char_width = pango_font_metrics_get_approximate_char_width (metrics) /
                      (double) PANGO_SCALE;

  pango_font_metrics_unref (metrics);
  return gtk_widget_get_width (label) / char_width;
}

/* Item 9: on a 1400 px screen in presentation mode the quiz's column grows
 * with its large type (it stayed at 720 px, ~71 characters a line), to as
 * long a line as one still reads in one go (WCAG 1.4.8: at most 80
 * characters); at the normal size it stays 720 px. */
static void
test_presentation_quiz_width (void)
{
  GtkWidget *training = vv_window_get_page (window, "training");
  GtkWidget *question;
  double normal_chars, large_chars;
  int normal_width, large_width;

  vv_test_resize (GTK_WINDOW (window), 1400, 900);
  vv_window_set_visible_page (window, "training");
  vv_test_spin ();
  g_assert_true (gtk_widget_activate_action (training, "training.start", "s",
                                             "grunnkurs-257-258"));
  vv_test_settle (300);
  question = vv_test_find_with_class (training, GTK_TYPE_LABEL, "quiz-question", NULL);
  g_assert_nonnull (question);
  normal_width = gtk_widget_get_width (question);
  normal_chars = chars_per_line (question);

  vv_window_set_presentation (window, TRUE);
  vv_test_settle (500);
  large_width = gtk_widget_get_width (question);
  large_chars = chars_per_line (question);
  g_test_message ("question: %d px (%.0f characters) normal, %d px (%.0f) presenting",
                  normal_width, normal_chars, large_width, large_chars);
  g_assert_true (vv_test_content_width_is (GTK_WINDOW (window), 1400));
  g_assert_cmpfloat (large_chars, >=, 76);
  g_assert_cmpfloat (large_chars, <=, 80);
  g_assert_cmpint (large_width, >, normal_width);

  vv_window_set_presentation (window, FALSE);
  vv_test_settle (500);
  g_assert_cmpint (gtk_widget_get_width (question), ==, normal_width);
  g_assert_cmpint (normal_width, <=, 720);
  gtk_widget_activate_action (training, "training.back", NULL);
  vv_test_resize (GTK_WINDOW (window), 1200, 800);
}

/* The part of @widget a person sees: its bounds in the window, cut to every
 * scrolled window it is in. Returns %FALSE when none of it shows. */
static gboolean
visible_bounds (GtkWidget       *widget,
                graphene_rect_t *out)
{
  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (window), out))
    return FALSE;
  for (GtkWidget *a = gtk_widget_get_parent (widget); a != NULL; a = gtk_widget_get_parent (a))
    if (GTK_IS_SCROLLED_WINDOW (a) || GTK_IS_VIEWPORT (a))
      {
        graphene_rect_t clip;

        if (!gtk_widget_compute_bounds (a, GTK_WIDGET (window), &clip) ||
            !graphene_rect_intersection (out, &clip, out))
          return FALSE;
      }
  return out->size.width > 0 && out->size.height > 0;
}

static gboolean
has_focusable_child (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_mapped (c) && (gtk_widget_get_focusable (c) || has_focusable_child (c)))
      return TRUE;
  return FALSE;
}

/* Fails when a shown widget under @root that one reads or uses (a label with
 * text; anything focusable that holds nothing focusable: buttons, entries,
 * the chart; not the scrolled windows and lists around them) is partly
 * under @osd; returns how many were checked. */
static guint
assert_clear_of (GtkWidget             *root,
                 GtkWidget             *osd,
                 const graphene_rect_t *osd_bounds,
                 const char            *what)
{
  graphene_rect_t bounds, overlap;
  guint n = 0;

  if (root == osd || !gtk_widget_get_mapped (root))
    return 0;
  if (((gtk_widget_get_focusable (root) && !has_focusable_child (root)) ||
       (GTK_IS_LABEL (root) && *gtk_label_get_text (GTK_LABEL (root)) != '\0')) &&
      visible_bounds (root, &bounds))
    {
      n++;
      if (graphene_rect_intersection (&bounds, osd_bounds, &overlap) &&
          overlap.size.width > 0 && overlap.size.height > 0)
        {
          g_autofree char *text = vv_test_dup_text (root);

          g_error ("%s: the leave box (%g,%g %g×%g) covers %s “%s” (%g,%g %g×%g)", what,
                   osd_bounds->origin.x, osd_bounds->origin.y, osd_bounds->size.width,
                   osd_bounds->size.height, G_OBJECT_TYPE_NAME (root), text ? text : "",
                   bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += assert_clear_of (c, osd, osd_bounds, what);
  return n;
}

/* Scrolls every shown scrolled window under @root to its end. */
static void
scroll_to_end (GtkWidget *root)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_SCROLLED_WINDOW (root))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (root));

      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) -
                                     gtk_adjustment_get_page_size (adj));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    scroll_to_end (c);
}

/* Presentation mode on @page at @width × @height, scrolled to the end: the
 * leave box is shown and covers nothing one reads or uses. */
static void
assert_presentation_clear (const char *page,
                           int         width,
                           int         height,
                           const char *what)
{
  GtkWidget *osd = vv_test_find_by_name (GTK_WIDGET (window), "leave_presentation_box");
  g_autofree char *where = g_strdup_printf ("%s at %d px", what, width);
  graphene_rect_t osd_bounds;
  guint n;

  g_assert_nonnull (osd);
  vv_test_resize (GTK_WINDOW (window), width, height);
  vv_window_set_presentation (window, TRUE);
  vv_test_settle (400);
  scroll_to_end (vv_window_get_page (window, page));
  vv_test_settle (200);
  scroll_to_end (vv_window_get_page (window, page));
  vv_test_settle (200);
  g_assert_true (vv_test_content_width_is (GTK_WINDOW (window), width));
  g_assert_true (gtk_widget_get_mapped (osd));
  g_assert_true (gtk_widget_compute_bounds (osd, GTK_WIDGET (window), &osd_bounds));
  g_assert_cmpfloat (osd_bounds.size.height, >, 0);
  n = assert_clear_of (GTK_WIDGET (window), osd, &osd_bounds, where);
  g_test_message ("%s: %u widgets clear of the leave box", where, n);
  g_assert_cmpuint (n, >, 3);
  vv_window_set_presentation (window, FALSE);
  vv_test_settle (200);
}

/* Item 9 (and 3): the box that says how to leave presentation mode covers
 * nothing: not the quiz's last answer at 360 px, not its Next button, not
 * the guide's chart, at 360 and at 1400 px. */
static void
test_presentation_leave_box (void)
{
  GtkWidget *training = vv_window_get_page (window, "training");
  const char *last_label = nynorsk () ? "Utanfor KOSTRA" : "Utenfor KOSTRA";
  const int widths[] = { 360, 1400 };
  const int heights[] = { 760, 900 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GtkWidget *last;
      graphene_rect_t bounds, whole;

      vv_window_set_visible_page (window, "training");
      vv_test_spin ();
      g_assert_true (gtk_widget_activate_action (training, "training.start", "s",
                                                 "grunnkurs-257-258"));
      vv_test_spin ();
      assert_presentation_clear ("training", widths[i], heights[i], "the quiz");
      /* The last answer was wholly in view, so it was checked. */
      vv_window_set_presentation (window, TRUE);
      vv_test_settle (400);
      scroll_to_end (training);
      vv_test_settle (200);
      last = vv_test_find_by_label (training, GTK_TYPE_BUTTON, last_label);
      g_assert_nonnull (last);
      g_assert_true (gtk_widget_compute_bounds (last, GTK_WIDGET (window), &whole));
      g_assert_true (visible_bounds (last, &bounds));
      g_assert_cmpfloat (bounds.size.height, ==, whole.size.height);
      vv_window_set_presentation (window, FALSE);
      vv_test_settle (200);

      /* Answered: the explanation, the quotes and Next. */
      gtk_widget_activate_action (training, "training.answer", "s", "253");
      vv_test_spin ();
      assert_presentation_clear ("training", widths[i], heights[i], "the answered quiz");
      gtk_widget_activate_action (training, "training.back", NULL);
      vv_test_spin ();

      vv_window_set_visible_page (window, "guide");
      vv_test_spin ();
      assert_presentation_clear ("guide", widths[i], heights[i], "the guide");
    }
  vv_test_resize (GTK_WINDOW (window), 1200, 800);
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

  window = vv_test_app_window_new (&app, 1200, 800);

  g_test_add_func ("/shell/plain-words", test_plain_words);
  g_test_add_func ("/shell/keyboard", test_keyboard);
  g_test_add_func ("/shell/presentation-and-quiz", test_presentation_and_quiz);
  g_test_add_func ("/shell/presentation-text", test_presentation_text);
  g_test_add_func ("/shell/presentation-leave-box", test_presentation_leave_box);
  g_test_add_func ("/shell/presentation-quiz-width", test_presentation_quiz_width);
  g_test_add_func ("/shell/what-users-expect", test_what_users_expect);
  g_test_add_func ("/shell/print-dialog", test_print_dialog);
  g_test_add_func ("/shell/narrow", test_narrow);
  ret = g_test_run ();

  vv_test_app_window_destroy (window, &app);
  return vv_test_ui_finish (ret);
}
