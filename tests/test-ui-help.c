/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-help"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "test-ui-util.h"
#include "vv-application.h"
#include "vv-help-window.h"
#include "vv-i18n.h"

/* meson runs this test once per language (--language=nb, --language=nn); the
 * guide shown by F1 must follow it. */

typedef struct
{
  const char *language;
  const char *title;        /* the guide's level-1 heading */
  const char *caseworkers;  /* a level-2 heading per user group */
  const char *accountants;
  const char *trainers;
  const char *shortcuts;
  const char *sources;
  const char *marker;       /* a word only this language uses */
  const char *not_marker;   /* the other language's word */
} Guide;

static const Guide guides[] = {
  { "nb", "Brukerveiledning for Veiviser 257/258", "For saksbehandlere", "For regnskapsførere",
    "For kursholdere", "Tastatursnarveier", "Hvor reglene kommer fra", " ikke ", " ikkje " },
  { "nn", "Brukarrettleiing for Vegvisar 257/258", "For saksbehandlarar", "For rekneskapsførarar",
    "For kurshaldarar", "Snøggtastar", "Kvar reglane kjem frå", " ikkje ", " ikke " },
};

/* helpers */

static const Guide *
guide_for (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (guides); i++)
    if (g_str_equal (guides[i].language, language))
      return &guides[i];
  g_assert_not_reached ();
}

static char *
buffer_text (VvHelpWindow *window)
{
  GtkTextBuffer *buffer = vv_help_window_get_buffer (window);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Asserts that @heading is a whole line of the guide, shown with @tag. */
static void
assert_heading (VvHelpWindow *window,
                const char   *heading,
                const char   *tag)
{
  GtkTextBuffer *buffer = vv_help_window_get_buffer (window);
  GtkTextTag *text_tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag);
  g_autofree char *line = g_strconcat (heading, "\n", NULL);
  GtkTextIter iter, start, end;

  g_assert_nonnull (text_tag);
  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (!gtk_text_iter_forward_search (&iter, line, 0, &start, &end, NULL))
    g_error ("heading “%s” is not in the guide", heading);
  g_assert_true (gtk_text_iter_starts_line (&start));
  g_assert_true (gtk_text_iter_has_tag (&start, text_tag));
}

static void
assert_guide (VvHelpWindow *window,
              const Guide  *guide)
{
  g_autofree char *text = buffer_text (window);

  g_assert_cmpstr (vv_help_window_get_language (window), ==, guide->language);
  g_assert_true (g_str_has_prefix (text, guide->title));
  assert_heading (window, guide->title, "h1");
  assert_heading (window, guide->caseworkers, "h2");
  assert_heading (window, guide->accountants, "h2");
  assert_heading (window, guide->trainers, "h2");
  assert_heading (window, guide->shortcuts, "h2");
  assert_heading (window, guide->sources, "h2");

  /* the topics the guide must cover, in either language */
  g_assert_nonnull (strstr (text, "fødselsnummer"));
  g_assert_nonnull (strstr (text, "KOSTRA-filuttrekk"));
  g_assert_nonnull (strstr (text, "SSB Notater 2024/22"));
  g_assert_nonnull (strstr (text, "veiviser-exercises/1"));
  g_assert_nonnull (strstr (text, "F5"));
  g_assert_nonnull (strstr (text, guide->marker));
  g_assert_null (strstr (text, guide->not_marker));

  /* Markdown syntax is rendered, not shown */
  g_assert_null (strstr (text, "**"));
  g_assert_null (strstr (text, "\n#"));
  g_assert_null (strstr (text, "\n- "));
}

static VvHelpWindow *
find_help_window (guint *count)
{
  VvHelpWindow *found = NULL;

  *count = 0;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (VV_IS_HELP_WINDOW (l->data))
      {
        found = l->data;
        (*count)++;
      }
  return found;
}

static void
collect_section_rows (GtkWidget *root,
                      GPtrArray *rows)
{
  if (GTK_IS_LIST_BOX_ROW (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), "help.go-to-section") == 0)
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_section_rows (child, rows);
}

/* tests */

static void
test_markdown (void)
{
  const char *markdown =
    "# Brukerveiledning\n"
    "\n"
    "Veiviseren hjelper deg å føre **hjemmetjenester** på *riktig* funksjon.\n"
    "Les `veiviser-cli --help` og [rettleiaren](https://example.org).\n"
    "\n"
    "## Kom i gang\n"
    "\n"
    "- Velg en sak\n"
    "- Svar på spørsmålene\n"
    "  med flere linjer\n"
    "\n"
    "1. Første steg\n"
    "2. Andre steg\n"
    "\n"
    "> Sitat fra veilederen\n"
    "\n"
    "```\n"
    "kode **ikke fet**\n"
    "```\n";
  VvHelpWindow *window = vv_help_window_new ();
  GtkTextBuffer *buffer = vv_help_window_get_buffer (window);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  g_autofree char *text = NULL;
  GtkTextIter iter, start;

  vv_help_window_set_markdown (window, markdown);
  text = buffer_text (window);

  g_assert_true (g_str_has_prefix (text, "Brukerveiledning\n"));
  g_assert_nonnull (strstr (text, "å føre hjemmetjenester på riktig funksjon. "
                                  "Les veiviser-cli --help og rettleiaren.\n"));
  g_assert_nonnull (strstr (text, "\nKom i gang\n"));
  g_assert_nonnull (strstr (text, "• Velg en sak\n• Svar på spørsmålene med flere linjer\n"));
  g_assert_nonnull (strstr (text, "1. Første steg\n2. Andre steg\n"));
  g_assert_nonnull (strstr (text, "Sitat fra veilederen\n"));
  g_assert_nonnull (strstr (text, "kode **ikke fet**\n"));
  g_assert_null (strstr (text, "#"));
  g_assert_null (strstr (text, "https://"));

  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "h1")));
  g_assert_true (gtk_text_iter_forward_search (&iter, "hjemmetjenester", 0, &start, NULL, NULL));
  g_assert_true (gtk_text_iter_has_tag (&start, gtk_text_tag_table_lookup (table, "bold")));
  g_assert_true (gtk_text_iter_forward_search (&iter, "riktig", 0, &start, NULL, NULL));
  g_assert_true (gtk_text_iter_has_tag (&start, gtk_text_tag_table_lookup (table, "italic")));
  g_assert_true (gtk_text_iter_forward_search (&iter, "Kom i gang", 0, &start, NULL, NULL));
  g_assert_true (gtk_text_iter_has_tag (&start, gtk_text_tag_table_lookup (table, "h2")));
  g_assert_true (gtk_text_iter_forward_search (&iter, "Velg", 0, &start, NULL, NULL));
  g_assert_true (gtk_text_iter_has_tag (&start, gtk_text_tag_table_lookup (table, "item1")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The setter shows either guide whatever the process language is. */
static void
test_set_language (void)
{
  VvHelpWindow *window = vv_help_window_new ();

  g_assert_true (vv_help_window_load_language (window, "nn"));
  assert_guide (window, guide_for ("nn"));

  g_assert_true (vv_help_window_load_language (window, "nb"));
  assert_guide (window, guide_for ("nb"));

  /* the text has an accessible name */
  gtk_test_accessible_assert_property (vv_test_find_by_type (GTK_WIDGET (window),
                                                             GTK_TYPE_TEXT_VIEW),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, _("User guide text"));

  /* English and anything else fall back to bokmål */
  g_assert_true (vv_help_window_load_language (window, "en"));
  assert_guide (window, guide_for ("nb"));
  g_assert_true (vv_help_window_load_language (window, NULL));
  assert_guide (window, guide_for ("nb"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* F1 / app.help opens the guide in the language the process runs in. */
static void
test_app_help (void)
{
  g_autoptr(VvApplication) app = vv_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  const Guide *guide = guide_for (vv_i18n_get_language ());
  VvHelpWindow *window;
  guint count = 0;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "F1");

  g_assert_null (find_help_window (&count));
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  vv_test_spin ();
  window = find_help_window (&count);
  g_assert_nonnull (window);
  g_assert_cmpuint (count, ==, 1);
  assert_guide (window, guide);

  /* the window title is translated too */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, _("User Guide"));
  if (g_str_equal (guide->language, "nb"))
    g_assert_cmpstr (_("User Guide"), ==, "Brukerveiledning");
  else
    g_assert_cmpstr (_("User Guide"), ==, "Brukarrettleiing");

  /* the contents menu lists the five sections and jumps to them */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    const char *titles[] = { guide->caseworkers, guide->accountants, guide->trainers,
                             guide->shortcuts, guide->sources };
    GtkTextView *view = NULL;
    GtkTextBuffer *buffer = vv_help_window_get_buffer (window);
    GdkRectangle visible, location;
    GtkTextIter iter;

    collect_section_rows (GTK_WIDGET (window), rows);
    g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (titles));
    for (guint i = 0; i < rows->len; i++)
      {
        GtkWidget *label = gtk_list_box_row_get_child (g_ptr_array_index (rows, i));

        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, titles[i]);
      }

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "help.go-to-section", "u",
                                               (guint32) (rows->len - 1)));
    vv_test_settle (2000);
    /* the last section's heading is now in view, and the first is not */
    view = GTK_TEXT_VIEW (vv_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW));
    g_assert_nonnull (view);
    gtk_text_view_get_visible_rect (view, &visible);
    gtk_text_buffer_get_start_iter (buffer, &iter);
    g_assert_true (gtk_text_iter_forward_search (&iter, guide->sources, 0, &iter, NULL, NULL));
    gtk_text_view_get_iter_location (view, &iter, &location);
    g_test_message ("visible %d+%d, heading at %d", visible.y, visible.height, location.y);
    g_assert_cmpint (location.y, >=, visible.y);
    g_assert_cmpint (location.y, <, visible.y + visible.height);
    g_assert_cmpint (visible.y, >, 0);
  }

  /* pressing F1 again raises the same window */
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  vv_test_spin ();
  g_assert_true (find_help_window (&count) == window);
  g_assert_cmpuint (count, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  vv_test_spin ();
  g_assert_null (find_help_window (&count));
}

int
main (int   argc,
      char *argv[])
{
  /* Bokmål unless --language says otherwise. */
  g_setenv ("LANGUAGE", "nb", TRUE);
  if (!vv_test_ui_init (&argc, &argv, NULL))
    return 77;

  g_test_add_func ("/help/markdown", test_markdown);
  g_test_add_func ("/help/set-language", test_set_language);
  g_test_add_func ("/help/app-help", test_app_help);

  return vv_test_ui_finish (g_test_run ());
}
