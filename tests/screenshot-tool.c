/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "screenshot-tool"

/* Runs the real application window and saves a PNG of each page, rendered
 * through the window's own GTK snapshot (no X screen grabbing needed).
 * Used by tests/screenshots.sh. */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "vv-application.h"
#include "vv-guide-page.h"
#include "vv-ledger-page.h"
#include "vv-window.h"

static const char *out_dir;
static int status = 1;
static int window_width = 1280;
static gboolean dark;

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

static gboolean
save (GtkWidget  *window,
      const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_strconcat (out_dir, "/", name, ".png", NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  /* A page built just now, or still in the stack's crossfade, may have
   * drawn nothing yet: give it a little longer. */
  for (guint tries = 0; node == NULL && tries < 10; tries++)
    {
      g_autoptr(GtkSnapshot) again = gtk_snapshot_new ();

      spin (500);
      width = gtk_widget_get_width (window);
      height = gtk_widget_get_height (window);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (again), width, height);
      node = gtk_snapshot_to_node (again);
    }
  if (node == NULL)
    {
      g_printerr ("Nothing drawn for %s\n", name);
      return FALSE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_printerr ("Could not write %s\n", path);
      return FALSE;
    }
  g_print ("%s\n", path);
  return TRUE;
}

static void
answer (GtkWidget  *page,
        const char *answer_text)
{
  gtk_widget_activate_action (page, "guide.answer", "s", answer_text);
}

static gboolean
print_dialog_cb (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          save (GTK_WIDGET (window), "print");
          gtk_dialog_response (GTK_DIALOG (window), GTK_RESPONSE_CANCEL);
          break;
        }
    }
  return G_SOURCE_REMOVE;
}

static gboolean
ledger_idle (GtkWidget *ledger)
{
  return !vv_ledger_page_get_busy (VV_LEDGER_PAGE (ledger)) &&
         vv_ledger_page_get_split (VV_LEDGER_PAGE (ledger)) != NULL;
}

/* Spins until @ready holds (at most @seconds), then a little longer for
 * the transitions. */
static void
wait_until (gboolean  (*ready) (GtkWidget *),
            GtkWidget *widget,
            guint      seconds)
{
  guint steady = 0;

  /* Ready for a whole second: the sample is read, then split. */
  for (guint tries = 0; tries < seconds * 10 && steady < 10; tries++)
    {
      spin (100);
      steady = ready (widget) ? steady + 1 : 0;
    }
  spin (600);
}

static gboolean
lines_shown (GtkWidget *ledger)
{
  return vv_ledger_page_get_lines_model (VV_LEDGER_PAGE (ledger)) != NULL;
}

/* The window @action opens (an action on @widget, or on the application
 * when @widget is %NULL), pictured as @name and closed. */
static gboolean
save_new_window (GtkApplication *app,
                 GtkWidget      *widget,
                 const char     *action,
                 GVariant       *parameter,
                 const char     *name,
                 int             width,
                 int             height)
{
  g_autoptr(GList) before = gtk_window_list_toplevels ();
  g_autoptr(GList) after = NULL;
  gboolean ok = FALSE;

  if (widget != NULL)
    gtk_widget_activate_action_variant (widget, action, parameter);
  else
    g_action_group_activate_action (G_ACTION_GROUP (app), action, parameter);
  spin (800);
  /* These windows need not belong to the application: list toplevels. */
  after = gtk_window_list_toplevels ();
  for (GList *l = after; l != NULL; l = l->next)
    if (g_list_find (before, l->data) == NULL && gtk_widget_get_visible (l->data))
      {
        if (width > 0)
          {
            gtk_window_set_default_size (GTK_WINDOW (l->data), width, height);
            spin (600);
          }
        ok = save (GTK_WIDGET (l->data), name);
        gtk_window_destroy (GTK_WINDOW (l->data));
        spin (200);
        break;
      }
  if (!ok)
    g_printerr ("No window for %s\n", name);
  return ok;
}

static gboolean
run_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  VvWindow *window = VV_WINDOW (gtk_application_get_active_window (app));
  GtkWidget *guide = vv_window_get_page (window, "guide");
  GtkWidget *ledger = vv_window_get_page (window, "ledger");
  GtkWidget *training = vv_window_get_page (window, "training");
  const char *pages[] = { "guide", "respite", "cases", "training" };
  g_autofree char *other_ledger = g_build_filename (TEST_SRCDIR, "ledger", "report-cp1252.csv",
                                                    NULL);
  gboolean narrow;
  int dialog_width;
  gboolean ok = TRUE;

  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
  /* --width, or VEIVISER_SHOT_WIDTH (and _HEIGHT): e.g. 360 for the narrow layout. */
  if (g_getenv ("VEIVISER_SHOT_WIDTH") != NULL && window_width == 1280)
    window_width = (int) g_ascii_strtoll (g_getenv ("VEIVISER_SHOT_WIDTH"), NULL, 10);
  narrow = window_width < 600;
  dialog_width = narrow ? window_width : -1;
  gtk_window_set_default_size (GTK_WINDOW (window), window_width,
                               g_getenv ("VEIVISER_SHOT_HEIGHT") != NULL
                               ? (int) g_ascii_strtoll (g_getenv ("VEIVISER_SHOT_HEIGHT"), NULL, 10)
                               : (narrow ? 760 : 820));
  spin (800);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      vv_window_set_visible_page (window, pages[i]);
      spin (600);
      ok &= save (GTK_WIDGET (window), pages[i]);
    }

  /* The ledger with the sample split (read in a thread), a finding's
   * lines, the unit dialog and the import dialog. */
  vv_window_set_visible_page (window, "ledger");
  wait_until (ledger_idle, ledger, 60);
  ok &= save (GTK_WIDGET (window), "ledger");
  gtk_widget_activate_action (ledger, "ledger.show-finding", "u", 0);
  wait_until (lines_shown, ledger, 60);
  ok &= save (GTK_WIDGET (window), "ledger-finding");
  gtk_widget_activate_action (ledger, "ledger.back", NULL);
  spin (400);
  ok &= save_new_window (app, ledger, "ledger.edit-unit", g_variant_new_string ("4101"),
                         "ledger-unit", -1, -1);
  ok &= save_new_window (app, GTK_WIDGET (window), "win.import-file",
                         g_variant_new_string (other_ledger), "ledger-import", dialog_width, 700);

  /* The guide half-way (age question) and with a split result. */
  vv_window_set_visible_page (window, "guide");
  vv_guide_page_set_year (VV_GUIDE_PAGE (guide), 2024);
  answer (guide, "item=care_service");
  answer (guide, "municipal_responsibility=true");
  answer (guide, "service=home_health");
  answer (guide, "residence=shared_housing");
  answer (guide, "provider=attached_base");
  spin (500);
  ok &= save (GTK_WIDGET (window), "guide-question");
  answer (guide, "user_age=45");
  answer (guide, "single_user_base=false");
  answer (guide, "shared_rota=false");
  answer (guide, "share_outside_percent=30");
  spin (600);
  ok &= save (GTK_WIDGET (window), "guide-result");
  if (narrow)
    {
      /* The chart is a button away. */
      gtk_widget_activate_action (guide, "guide.show-chart", NULL);
      spin (800);
      ok &= save (GTK_WIDGET (window), "guide-chart");
      gtk_widget_activate_action (guide, "guide.show-questions", NULL);
      spin (400);
    }
  else
    {
      gtk_widget_activate_action (guide, "guide.zoom-in", NULL);
      gtk_widget_activate_action (guide, "guide.zoom-in", NULL);
      spin (600);
      ok &= save (GTK_WIDGET (window), "guide-zoomed");
      gtk_widget_activate_action (guide, "guide.zoom-fit", NULL);
    }
  /* The guide's result in presentation mode. */
  vv_window_set_presentation (window, TRUE);
  spin (1200);
  ok &= save (GTK_WIDGET (window), "presentation-guide");
  vv_window_set_presentation (window, FALSE);
  spin (600);

  /* The quiz, and the quiz in presentation mode. */
  vv_window_set_visible_page (window, "training");
  gtk_widget_activate_action (training, "training.start", "s", "grunnkurs-257-258");
  spin (800);
  ok &= save (GTK_WIDGET (window), "quiz");
  gtk_widget_activate_action (training, "training.answer", "s", "253");
  spin (600);
  ok &= save (GTK_WIDGET (window), "quiz-answered");
  gtk_widget_activate_action (training, "training.next", NULL);
  spin (400);
  vv_window_set_presentation (window, TRUE);
  spin (1200);
  ok &= save (GTK_WIDGET (window), "presentation");
  vv_window_set_presentation (window, FALSE);
  spin (600);
  gtk_widget_activate_action (training, "training.back", NULL);
  vv_window_set_visible_page (window, "guide");
  spin (400);

  /* Saved from the guide, the case shows up on the cases page. */
  gtk_widget_activate_action (guide, "guide.save-case", NULL);
  spin (400);
  vv_window_set_visible_page (window, "cases");
  spin (800);
  ok &= save (GTK_WIDGET (window), "cases-saved");

  /* The user guide (F1), preferences and About. */
  ok &= save_new_window (app, NULL, "help", NULL, "help", narrow ? window_width : 800, 700);
  ok &= save_new_window (app, NULL, "preferences", NULL, "preferences", dialog_width, 700);
  ok &= save_new_window (app, NULL, "about", NULL, "about", dialog_width, 640);

  /* The keyboard shortcuts. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  spin (800);
  {
    GtkWindow *overlay =
      GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

    if (overlay != NULL)
      {
        ok &= save (GTK_WIDGET (overlay), "shortcuts");
        gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
        spin (200);
      }
  }

  /* The print dialog, pictured and cancelled from inside its own loop. */
  g_timeout_add (1500, print_dialog_cb, NULL);
  gtk_widget_activate_action (guide, "guide.print", NULL);
  spin (300);

  status = ok ? 0 : 1;
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app)
{
  g_timeout_add (200, run_cb, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VvApplication) app = NULL;

  for (int i = 2; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--width="))
      window_width = atoi (argv[i] + strlen ("--width="));
    else if (g_str_equal (argv[i], "--dark"))
      dark = TRUE;
  if (argc < 2 || window_width < 300)
    {
      g_printerr ("Usage: %s OUTPUT-DIR [--width=PIXELS] [--dark]\n", argv[0]);
      return 2;
    }
  out_dir = argv[1];
  g_mkdir_with_parents (out_dir, 0755);

  app = vv_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_application_run (G_APPLICATION (app), 1, argv);
  return status;
}
