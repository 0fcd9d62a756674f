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
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Bokmål unless --language says otherwise. */
  g_setenv ("LANGUAGE", "nb", TRUE);
  if (!vv_test_ui_init (&argc, &argv, NULL))
    return 77;

  app = vv_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = vv_window_new (GTK_APPLICATION (app), vv_application_get_context (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  vv_test_spin ();

  g_test_add_func ("/shell/plain-words", test_plain_words);
  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  vv_test_spin ();
  g_clear_object (&app);
  return vv_test_ui_finish (ret);
}
