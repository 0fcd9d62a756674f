/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-cases-page.h"
#include "vv-guide-page.h"
#include "vv-ledger-page.h"
#include "vv-respite-page.h"
#include "vv-training-page.h"
#include "vv-units.h"
#include "vv-window-private.h"


/* The pages in switcher order, built when first shown or asked for. */
static const struct {
  const char *name;
  GType     (*get_type) (void);
} page_types[] = {
  { "guide", vv_guide_page_get_type },
  { "respite", vv_respite_page_get_type },
  { "cases", vv_cases_page_get_type },
  { "ledger", vv_ledger_page_get_type },
  { "training", vv_training_page_get_type },
};

G_DEFINE_FINAL_TYPE (VvWindow, vv_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PRESENTATION,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_cases_page_open_case_cb (VvWindow    *self,
                                        gint64       id,
                                        VvCasesPage *page);

/* helpers */

static gboolean
settings_has_key (GSettings  *settings,
                  const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key);
}

/* The only place toasts are raised: the title is Pango markup in
 * libadwaita 1.2, so plain text is escaped here, once. */
AdwToast *
_vv_window_toast (VvWindow   *self,
                  const char *text,
                  gboolean    error)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (error)
    {
      /* An error stays until it is read. */
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

static void
vv_window_restore_state (VvWindow *self)
{
  if (settings_has_key (self->settings, "window-width") &&
      settings_has_key (self->settings, "window-height"))
    {
      int width = g_settings_get_int (self->settings, "window-width");
      int height = g_settings_get_int (self->settings, "window-height");

      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
    }
  if (settings_has_key (self->settings, "window-maximized") &&
      g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  if (settings_has_key (self->settings, "last-page"))
    {
      g_autofree char *page = g_settings_get_string (self->settings, "last-page");

      vv_window_set_visible_page (self, page);
    }
}

static void
vv_window_save_state (VvWindow *self)
{
  int width, height;

  if (self->presentation)
    return;
  if (settings_has_key (self->settings, "last-page") && vv_window_get_visible_page (self) != NULL)
    g_settings_set_string (self->settings, "last-page", vv_window_get_visible_page (self));
  if (settings_has_key (self->settings, "window-maximized"))
    g_settings_set_boolean (self->settings, "window-maximized",
                            gtk_window_is_maximized (GTK_WINDOW (self)));
  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (settings_has_key (self->settings, "window-width"))
    g_settings_set_int (self->settings, "window-width", width);
  if (settings_has_key (self->settings, "window-height"))
    g_settings_set_int (self->settings, "window-height", height);
}

static int
page_index (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (page_types); i++)
    if (g_strcmp0 (page_types[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* Each view stack page holds an AdwBin placeholder for the whole life of the
 * window; the real page is put into it the first time it is shown or asked
 * for. The stack itself never changes, so nothing is re-measured or
 * re-parented when a page is built. */
static GtkWidget *
vv_window_ensure_page (VvWindow *self,
                       int       index)
{
  GtkWidget *bin = adw_view_stack_get_child_by_name (self->view_stack, page_types[index].name);
  GtkWidget *page;

  g_assert (ADW_IS_BIN (bin));
  page = adw_bin_get_child (ADW_BIN (bin));
  if (page == NULL)
    {
      page = g_object_new (page_types[index].get_type (), NULL);
      g_object_bind_property (self, "context", page, "context",
                              G_BINDING_DEFAULT | G_BINDING_SYNC_CREATE);
      if (VV_IS_CASES_PAGE (page))
        g_signal_connect_object (page, "open-case", G_CALLBACK (on_cases_page_open_case_cb),
                                 self, G_CONNECT_SWAPPED);
      adw_bin_set_child (ADW_BIN (bin), page);
    }
  return page;
}

static void
vv_window_ensure_visible_page (VvWindow *self)
{
  int index = page_index (adw_view_stack_get_visible_child_name (self->view_stack));

  if (index >= 0)
    vv_window_ensure_page (self, index);
}

/* GTK 4.8 spells some keys by their keysym names ("Escape", "Page_Down")
 * when it has no translation of them: show them as their keycaps read. */
static void
vv_window_name_keys (GtkWidget *widget)
{
  static const struct {
    const char *keysym;
    const char *label;
  } keys[] = {
    { "Escape", "Esc" },
    { "Page_Down", "PgDn" },
    { "Page_Up", "PgUp" },
    { "Left", "←" },
    { "Right", "→" },
    { "Up", "↑" },
    { "Down", "↓" },
    { "plus", "+" },
    { "minus", "−" },
    { "comma", "," },
    { "question", "?" },
    { "Return", "↵" },
  };

  if (GTK_IS_LABEL (widget))
    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), keys[i].keysym) == 0)
        gtk_label_set_text (GTK_LABEL (widget), keys[i].label);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    vv_window_name_keys (c);
}

/* GtkShortcutsWindow titles itself with GTK's "Shortcuts", which GTK has
 * no nynorsk for: give it our own, translated title. */
static void
vv_window_title_help_overlay (VvWindow           *self,
                              GtkShortcutsWindow *overlay)
{
  GtkWidget *stack = NULL;

  gtk_window_set_title (GTK_WINDOW (overlay), _("Keyboard Shortcuts"));
  vv_window_name_keys (GTK_WIDGET (overlay));
  for (GtkWidget *w = GTK_WIDGET (overlay); w != NULL && stack == NULL;)
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (GTK_IS_HEADER_BAR (w))
        stack = gtk_header_bar_get_title_widget (GTK_HEADER_BAR (w));
      /* Depth first through the window's internal children. */
      while (child == NULL && w != NULL && w != GTK_WIDGET (overlay))
        {
          child = gtk_widget_get_next_sibling (w);
          if (child == NULL)
            w = gtk_widget_get_parent (w);
        }
      w = child;
    }
  if (!GTK_IS_STACK (stack))
    return;
  if (GTK_IS_LABEL (gtk_stack_get_child_by_name (GTK_STACK (stack), "title")))
    gtk_label_set_text (GTK_LABEL (gtk_stack_get_child_by_name (GTK_STACK (stack), "title")),
                        _("Keyboard Shortcuts"));
  if (GTK_IS_LABEL (gtk_stack_get_child_by_name (GTK_STACK (stack), "search")))
    gtk_label_set_text (GTK_LABEL (gtk_stack_get_child_by_name (GTK_STACK (stack), "search")),
                        _("Search Results"));
}

/* callbacks */

static void
vv_window_drop_classify (VvWindow *self)
{
  GtkWidget *bin = adw_view_stack_get_child_by_name (self->view_stack, "guide");
  GtkWidget *guide = bin != NULL ? adw_bin_get_child (ADW_BIN (bin)) : NULL;

  g_clear_pointer (&self->classify_ansvar, g_free);
  if (guide != NULL)
    g_clear_signal_handler (&self->guide_finished_handler, guide);
}

static gboolean
focus_page_cb (gpointer user_data)
{
  VvWindow *self = VV_WINDOW (user_data);
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  self->focus_idle = 0;
  if (page != NULL && (focus == NULL || !gtk_widget_is_ancestor (focus, page)))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
  return G_SOURCE_REMOVE;
}

static void
on_view_stack_notify_visible_child_cb (VvWindow *self)
{
  const char *name;

  /* The switcher shows a placeholder: build its page now. */
  vv_window_ensure_visible_page (self);
  name = adw_view_stack_get_visible_child_name (self->view_stack);
  if (g_strcmp0 (name, self->notified_page) == 0)
    return;
  /* Back at the ledger without a result: a later, unrelated result must not
   * be applied to the unit. */
  if (g_strcmp0 (name, "ledger") == 0)
    vv_window_drop_classify (self);
  /* Keyboard users land in the page they switched to, not on the switcher. */
  g_clear_handle_id (&self->focus_idle, g_source_remove);
  self->focus_idle = g_idle_add (focus_page_cb, self);
  g_free (self->notified_page);
  self->notified_page = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VvWindow *self = VV_WINDOW (widget);

  vv_window_set_visible_page (self, g_variant_get_string (parameter, NULL));
}

static void
on_cases_page_open_case_cb (VvWindow    *self,
                            gint64       id,
                            VvCasesPage *page)
{
  VvCaseStore *store;
  VvGuidePage *guide;
  g_autoptr(VvCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;
  store = vv_context_get_case_store (self->context, &error);
  guide = VV_GUIDE_PAGE (vv_window_get_page (self, "guide"));
  if (store != NULL)
    kase = vv_case_store_get (store, id, &error);
  if (kase == NULL || !vv_guide_page_load_case (guide, kase, &error))
    {
      _vv_window_toast (self, error->message, TRUE);
      return;
    }
  vv_window_set_visible_page (self, "guide");
}

static void
on_guide_notify_finished_cb (VvWindow    *self,
                             GParamSpec  *pspec,
                             VvGuidePage *guide)
{
  const VvResult *result;
  g_autofree char *alloc = NULL;
  g_autofree char *ansvar = NULL;
  g_autoptr(GError) error = NULL;
  VvLedgerPage *ledger;

  if (self->classify_ansvar == NULL || !vv_guide_page_get_finished (guide))
    return;
  result = vv_guide_page_get_result (guide);
  if (result == NULL || result->allocations == NULL || result->allocations->len == 0)
    return;

  ansvar = g_steal_pointer (&self->classify_ansvar);
  g_clear_signal_handler (&self->guide_finished_handler, guide);
  alloc = vv_allocation_to_string (result->allocations);
  ledger = VV_LEDGER_PAGE (vv_window_get_page (self, "ledger"));
  /* On success the ledger page says so, with Undo. */
  if (!vv_ledger_page_assign_unit (ledger, ansvar, alloc, &error))
    _vv_window_toast (self, error->message, TRUE);
}

/* win.classify-unit: the ledger hands a unit (an ansvar) to the guide, whose
 * result is applied to that unit. */
static void
classify_unit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VvWindow *self = VV_WINDOW (widget);
  VvGuidePage *guide = VV_GUIDE_PAGE (vv_window_get_page (self, "guide"));
  g_autofree char *text = NULL;

  vv_window_drop_classify (self);
  self->classify_ansvar = g_variant_dup_string (parameter, NULL);
  vv_guide_page_set_year (guide, 2024);
  vv_guide_page_reset (guide);
  self->guide_finished_handler =
    g_signal_connect_object (guide, "notify::finished", G_CALLBACK (on_guide_notify_finished_cb),
                             self, G_CONNECT_SWAPPED);
  vv_window_set_visible_page (self, "guide");
  text = g_strdup_printf (_("Answer the guide’s questions for ansvar %s; its result is applied "
                            "to the unit"), self->classify_ansvar);
  _vv_window_toast (self, text, FALSE);
}

/* win.show-toast and win.show-error: how pages tell the user something. */
static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _vv_window_toast (VV_WINDOW (widget), g_variant_get_string (parameter, NULL),
                   g_str_equal (action_name, "win.show-error"));
}

/* win.show-undo-toast((ssv)): text, then the action its Undo button
 * activates with its target; the action must be one the window reaches
 * (win. or app.). */
static void
show_undo_toast_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  VvWindow *self = VV_WINDOW (widget);
  const char *text, *undo_action;
  g_autoptr(GVariant) target = NULL;
  AdwToast *toast;

  g_variant_get (parameter, "(&s&sv)", &text, &undo_action, &target);
  toast = _vv_window_toast (self, text, FALSE);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* The target first: the toast is already shown, and GTK 4.18 warns when
   * its button gets an action whose parameter type the target lacks. */
  adw_toast_set_action_target_value (toast, target);
  adw_toast_set_action_name (toast, undo_action);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
}

/* The Undo of a unit change on the ledger page. */
static void
undo_ledger_unit_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GtkWidget *ledger = vv_window_get_page (VV_WINDOW (widget), "ledger");

  gtk_widget_activate_action (ledger, "ledger.undo-unit", NULL);
}

/* The Undo of a deleted case: the cases page follows the store. */
static void
undo_delete_case_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  VvWindow *self = VV_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  VvCaseStore *store;

  if (self->context == NULL)
    return;
  store = vv_context_get_case_store (self->context, &error);
  if (store == NULL ||
      !vv_case_store_undelete (store, g_variant_get_int64 (parameter), &error))
    _vv_window_toast (self, error->message, TRUE);
}

/* The Undo of the guide's Start Over. */
static void
undo_guide_reset_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  vv_guide_page_undo_reset (VV_GUIDE_PAGE (vv_window_get_page (VV_WINDOW (widget), "guide")));
}

static gboolean
leave_presentation_cb (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  VvWindow *self = VV_WINDOW (widget);

  if (!self->presentation)
    return FALSE;
  vv_window_set_presentation (self, FALSE);
  return TRUE;
}

static void
show_help_overlay_activated_cb (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  gtk_window_present (vv_window_get_shortcuts_window (VV_WINDOW (user_data)));
}

static const GActionEntry window_entries[] = {
  { "show-help-overlay", show_help_overlay_activated_cb },
};

/* overrides */

static gboolean
vv_window_close_request (GtkWindow *window)
{
  vv_window_save_state (VV_WINDOW (window));

  return GTK_WINDOW_CLASS (vv_window_parent_class)->close_request (window);
}

static void
vv_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VvWindow *self = VV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, vv_window_get_context (self));
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, vv_window_get_presentation (self));
      break;
    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, vv_window_get_visible_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  VvWindow *self = VV_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      /* Construct-only. */
      self->context = g_value_dup_object (value);
      break;
    case PROP_PRESENTATION:
      vv_window_set_presentation (self, g_value_get_boolean (value));
      break;
    case PROP_VISIBLE_PAGE:
      vv_window_set_visible_page (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_window_constructed (GObject *object)
{
  VvWindow *self = VV_WINDOW (object);

  G_OBJECT_CLASS (vv_window_parent_class)->constructed (object);

  if (self->context != NULL)
    {
      self->settings = vv_context_get_settings (self->context);
      vv_window_restore_state (self);
    }
  /* The application (and so the remembered last page) is set by now: build
   * only the page that is shown. */
  vv_window_ensure_visible_page (self);
}

static void
vv_window_finalize (GObject *object)
{
  VvWindow *self = VV_WINDOW (object);

  g_free (self->notified_page);
  g_free (self->classify_ansvar);

  G_OBJECT_CLASS (vv_window_parent_class)->finalize (object);
}

static void
vv_window_dispose (GObject *object)
{
  VvWindow *self = VV_WINDOW (object);

  /* The switchers must let go of the stack before it is disposed, or they
   * unparent its already-gone buttons. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  g_clear_handle_id (&self->focus_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (vv_window_parent_class)->dispose (object);
}

static void
vv_window_class_init (VvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vv_window_constructed;
  object_class->dispose = vv_window_dispose;
  object_class->finalize = vv_window_finalize;
  object_class->get_property = vv_window_get_property;
  object_class->set_property = vv_window_set_property;
  window_class->close_request = vv_window_close_request;

  /**
   * VvWindow:context:
   *
   * What the pages share (database, case store, rules, settings), made by
   * the application; bound to every page's "context".
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvWindow:presentation:
   *
   * Fullscreen with large type, for showing a case to a room.
   */
  properties[PROP_PRESENTATION] =
    g_param_spec_boolean ("presentation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VvWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, VvWindow, leave_presentation_box);
  gtk_widget_class_bind_template_child (widget_class, VvWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, VvWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, VvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VvWindow, view_stack);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  _vv_window_class_actions_init (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.undo-ledger-unit", "s",
                                   undo_ledger_unit_action);
  gtk_widget_class_install_action (widget_class, "win.show-undo-toast", "(ssv)",
                                   show_undo_toast_action);
  gtk_widget_class_install_action (widget_class, "win.undo-delete-case", "x",
                                   undo_delete_case_action);
  gtk_widget_class_install_action (widget_class, "win.undo-guide-reset", "b",
                                   undo_guide_reset_action);
  gtk_widget_class_install_action (widget_class, "win.classify-unit", "s",
                                   classify_unit_action);
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, leave_presentation_cb, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "guide");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "respite");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", "cases");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.show-page", "s", "ledger");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK,
                                       "win.show-page", "s", "training");
}

static void
vv_window_init (VvWindow *self)
{
  GtkWidget *leave;

  gtk_widget_init_template (GTK_WIDGET (self));
  _vv_window_actions_init (self);
  /* In presentation's type at a large text size the way out is wider than
   * a phone: its label wraps. */
  leave = gtk_button_get_child (GTK_BUTTON (gtk_widget_get_first_child (self->leave_presentation_box)));
  gtk_label_set_wrap (GTK_LABEL (leave), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (leave), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (leave), GTK_JUSTIFY_CENTER);
  self->notified_page = g_strdup (adw_view_stack_get_visible_child_name (self->view_stack));

  /* GtkApplication would build the shortcuts window with every window, before
   * its first frame (2 % of a cold start's instructions); it is built when first
   * shown instead. GtkApplicationWindow presents it with this action once set. */
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_entries,
                                   G_N_ELEMENTS (window_entries), self);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_view_stack_notify_visible_child_cb), self,
                           G_CONNECT_SWAPPED);
}

/* public API */

/**
 * vv_window_new:
 * @application: (nullable): the application
 * @context: (nullable): what the pages share; without one (in tests) the
 *   pages save nothing
 *
 * Returns: (transfer none): a new window
 */
VvWindow *
vv_window_new (GtkApplication *application,
               VvContext      *context)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (context == NULL || VV_IS_CONTEXT (context), NULL);

  return g_object_new (VV_TYPE_WINDOW, "application", application, "context", context, NULL);
}

/**
 * vv_window_get_context:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): the context
 */
VvContext *
vv_window_get_context (VvWindow *self)
{
  g_return_val_if_fail (VV_IS_WINDOW (self), NULL);

  return self->context;
}

AdwViewStack *
vv_window_get_view_stack (VvWindow *self)
{
  g_return_val_if_fail (VV_IS_WINDOW (self), NULL);

  return self->view_stack;
}

const char *
vv_window_get_visible_page (VvWindow *self)
{
  g_return_val_if_fail (VV_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
vv_window_set_visible_page (VvWindow   *self,
                            const char *name)
{
  g_return_if_fail (VV_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    {
      g_debug ("No page named %s", name);
      return;
    }
  /* AdwViewStack notifies visible-child, which notifies visible-page. */
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/**
 * vv_window_get_page:
 * @self: the window
 * @name: "guide", "respite", "cases", "ledger" or "training"
 *
 * The page, built now if it was not shown before. It is the child of the
 * view stack's placeholder of that name, which stays the stack's child.
 *
 * Returns: (transfer none) (nullable): the page, or %NULL for an unknown name
 */
GtkWidget *
vv_window_get_page (VvWindow   *self,
                    const char *name)
{
  int index;

  g_return_val_if_fail (VV_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = page_index (name);
  if (index < 0)
    return NULL;
  /* Pages not shown yet are built on first request. */
  return vv_window_ensure_page (self, index);
}

/**
 * vv_window_show_toast:
 * @self: the window
 * @text: plain text (not markup)
 *
 * What win.show-toast does.
 */
void
vv_window_show_toast (VvWindow   *self,
                      const char *text)
{
  g_return_if_fail (VV_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  _vv_window_toast (self, text, FALSE);
}

gboolean
vv_window_get_presentation (VvWindow *self)
{
  g_return_val_if_fail (VV_IS_WINDOW (self), FALSE);

  return self->presentation;
}

void
vv_window_set_presentation (VvWindow *self,
                            gboolean  presentation)
{
  g_return_if_fail (VV_IS_WINDOW (self));

  presentation = !!presentation;
  if (self->presentation == presentation)
    return;

  if (presentation)
    vv_window_save_state (self);
  self->presentation = presentation;

  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), !presentation);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), !presentation);
  /* Presentation shows the page one is on (the quiz stays the quiz), in
   * large type, and says how to leave. */
  gtk_widget_set_visible (self->leave_presentation_box, presentation);
  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      if (g_strcmp0 (vv_window_get_visible_page (self), "guide") == 0)
        vv_guide_page_set_presentation (VV_GUIDE_PAGE (vv_window_get_page (self, "guide")), TRUE);
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      GtkWidget *bin = adw_view_stack_get_child_by_name (self->view_stack, "guide");
      GtkWidget *guide = adw_bin_get_child (ADW_BIN (bin));

      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      if (guide != NULL)
        vv_guide_page_set_presentation (VV_GUIDE_PAGE (guide), FALSE);
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION]);
}

/**
 * vv_window_get_shortcuts_window:
 * @self: the window
 *
 * The window's keyboard shortcuts window (its help overlay), built the
 * first time it is asked for.
 *
 * Returns: (transfer none): the shortcuts window
 */
GtkWindow *
vv_window_get_shortcuts_window (VvWindow *self)
{
  GtkShortcutsWindow *overlay;

  g_return_val_if_fail (VV_IS_WINDOW (self), NULL);

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource (VV_RESOURCE_PATH "/ui/shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
      vv_window_title_help_overlay (self, overlay);
    }
  return GTK_WINDOW (overlay);
}
