/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-lines-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vv-format.h"
#include "vv-ledger-line-item.h"
#include "vv-ledger-lines-view.h"
#include "vv-split.h"

/* The ledger lines behind a finding: a column view over the session's
 * lazily paged line model, with a search that filters it a page at a time
 * (incrementally, so a million lines never block the window). */
struct _VvLedgerLinesView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkColumnView       *lines_view;
  GtkRevealer         *search_bar;
  GtkSearchEntry      *search_entry;
  GtkLabel            *subtitle_label;
  GtkLabel            *title_label;

  /* Owned */
  GListModel          *lines;
  GtkFilterListModel  *filtered;
  GtkCustomFilter     *filter;
  char                *needle;   /* casefolded search text, NULL for all */
};

G_DEFINE_FINAL_TYPE (VvLedgerLinesView, vv_ledger_lines_view, ADW_TYPE_BIN)

/* helpers */

static void
update_subtitle (VvLedgerLinesView *self)
{
  g_autofree char *n_text = NULL;
  g_autofree char *count = NULL;
  guint n = vv_ledger_lines_view_get_n_shown (self);

  n_text = vv_format_count (n);
  count = g_strdup_printf (ngettext ("%s line", "%s lines", n), n_text);
  gtk_label_set_text (self->subtitle_label, count);
}

static gboolean
line_matches (gpointer item,
              gpointer user_data)
{
  VvLedgerLinesView *self = user_data;
  const VvStoredLine *l = vv_ledger_line_item_get_line (item);
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;

  if (self->needle == NULL)
    return TRUE;
  if (l->ansvar != NULL && strstr (l->ansvar, self->needle) != NULL)
    return TRUE;
  amount = vv_format_kroner (l->amount_ore);
  if (strstr (amount, self->needle) != NULL)
    return TRUE;
  text = l->text != NULL ? g_utf8_casefold (l->text, -1) : NULL;
  return text != NULL && strstr (text, self->needle) != NULL;
}

/* The tooltip (the line as it stands in the file) is looked up when it is
 * shown: setting it at every bind makes GTK 4.8 ask the X server where the
 * pointer is, a round trip per cell that made scrolling stutter. */
static gboolean
on_cell_query_tooltip_cb (GtkWidget   *label,
                          int          x,
                          int          y,
                          gboolean     keyboard,
                          GtkTooltip  *tooltip,
                          GtkListItem *item)
{
  VvLedgerLineItem *line_item = gtk_list_item_get_item (item);
  const VvStoredLine *l = line_item != NULL ? vv_ledger_line_item_get_line (line_item) : NULL;

  if (l == NULL || l->raw == NULL || *l->raw == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, l->raw);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  /* Room for a whole value: a narrow window scrolls the table sideways
   * rather than cutting "2024" to "…". */
  static const int width_chars[] = { 4, 4, 2, 6, 3, 3, 12, 16 };
  GtkWidget *label = gtk_label_new (NULL);
  guint column = GPOINTER_TO_UINT (user_data);

  g_assert (column < G_N_ELEMENTS (width_chars));
  gtk_label_set_xalign (GTK_LABEL (label), column == 3 || column == 7 ? 0.0 : 1.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars[column]);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_has_tooltip (label, TRUE);
  /* The item owns the label, so it outlives the handler. */
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), item);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  VvLedgerLineItem *line_item = gtk_list_item_get_item (item);
  const VvStoredLine *l = vv_ledger_line_item_get_line (line_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_UINT (user_data))
    {
    case 0:
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, l->line_no);
      break;
    case 1:
      text = l->year ? g_strdup_printf ("%d", l->year) : g_strdup ("");
      break;
    case 2:
      text = l->period ? g_strdup_printf ("%02d", l->period) : g_strdup ("");
      break;
    case 3:
      text = g_strdup (l->ansvar);
      break;
    case 4:
      text = g_strdup_printf ("%03u", l->function);
      break;
    case 5:
      text = g_strdup_printf ("%03u", l->art);
      break;
    case 6:
      text = vv_format_amount (l->amount_ore);
      break;
    default:
      text = g_strdup (l->text);
      break;
    }
  gtk_label_set_text (label, text);
}

static void
setup_columns (VvLedgerLinesView *self)
{
  static const char *const titles[] = {
    N_("Line"), N_("Year"), N_("Period"), N_("Ansvar"), N_("Function"), N_("Art"),
    N_("Amount"), N_("Text")
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_expand (column, i == 7);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->lines_view, column);
      g_object_unref (column);
    }
}

static void
apply_search (VvLedgerLinesView *self,
              const char        *text)
{
  g_autofree char *needle = *text != '\0' ? g_utf8_casefold (text, -1) : NULL;

  if (g_strcmp0 (needle, self->needle) == 0)
    return;
  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  if (self->filtered == NULL)
    return;
  if (self->needle == NULL)
    gtk_filter_list_model_set_filter (self->filtered, NULL);
  else if (gtk_filter_list_model_get_filter (self->filtered) == NULL)
    gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (self->filter));
  else
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* callbacks */

static void
on_search_changed_cb (VvLedgerLinesView *self)
{
  apply_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Esc: the search ends, and every line shows again. */
static void
on_stop_search_cb (VvLedgerLinesView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self, "");
  gtk_revealer_set_reveal_child (self->search_bar, FALSE);
}

static void
on_filtered_items_changed_cb (VvLedgerLinesView *self)
{
  update_subtitle (self);
}

/* overrides */

static void
vv_ledger_lines_view_dispose (GObject *object)
{
  VvLedgerLinesView *self = VV_LEDGER_LINES_VIEW (object);

  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_LEDGER_LINES_VIEW);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->lines);

  G_OBJECT_CLASS (vv_ledger_lines_view_parent_class)->dispose (object);
}

static void
vv_ledger_lines_view_finalize (GObject *object)
{
  VvLedgerLinesView *self = VV_LEDGER_LINES_VIEW (object);

  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (vv_ledger_lines_view_parent_class)->finalize (object);
}

static void
vv_ledger_lines_view_class_init (VvLedgerLinesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_ledger_lines_view_dispose;
  object_class->finalize = vv_ledger_lines_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-ledger-lines-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VvLedgerLinesView, lines_view);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerLinesView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerLinesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerLinesView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerLinesView, title_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
}

static void
vv_ledger_lines_view_init (VvLedgerLinesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_columns (self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search_cb),
                            self);
}

/* public API */

GtkWidget *
vv_ledger_lines_view_new (void)
{
  return g_object_new (VV_TYPE_LEDGER_LINES_VIEW, NULL);
}

/**
 * vv_ledger_lines_view_set_loading:
 * @title: what the lines are (a finding's message)
 *
 * Empties the view while the lines are looked up.
 */
void
vv_ledger_lines_view_set_loading (VvLedgerLinesView *self,
                                  const char        *title)
{
  g_return_if_fail (VV_IS_LEDGER_LINES_VIEW (self));

  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_data (self->filtered, self);
  gtk_column_view_set_model (self->lines_view, NULL);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->lines);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, _("Looking up the lines…"));
}

/**
 * vv_ledger_lines_view_set_lines:
 * @title: what the lines are
 * @lines: a #GListModel of #VvLedgerLineItem
 */
void
vv_ledger_lines_view_set_lines (VvLedgerLinesView *self,
                                const char        *title,
                                GListModel        *lines)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (VV_IS_LEDGER_LINES_VIEW (self));
  g_return_if_fail (G_IS_LIST_MODEL (lines));

  vv_ledger_lines_view_set_loading (self, title);
  self->lines = g_object_ref (lines);
  self->filter = gtk_custom_filter_new (line_matches, self, NULL);
  /* No filter until there is something to look for: a filter would read
   * every line. */
  self->filtered = gtk_filter_list_model_new (g_object_ref (lines), NULL);
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  g_signal_connect_swapped (self->filtered, "items-changed",
                            G_CALLBACK (on_filtered_items_changed_cb), self);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (selection));
  g_clear_pointer (&self->needle, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_revealer_set_reveal_child (self->search_bar, FALSE);
  update_subtitle (self);
}

/**
 * vv_ledger_lines_view_get_lines:
 *
 * Returns: (transfer none) (nullable): all the lines, unfiltered
 */
GListModel *
vv_ledger_lines_view_get_lines (VvLedgerLinesView *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_LINES_VIEW (self), NULL);

  return self->lines;
}

/**
 * vv_ledger_lines_view_get_n_shown:
 *
 * Returns: the lines that match the search (so far, while it runs)
 */
guint
vv_ledger_lines_view_get_n_shown (VvLedgerLinesView *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_LINES_VIEW (self), 0);

  return self->filtered != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
}

/**
 * vv_ledger_lines_view_search:
 * @text: (nullable): what to look for in ansvar, text and amount; ""
 *   shows every line, %NULL keeps the search as it is
 *
 * Opens the search bar (Ctrl+F) and filters the lines.
 */
void
vv_ledger_lines_view_search (VvLedgerLinesView *self,
                             const char        *text)
{
  g_return_if_fail (VV_IS_LEDGER_LINES_VIEW (self));

  gtk_revealer_set_reveal_child (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  if (text == NULL)
    return;
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  apply_search (self, text);
}
