/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-a11y"

#include "config.h"

#include <adwaita.h>

#include "test-ui-util.h"
#include "vv-application.h"
#include "vv-window.h"

static const char *page_names[] = { "guide", "respite", "cases", "ledger", "training" };

static gboolean
has_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_text (c))
      return TRUE;
  return FALSE;
}

static gboolean
is_described (GtkWidget *widget)
{
  return gtk_widget_get_tooltip_text (widget) != NULL ||
         gtk_widget_get_tooltip_markup (widget) != NULL ||
         gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* Buttons that show no text must say what they do, on themselves or on the
 * composite that owns them (a GtkMenuButton's inner toggle button). GtkButton
 * always sets the labelled-by relation to its child, even to an icon, so that
 * relation proves nothing and is not counted. */
static void
collect_unlabelled (GtkWidget *widget,
                    GPtrArray *bad,
                    guint     *n_icon_only)
{
  if (GTK_IS_BUTTON (widget) && !has_text (widget))
    (*n_icon_only)++;
  if (GTK_IS_BUTTON (widget) && !has_text (widget) && !is_described (widget))
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      /* GtkSpinButton's own +/- buttons are GTK's; the spin button itself
       * carries the label and the value. */
      if (parent != NULL && GTK_IS_SPIN_BUTTON (parent))
        ;
      else if (parent == NULL ||
               !((GTK_IS_MENU_BUTTON (parent) || ADW_IS_SPLIT_BUTTON (parent)) &&
                 is_described (parent)))
        {
          const char *icon = GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget)) : NULL;
          const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));

          g_ptr_array_add (bad, g_strdup_printf ("%s (icon %s, action %s, in %s)",
                                                 G_OBJECT_TYPE_NAME (widget),
                                                 icon ? icon : "-", action ? action : "-",
                                                 parent ? G_OBJECT_TYPE_NAME (parent) : "-"));
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_unlabelled (c, bad, n_icon_only);
}

static VvWindow *shared_window;

/* One window for the tests that walk the pages: building and showing all
 * five pages is the slow part. */
static VvWindow *
window_new (void)
{
  if (shared_window == NULL)
    {
      g_autoptr(VvContext) context = vv_test_context_new ("a11y.db");

      shared_window = vv_window_new (NULL, context);
      gtk_window_present (GTK_WINDOW (shared_window));
      vv_test_spin ();
    }
  vv_window_set_visible_page (shared_window, "guide");
  vv_test_spin ();
  return shared_window;
}

static void
test_buttons_labelled (void)
{
  VvWindow *window = window_new ();
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  guint n_icon_only = 0;

  /* Pages build parts of their content when first shown. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      vv_window_set_visible_page (window, page_names[i]);
      vv_test_spin ();
    }
  collect_unlabelled (GTK_WIDGET (window), bad, &n_icon_only);
  for (guint i = 0; i < bad->len; i++)
    g_test_message ("no tooltip or accessible label: %s", (char *) bad->pdata[i]);
  g_assert_cmpuint (bad->len, ==, 0);

  /* The walk does meet icon-only buttons: presentation mode, the main menu,
   * the pages' toolbars. */
  g_test_message ("%u icon-only buttons checked", n_icon_only);
  g_assert_cmpuint (n_icon_only, >=, 5);

  /* The check itself flags an icon-only button that says nothing, and
   * accepts it once it has a tooltip or an accessible label. */
  {
    GtkWidget *button = g_object_ref_sink (gtk_button_new_from_icon_name ("edit-delete-symbolic"));
    g_autoptr(GPtrArray) probe = g_ptr_array_new_with_free_func (g_free);
    guint n = 0;

    collect_unlabelled (button, probe, &n);
    g_assert_cmpuint (probe->len, ==, 1);
    g_ptr_array_set_size (probe, 0);
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    "Delete", -1);
    collect_unlabelled (button, probe, &n);
    g_assert_cmpuint (probe->len, ==, 0);
    g_object_unref (button);
  }
}

/* The GtkShortcut of @widget's class bindings with trigger @accel. */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *accel)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, accel) == 0)
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

static void
test_alt_number_switches_pages (void)
{
  VvWindow *window = window_new ();

  /* Backwards, so that each shortcut really changes the page. */
  for (guint i = G_N_ELEMENTS (page_names); i > 0; i--)
    {
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i);
      g_autoptr(GtkShortcut) shortcut = find_shortcut (GTK_WIDGET (window), accel);

      g_assert_nonnull (shortcut);
      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                   GTK_WIDGET (window),
                                                   gtk_shortcut_get_arguments (shortcut)));
      vv_test_spin ();
      g_assert_cmpstr (vv_window_get_visible_page (window), ==, page_names[i - 1]);
    }
}

static void
test_ctrl_f_focuses_search (void)
{
  VvWindow *window = window_new ();
  g_autoptr(GtkShortcut) shortcut = find_shortcut (GTK_WIDGET (window), "<Control>f");
  GtkWidget *focus;

  g_assert_nonnull (shortcut);
  vv_window_set_visible_page (window, "cases");
  vv_test_spin ();
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (window),
                                               gtk_shortcut_get_arguments (shortcut)));
  vv_test_spin ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
  g_assert_true (gtk_widget_is_ancestor (focus, vv_window_get_page (window, "cases")));
}

static void
assert_color (GtkWidget  *widget,
              const char *expected)
{
  GdkRGBA color, want;

  g_assert_true (gdk_rgba_parse (&want, expected));
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  g_assert_cmpfloat_with_epsilon (color.red, want.red, 0.01);
  g_assert_cmpfloat_with_epsilon (color.green, want.green, 0.01);
  g_assert_cmpfloat_with_epsilon (color.blue, want.blue, 0.01);
}

/* The application's style-dark.css gives the outcome colours lighter shades
 * when the dark style is on. */
static void
test_dark_style (void)
{
  g_autoptr(VvApplication) app = vv_application_new ();
  g_autoptr(GError) error = NULL;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *label = gtk_label_new ("258");

  g_application_set_application_id (G_APPLICATION (app), VV_APP_ID ".A11yTest");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* AdwApplication's startup loaded style.css for the whole display. */
  g_object_ref_sink (label);
  gtk_widget_add_css_class (label, "result-function");
  gtk_widget_add_css_class (label, "function-258");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  vv_test_spin ();
  g_assert_false (adw_style_manager_get_dark (manager));
  assert_color (label, "#1a5eb5");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  vv_test_spin ();
  g_assert_true (adw_style_manager_get_dark (manager));
  assert_color (label, "#62a0ea");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  g_object_unref (label);
  vv_test_spin ();
}

static gboolean
strv_has (char      **strv,
          const char *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

/* The shortcuts window lists Ctrl+Q, Ctrl+?, F1, F5, Ctrl+F and Alt+1…5,
 * either as an accelerator or through an action the application binds. */
static void
test_shortcuts_window (void)
{
  g_autoptr(VvApplication) app = vv_application_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *wanted[] = { "<Control>q", "<Control>question", "F1", "F5", "<Control>f",
                           "<Alt>1", "<Alt>2", "<Alt>3", "<Alt>4", "<Alt>5" };
  GSList *objects;

  g_application_set_application_id (G_APPLICATION (app), VV_APP_ID ".ShortcutsTest");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  builder = gtk_builder_new_from_resource (VV_RESOURCE_PATH "/ui/shortcuts-window.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action, NULL);
      if (accelerator != NULL)
        g_ptr_array_add (accels, g_steal_pointer (&accelerator));
      if (action != NULL)
        {
          g_auto(GStrv) bound = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                       action);

          g_assert_true (bound != NULL && bound[0] != NULL);
          for (guint i = 0; bound[i] != NULL; i++)
            g_ptr_array_add (accels, g_strdup (bound[i]));
        }
    }
  g_slist_free (objects);
  g_ptr_array_add (accels, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      if (!strv_has ((char **) accels->pdata, wanted[i]))
        g_error ("%s is not in the shortcuts window", wanted[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!vv_test_ui_init (&argc, &argv, "en"))
    return 77;

  g_test_add_func ("/a11y/buttons-labelled", test_buttons_labelled);
  g_test_add_func ("/a11y/alt-number-switches-pages", test_alt_number_switches_pages);
  g_test_add_func ("/a11y/ctrl-f-focuses-search", test_ctrl_f_focuses_search);
  g_test_add_func ("/a11y/dark-style", test_dark_style);
  g_test_add_func ("/a11y/shortcuts-window", test_shortcuts_window);

  status = g_test_run ();
  if (shared_window != NULL)
    gtk_window_destroy (GTK_WINDOW (shared_window));
  return vv_test_ui_finish (status);
}
