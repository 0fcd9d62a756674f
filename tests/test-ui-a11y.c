/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-a11y"

#include "config.h"

#include <adwaita.h>

#include "vv-application.h"
#include "vv-i18n.h"
#include "vv-window.h"

static const char *page_names[] = { "guide", "respite", "cases", "ledger", "training" };

static void
spin (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

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
         gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Buttons that show no text must say what they do, on themselves or on the
 * composite that owns them (a GtkMenuButton's inner toggle button). */
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

      if (parent == NULL ||
          !((GTK_IS_MENU_BUTTON (parent) || ADW_IS_SPLIT_BUTTON (parent)) && is_described (parent)))
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

static VvWindow *
window_new (void)
{
  VvWindow *window = vv_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  return window;
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
      spin ();
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
  gtk_window_destroy (GTK_WINDOW (window));
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
      spin ();
      g_assert_cmpstr (vv_window_get_visible_page (window), ==, page_names[i - 1]);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_ctrl_f_focuses_search (void)
{
  VvWindow *window = window_new ();
  g_autoptr(GtkShortcut) shortcut = find_shortcut (GTK_WIDGET (window), "<Control>f");
  GtkWidget *focus;

  g_assert_nonnull (shortcut);
  vv_window_set_visible_page (window, "cases");
  spin ();
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                               GTK_WIDGET (window),
                                               gtk_shortcut_get_arguments (shortcut)));
  spin ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
  g_assert_true (gtk_widget_is_ancestor (focus, vv_window_get_page (window, "cases")));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  vv_i18n_init ("en");
  if (!gtk_init_check ())
    {
      g_printerr ("test-ui-a11y: cannot open a display, skipping\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/a11y/buttons-labelled", test_buttons_labelled);
  g_test_add_func ("/a11y/alt-number-switches-pages", test_alt_number_switches_pages);
  g_test_add_func ("/a11y/ctrl-f-focuses-search", test_ctrl_f_focuses_search);

  return g_test_run ();
}
