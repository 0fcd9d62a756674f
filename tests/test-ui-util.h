/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test-ui-util.h: what every UI test needs (GNOME Console's
 * tests/kgx-test-gtk-utils.h): start GTK in a throw-away data home, spin the
 * main loop, wait for a condition, find widgets by type, name or label,
 * answer and close message dialogs, a context on a fresh database, and the
 * windows a test runs in: a plain one around a widget, or the application's.
 *
 *   int main (int argc, char *argv[])
 *   {
 *     if (!vv_test_ui_init (&argc, &argv, "en"))
 *       return 77;
 *     g_test_add_func (…);
 *     return vv_test_ui_finish (g_test_run ());
 *   }
 */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "vv-application.h"
#include "vv-context.h"
#include "vv-guide-page.h"
#include "vv-i18n.h"
#include "vv-message-dialog.h"
#include "vv-window.h"

G_BEGIN_DECLS

static char *vv_test_data_home_path;

/* Never the user's own database or settings: a fresh data, config and cache
 * home per run, removed by vv_test_ui_finish(). */
static inline const char *
vv_test_data_home (void)
{
  g_assert_nonnull (vv_test_data_home_path);
  return vv_test_data_home_path;
}

/**
 * vv_test_ui_init:
 * @lang: (nullable): the interface language ("en", "nb" or "nn"); %NULL
 *   for the one given as `--language=xx` (meson runs some tests once per
 *   language) or in $LANGUAGE, else English
 *
 * Returns: %FALSE when there is no display (the test then exits with 77)
 */
static inline gboolean
vv_test_ui_init (int         *argc,
                 char      ***argv,
                 const char  *lang)
{
  /* A test's environment is shared by every run in tests/meson.build, so
   * the language comes as an argument. */
  for (int i = 1; i < *argc; i++)
    if (g_str_has_prefix ((*argv)[i], "--language="))
      {
        g_setenv ("LANGUAGE", (*argv)[i] + strlen ("--language="), TRUE);
        memmove (&(*argv)[i], &(*argv)[i + 1], sizeof (char *) * (size_t) (*argc - i));
        (*argc)--;
        break;
      }
  if (lang == NULL)
    lang = g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "en";
  vv_test_data_home_path = g_dir_make_tmp ("veiviser-ui-XXXXXX", NULL);
  g_assert_nonnull (vv_test_data_home_path);
  g_setenv ("XDG_DATA_HOME", vv_test_data_home_path, TRUE);
  g_setenv ("XDG_CONFIG_HOME", vv_test_data_home_path, TRUE);
  g_setenv ("XDG_CACHE_HOME", vv_test_data_home_path, TRUE);
  g_unsetenv ("VEIVISER_DB");
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  /* GTK's in-process test backend: no AT-SPI bus to reach (or to find gone). */
  g_setenv ("GTK_A11Y", "test", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();
  vv_i18n_init (lang);
  if (!gtk_init_check ())
    {
      g_printerr ("%s: cannot open a display, skipping\n", g_get_prgname ());
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

static inline void
vv_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          vv_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Removes the throw-away data home; returns @status. */
static inline int
vv_test_ui_finish (int status)
{
  if (vv_test_data_home_path != NULL)
    vv_test_remove_tree (vv_test_data_home_path);
  g_clear_pointer (&vv_test_data_home_path, g_free);
  return status;
}

/* main loop */

/* Runs what is pending, a few rounds (idles queue idles). */
static inline void
vv_test_spin (void)
{
  for (int i = 0; i < 10; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

typedef gboolean (*VvTestCondition) (gpointer data);

/* Spins until @condition holds or @timeout_ms pass; returns whether it held. */
static inline gboolean
vv_test_wait_for (VvTestCondition condition,
                  gpointer        data,
                  guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  return TRUE;
}

/* Runs the main loop for @ms milliseconds, so that the frame clock restyles
 * and lays out the windows (a class set on a window takes effect on the
 * next frame). */
static inline void
vv_test_settle (guint ms)
{
  for (gint64 end = g_get_monotonic_time () + ms * 1000; g_get_monotonic_time () < end;)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (5000);
}

typedef struct
{
  GtkWidget *content;
  int        width;
} VvTestWidth;

static inline gboolean
vv_test_width_is_cb (gpointer data)
{
  VvTestWidth *w = data;

  /* Under Xvfb without a window manager the window keeps its size (not
   * full screen), give or take its frame. */
  return ABS (gtk_widget_get_width (w->content) - w->width) <= 12;
}

/* Whether the content of @window (an AdwApplicationWindow) is @width wide. */
static inline gboolean
vv_test_content_width_is (GtkWindow *window,
                          int        width)
{
  VvTestWidth w = { adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)), width };

  return vv_test_width_is_cb (&w);
}

/* Sizes @window (an AdwApplicationWindow) to @width × @height and waits
 * until its content has that width. Asked again when it has not: the X
 * server's answer to an earlier size can arrive after the request and set
 * the window's size back. */
static inline void
vv_test_resize (GtkWindow *window,
                int        width,
                int        height)
{
  VvTestWidth w = { adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)), width };
  gboolean sized = FALSE;

  for (int i = 0; i < 5 && !sized; i++)
    {
      gtk_window_set_default_size (window, width, height);
      sized = vv_test_wait_for (vv_test_width_is_cb, &w, 3000);
    }
  g_test_message ("asked for %d px wide, have %d px", width, gtk_widget_get_width (w.content));
  g_assert_true (sized);
}

/* finding widgets */

static inline gboolean
vv_test_is_shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
      return FALSE;
  return TRUE;
}

typedef gboolean (*VvTestMatch) (GtkWidget  *widget,
                                 const void *data);

/* The first widget under @root (itself included, depth first) that @match
 * accepts; only shown ones when @shown. */
static inline GtkWidget *
vv_test_find (GtkWidget   *root,
              VvTestMatch  match,
              const void  *data,
              gboolean     shown)
{
  if (match (root, data) && (!shown || vv_test_is_shown (root)))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = vv_test_find (c, match, data, shown);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static inline guint
vv_test_count (GtkWidget   *root,
               VvTestMatch  match,
               const void  *data,
               gboolean     shown)
{
  guint n = match (root, data) && (!shown || vv_test_is_shown (root)) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n += vv_test_count (c, match, data, shown);
  return n;
}

static inline gboolean
vv_test_match_type (GtkWidget  *widget,
                    const void *data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *) data);
}

static inline GtkWidget *
vv_test_find_by_type (GtkWidget *root,
                      GType      type)
{
  return vv_test_find (root, vv_test_match_type, &type, FALSE);
}

static inline GtkWidget *
vv_test_find_shown_by_type (GtkWidget *root,
                            GType      type)
{
  return vv_test_find (root, vv_test_match_type, &type, TRUE);
}

static inline gboolean
vv_test_match_name (GtkWidget  *widget,
                    const void *data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0 ||
         g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), data) == 0;
}

/* By widget name (the .ui "name" property) or template id. */
static inline GtkWidget *
vv_test_find_by_name (GtkWidget  *root,
                      const char *name)
{
  return vv_test_find (root, vv_test_match_name, name, FALSE);
}

/* The text a person reads on @widget: a label's text, a button's or row's
 * label or title (mnemonic underlines removed). */
static inline char *
vv_test_dup_text (GtkWidget *widget)
{
  const char *text = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget))
    text = gtk_button_get_label (GTK_BUTTON (widget));
  else if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  else if (ADW_IS_PREFERENCES_GROUP (widget))
    text = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));
  else if (ADW_IS_STATUS_PAGE (widget))
    text = adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  if (text == NULL)
    return NULL;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    {
      GString *plain = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p++)
        if (*p != '_' || p[1] == '_')
          g_string_append_c (plain, *p);
      return g_string_free (plain, FALSE);
    }
  return g_strdup (text);
}

/* Names the innermost shown widgets whose minimum width is over @limit (a
 * failing width test's explanation), and when one is only together too
 * wide, what each of its parts takes. */
static inline void
vv_test_report_wide (GtkWidget *widget,
                     int        limit)
{
  gboolean child_wide = FALSE;
  int min;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_visible (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > limit)
        {
          child_wide = TRUE;
          vv_test_report_wide (c, limit);
        }
    }
  if (child_wide)
    return;
  {
    g_autofree char *text = vv_test_dup_text (widget);
    const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

    gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_printerr ("too wide: %s %s (%s) %d px\n", G_OBJECT_TYPE_NAME (widget),
                id != NULL ? id : "", text != NULL ? text : "", min);
  }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_visible (c))
      {
        g_autofree char *part = vv_test_dup_text (c);

        gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
        g_printerr ("  part: %s (%s) %d px\n", G_OBJECT_TYPE_NAME (c),
                    part != NULL ? part : "", min);
      }
}

typedef struct
{
  const char *text;
  GType       type;
  gboolean    substring;
} VvTestLabelQuery;

static inline gboolean
vv_test_match_label (GtkWidget  *widget,
                     const void *data)
{
  const VvTestLabelQuery *q = data;
  g_autofree char *text = NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, q->type))
    return FALSE;
  text = vv_test_dup_text (widget);
  if (text == NULL)
    return FALSE;
  return q->substring ? strstr (text, q->text) != NULL : g_str_equal (text, q->text);
}

/* A shown widget of @type (a label, button, row …) reading exactly @text. */
static inline GtkWidget *
vv_test_find_by_label (GtkWidget  *root,
                       GType       type,
                       const char *text)
{
  VvTestLabelQuery q = { text, type, FALSE };

  return vv_test_find (root, vv_test_match_label, &q, TRUE);
}

/* A shown widget of @type whose text contains @text. */
static inline GtkWidget *
vv_test_find_by_label_part (GtkWidget  *root,
                            GType       type,
                            const char *text)
{
  VvTestLabelQuery q = { text, type, TRUE };

  return vv_test_find (root, vv_test_match_label, &q, TRUE);
}

typedef struct
{
  GType       type;
  const char *css_class;
  const char *text;
} VvTestClassQuery;

static inline gboolean
vv_test_match_class (GtkWidget  *widget,
                     const void *data)
{
  const VvTestClassQuery *q = data;
  g_autofree char *text = NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, q->type) ||
      (q->css_class != NULL && !gtk_widget_has_css_class (widget, q->css_class)))
    return FALSE;
  if (q->text == NULL)
    return TRUE;
  text = vv_test_dup_text (widget);
  return g_strcmp0 (text, q->text) == 0;
}

/* A shown widget of @type with, when not %NULL, @css_class and exactly @text. */
static inline GtkWidget *
vv_test_find_with_class (GtkWidget  *root,
                         GType       type,
                         const char *css_class,
                         const char *text)
{
  VvTestClassQuery q = { type, css_class, text };

  return vv_test_find (root, vv_test_match_class, &q, TRUE);
}

/* A shown label with exactly @text and, when not %NULL, @css_class. */
static inline GtkLabel *
vv_test_find_label (GtkWidget  *root,
                    const char *text,
                    const char *css_class)
{
  return (GtkLabel *) vv_test_find_with_class (root, GTK_TYPE_LABEL, css_class, text);
}

/* Any toplevel (window, dialog) showing a label with @text. */
static inline gboolean
vv_test_any_window_shows (const char *text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window) &&
          vv_test_find_by_label_part (window, GTK_TYPE_LABEL, text) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* message dialogs */

/* The shown message dialog whose heading is @heading (any when %NULL). */
static inline AdwMessageDialog *
vv_test_find_message_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (heading == NULL ||
           g_strcmp0 (vv_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Answers @dialog as a click on @response would, and closes it. */
static inline void
vv_test_message_dialog_respond (AdwMessageDialog *dialog,
                                const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  vv_test_spin ();
}

/* Closes every shown message dialog with its close response; returns how many. */
static inline guint
vv_test_close_message_dialogs (void)
{
  AdwMessageDialog *dialog;
  guint n = 0;

  while ((dialog = vv_test_find_message_dialog (NULL)) != NULL)
    {
      vv_test_message_dialog_respond (dialog, adw_message_dialog_get_close_response (dialog));
      n++;
    }
  return n;
}

/* the context */

/* A context on a fresh database named @db_name in the data home, with the
 * (memory-backed) settings when the schema is compiled. */
static inline VvContext *
vv_test_context_new (const char *db_name)
{
  g_autofree char *path = g_build_filename (vv_test_data_home (), db_name, NULL);
  g_autoptr(VvContext) probe = vv_context_new_default ();

  g_unlink (path);
  return vv_context_new (vv_context_get_settings (probe), NULL, path);
}

/* Hides and destroys @window, letting pending work (tooltips, idles) end. */
static inline void
vv_test_destroy_window (GtkWidget *window)
{
  gtk_widget_set_visible (window, FALSE);
  vv_test_spin ();
  gtk_window_destroy (GTK_WINDOW (window));
  vv_test_spin ();
}

/* Spins until @object's boolean "busy" property (a page's worker) is
 * %FALSE, at most @timeout_ms; fails the test when it stays busy. */
static inline void
vv_test_wait_not_busy (gpointer object,
                       guint    timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean busy = TRUE;

  vv_test_spin ();
  while (g_object_get (object, "busy", &busy, NULL), busy)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  vv_test_spin ();
}

/* windows */

/* A window of @width × @height holding @child; not shown yet. */
static inline GtkWidget *
vv_test_window_new (GtkWidget *child,
                    int        width,
                    int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  return window;
}

/* The application and its main window, as a user starts them (registered,
 * not unique, on the throw-away data home), shown at @width × @height. */
static inline VvWindow *
vv_test_app_window_new (VvApplication **app,
                        int             width,
                        int             height)
{
  g_autoptr(GError) error = NULL;
  VvWindow *window;

  *app = vv_application_new ();
  g_application_set_flags (G_APPLICATION (*app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (*app), NULL, &error));
  g_assert_no_error (error);
  window = vv_window_new (GTK_APPLICATION (*app), vv_application_get_context (*app));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  vv_test_spin ();
  return window;
}

/* Destroys the window of vv_test_app_window_new() and drops the application. */
static inline void
vv_test_app_window_destroy (VvWindow       *window,
                            VvApplication **app)
{
  gtk_window_destroy (GTK_WINDOW (window));
  vv_test_spin ();
  g_clear_object (app);
}

/* the guide */

/* The guide's worked case: home nursing from a base attached to shared
 * housing, a user of 45, 30 % of the staff's time outside the housing; its
 * result splits the cost between 257 and 258. */
static const char * const vv_test_guide_answers[] = {
  "item=care_service", "municipal_responsibility=true", "service=home_health",
  "residence=shared_housing", "provider=attached_base",
  "user_age=45", "single_user_base=false", "shared_rota=false", "share_outside_percent=30",
};

/* Shows @window's guide, starts a new case for 2024 and answers the first
 * @n_answers of vv_test_guide_answers (all of them: the result); returns
 * the guide page. */
static inline GtkWidget *
vv_test_answer_guide_case (VvWindow *window,
                           guint     n_answers)
{
  GtkWidget *guide = vv_window_get_page (window, "guide");

  g_assert_cmpuint (n_answers, <=, G_N_ELEMENTS (vv_test_guide_answers));
  vv_window_set_visible_page (window, "guide");
  vv_test_spin ();
  gtk_widget_activate_action (guide, "guide.reset", NULL);
  vv_guide_page_set_year (VV_GUIDE_PAGE (guide), 2024);
  for (guint i = 0; i < n_answers; i++)
    g_assert_true (gtk_widget_activate_action (guide, "guide.answer", "s",
                                               vv_test_guide_answers[i]));
  vv_test_spin ();
  return guide;
}

/* contrast */

/* The relative luminance (WCAG 2) of an opaque pixel of a downloaded texture. */
static inline double
vv_test_luminance (const guchar *bgra)
{
  double c[3];

  for (int i = 0; i < 3; i++)
    {
      double v = bgra[2 - i] / 255.0;

      c[i] = v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4);
    }
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* The contrast (WCAG 2, 1 to 21) of @widget's text with its background as
 * its window draws it, with every style and filter applied: the background
 * is the colour most of the widget's pixels have (its edges left out), the
 * text the pixel with the most contrast to it. */
static inline double
vv_test_drawn_contrast (GtkWidget *widget)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autofree guchar *data = NULL;
  graphene_rect_t bounds;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  gsize stride = (gsize) width * 4;
  guint32 bg = 0;
  guint most = 0;
  double l_bg, best = 1.0;
  int x0, y0, x1, y1;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  data = g_malloc (stride * height);
  gdk_texture_download (texture, data, stride);
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  x0 = MAX (0, (int) bounds.origin.x + 3);
  y0 = MAX (0, (int) bounds.origin.y + 3);
  x1 = MIN (width, (int) (bounds.origin.x + bounds.size.width) - 3);
  y1 = MIN (height, (int) (bounds.origin.y + bounds.size.height) - 3);
  g_assert_cmpint (x0, <, x1);
  g_assert_cmpint (y0, <, y1);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel;
        guint n;

        memcpy (&pixel, data + y * stride + x * 4, 4);
        n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (pixel))) + 1;
        g_hash_table_insert (counts, GUINT_TO_POINTER (pixel), GUINT_TO_POINTER (n));
        if (n > most)
          {
            most = n;
            bg = pixel;
          }
      }
  l_bg = vv_test_luminance ((const guchar *) &bg);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        double l = vv_test_luminance (data + y * stride + x * 4);

        best = MAX (best, (MAX (l, l_bg) + 0.05) / (MIN (l, l_bg) + 0.05));
      }
  return best;
}

/* screenshots */

/* With VV_SCREENSHOT_DIR set, lets transitions settle and writes @widget as
 * VV_SCREENSHOT_DIR/@name.png (how a screen looks in nb and nn, light and
 * dark, wide and narrow); without it, does nothing. */
static inline void
vv_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  const char *dir = g_getenv ("VV_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  vv_test_settle (700);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_printerr ("wrote %s (%d × %d)\n", path, width, height);
}

G_END_DECLS
