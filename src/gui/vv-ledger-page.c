/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-page"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "vv-import-dialog.h"
#include "vv-ledger-line-item.h"
#include "vv-ledger-line-model.h"
#include "vv-ledger-page.h"
#include "vv-ledger-store.h"
#include "vv-rules.h"
#include "vv-split-chart.h"
#include "vv-split-report.h"

#define SAMPLE_LEDGER "sample-2024.csv"
#define SAMPLE_UNITS  "sample-units.csv"

struct _VvLedgerPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  AdwStatusPage     *busy_status;
  GtkDrawingArea    *chart_area;
  GtkListBox        *findings_list;
  GtkListBox        *functions_list;
  AdwPreferencesGroup *home_group;
  GtkLabel          *home_257_label;
  AdwActionRow      *home_257_row;
  GtkLabel          *home_258_label;
  AdwActionRow      *home_258_row;
  GtkLabel          *home_other_label;
  AdwActionRow      *home_other_row;
  GtkLabel          *home_total_label;
  AdwActionRow      *home_total_row;
  GtkLabel          *home_unassigned_label;
  AdwActionRow      *home_unassigned_row;
  GtkMenuButton     *imports_button;
  GtkColumnView     *lines_view;
  GtkLabel          *lines_subtitle_label;
  GtkLabel          *lines_title_label;
  GtkProgressBar    *progress_bar;
  GtkStack          *stack;
  GtkLabel          *subtitle_label;
  GtkLabel          *title_label;
  GtkListBox        *units_list;

  /* Owned */
  VvContext *context;
  VvDb              *db;
  GError            *db_error;
  VvSplit           *split;
  VvUnits           *units;
  VvLedgerImport    *import;
  VvLedgerLineModel *lines_model;
  GCancellable      *cancellable;
  GCancellable      *lines_cancellable;
  char              *lines_code;
  GTask             *task;
  char              *sample_dir;
  guint              progress_id;
  gboolean           loaded;
};

G_DEFINE_FINAL_TYPE (VvLedgerPage, vv_ledger_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  PROP_IMPORT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  IMPORT_FINISHED,
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char           *db_path;
  char           *path;        /* NULL: only compute the split of import_id */
  char           *units_path;
  VvLedgerReader *reader;
  gint64          import_id;
  gint            permille;    /* atomic, written by the worker */
  VvSplit        *split;
  VvUnits        *units;
  VvLedgerImport *import;
  GError         *duplicate;   /* the file was imported before: import_id is that import */
} ImportData;

typedef struct
{
  VvSplit *split;
  char    *title;
  char    *path;
  gboolean pdf;
} ExportData;

static void vv_ledger_page_update_actions (VvLedgerPage *self);
static void start_task (VvLedgerPage *self, ImportData *data);
static void update_imports_menu (VvLedgerPage *self);
static void show_latest_import (VvLedgerPage *self);

/* helpers */

static void
import_data_free (ImportData *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_free (data->units_path);
  g_clear_object (&data->reader);
  g_clear_object (&data->split);
  g_clear_object (&data->units);
  g_clear_pointer (&data->import, vv_ledger_import_free);
  g_clear_error (&data->duplicate);
  g_free (data);
}

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->split);
  g_free (data->title);
  g_free (data->path);
  g_free (data);
}

static void
show_toast (VvLedgerPage *self,
            const char   *text)
{
  /* Only the window shows toasts. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", text))
    g_debug ("%s", text);
}

static void
show_message (VvLedgerPage *self,
              const char   *heading,
              const char   *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
kroner (gint64 ore)
{
  g_autofree char *amount = vv_format_kroner (ore);

  /* TRANSLATORS: an amount of money, e.g. "1 234,56 kr" */
  return g_strdup_printf (_("%s kr"), amount);
}

static char *
share (gint64 part,
       gint64 whole)
{
  gint64 permille;

  if (whole <= 0)
    return g_strdup ("");
  permille = vv_ore_permille (part, whole);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT " %%",
                          permille < 0 ? "-" : "", ABS (permille) / 10, ABS (permille) % 10);
}

/* 1 234 567, as vv_format_kroner() groups digits. */
static char *
format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
amount_label (gint64 ore)
{
  g_autofree char *text = kroner (ore);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "ledger-amount");
  return label;
}

static void
set_home_row (AdwActionRow *row,
              GtkLabel     *label,
              gint64        ore,
              gint64        total,
              const char   *extra)
{
  g_autofree char *amount = kroner (ore);
  g_autofree char *pct = share (ore, total);
  g_autofree char *subtitle = extra ? g_strdup_printf ("%s · %s", pct, extra) : g_strdup (pct);

  gtk_label_set_text (label, amount);
  adw_action_row_set_subtitle (row, subtitle);
}

static void
placeholder_row (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

static void
fill_functions (VvLedgerPage *self)
{
  g_autoptr(GArray) functions = vv_split_get_functions (self->split);
  VvRules *rules = vv_rules_get_default ();

  clear_list (self->functions_list);
  for (guint i = 0; functions != NULL && i < functions->len; i++)
    {
      guint f = g_array_index (functions, guint, i);
      g_autofree char *code = g_strdup_printf ("%03u", f);
      const VvFunction *fi = vv_rules_lookup_function (rules, code);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), code);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (fi != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), vv_rules_tr (fi->name));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 amount_label (vv_split_get_booked (self->split, f)));
      gtk_widget_set_name (row, code);
      gtk_list_box_append (self->functions_list, row);
    }
  if (functions == NULL || functions->len == 0)
    placeholder_row (self->functions_list, _("No lines"));
}

static void
on_allocation_entry_activate_cb (GtkEntry     *entry,
                                 VvLedgerPage *self)
{
  const char *ansvar = g_object_get_data (G_OBJECT (entry), "ansvar");
  g_autoptr(GError) error = NULL;

  if (!vv_ledger_page_assign_unit (self, ansvar, gtk_editable_get_text (GTK_EDITABLE (entry)),
                                   &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      show_toast (self, error->message);
    }
}

static void
fill_units (VvLedgerPage *self)
{
  GPtrArray *ansvars = vv_split_get_ansvars (self->split);

  clear_list (self->units_list);
  for (guint i = 0; ansvars != NULL && i < ansvars->len; i++)
    {
      const VvSplitAnsvar *a = g_ptr_array_index (ansvars, i);
      const VvUnit *unit = self->units ? vv_units_lookup (self->units, a->ansvar) : NULL;
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();

      title = a->unit_name != NULL && *a->unit_name != '\0'
              ? g_strdup_printf ("%s · %s", *a->ansvar ? a->ansvar : _("(no ansvar)"), a->unit_name)
              : g_strdup (*a->ansvar ? a->ansvar : _("(no ansvar)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_name (row, *a->ansvar ? a->ansvar : "-");

      if (unit != NULL)
        {
          g_autofree char *alloc = vv_allocation_to_string (unit->allocations);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), alloc);
        }
      else if (*a->ansvar == '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     _("Lines without an ansvar cannot follow a unit"));
      else
        {
          GtkWidget *entry = gtk_entry_new ();
          GtkWidget *button = gtk_button_new_from_icon_name ("find-location-symbolic");

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not classified"));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
          gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "257:80 258:20");
          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 13);
          gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (entry, _("Fordeling: function:percent pairs, Enter to apply"));
          g_object_set_data_full (G_OBJECT (entry), "ansvar", g_strdup (a->ansvar), g_free);
          g_signal_connect_object (entry, "activate",
                                   G_CALLBACK (on_allocation_entry_activate_cb), self, 0);
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Classify with the Guide"));
          gtk_widget_add_css_class (button, "flat");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "ledger.classify-unit");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", a->ansvar);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label (a->home_ore));
      gtk_list_box_append (self->units_list, row);
    }
  if (ansvars == NULL || ansvars->len == 0)
    placeholder_row (self->units_list, _("No home-service money in this ledger"));
}

static const char *
severity_icon (VvSplitSeverity severity)
{
  switch (severity)
    {
    case VV_SPLIT_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case VV_SPLIT_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case VV_SPLIT_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static void
fill_findings (VvLedgerPage *self)
{
  GPtrArray *findings = vv_split_get_findings (self->split);

  clear_list (self->findings_list);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *count = format_count (f->count);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (f->severity));
      GtkWidget *badge = gtk_label_new (count);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), f->code);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (icon, f->severity == VV_SPLIT_SEVERITY_ERROR ? "error"
                                      : f->severity == VV_SPLIT_SEVERITY_WARNING ? "warning"
                                      : "accent");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_add_css_class (badge, "numeric");
      gtk_widget_add_css_class (badge, "ledger-count");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (badge, _("Lines"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "ledger.show-finding");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "u", i);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->findings_list, row);
    }
  if (findings == NULL || findings->len == 0)
    placeholder_row (self->findings_list, _("No findings: every line looks booked right."));
}

static void
show_split (VvLedgerPage *self)
{
  gint64 total, f257 = 0, f258 = 0;
  int nyear = 0;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *n257 = NULL;
  g_autofree char *n258 = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *n_lines = NULL;
  g_autofree char *description = NULL;
  int year = vv_split_get_year (self->split);

  total = vv_split_get_home_total (self->split);
  vv_rules_get_national_share (vv_rules_get_default (), &nyear, &f257, &f258, NULL);
  n257 = share (f257, f257 + f258);
  n258 = share (f258, f257 + f258);
  {
    g_autofree char *x257 = g_strdup_printf (_("Norway %d: %s"), nyear, n257);
    g_autofree char *x258 = g_strdup_printf (_("Norway %d: %s"), nyear, n258);

    set_home_row (self->home_257_row, self->home_257_label,
                  vv_split_get_home_257 (self->split), total, x257);
    set_home_row (self->home_258_row, self->home_258_label,
                  vv_split_get_home_258 (self->split), total, x258);
  }
  set_home_row (self->home_other_row, self->home_other_label,
                vv_split_get_home_other (self->split), total, NULL);
  set_home_row (self->home_unassigned_row, self->home_unassigned_label,
                vv_split_get_home_unassigned (self->split), total,
                vv_split_get_home_unassigned (self->split) != 0
                ? _("classify these units below") : NULL);
  set_home_row (self->home_total_row, self->home_total_label, total, total, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->home_other_row),
                          vv_split_get_home_other (self->split) != 0);
  {
    g_autofree char *m257 = share (vv_split_get_home_257 (self->split), total);
    g_autofree char *m258 = share (vv_split_get_home_258 (self->split), total);
    g_autofree char *label = g_strdup_printf (_("Chart: 257 %s and 258 %s of the home-service "
                                                "money; Norway %d: 257 %s and 258 %s"),
                                              m257, m258, nyear, n257, n258);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }

  description = year > 0 && year <= 2023
                ? g_strdup_printf (_("Function 254 in %d, split by the units register as it "
                                     "would be from 2024."), year)
                : g_strdup (_("Functions 257 and 258 as booked, checked against the units "
                              "register."));
  adw_preferences_group_set_description (self->home_group, description);

  title = year > 0 ? g_strdup_printf (_("Ledger %d"), year) : g_strdup (_("Ledger"));
  n_lines = format_count (vv_split_get_lines_read (self->split));
  lines = g_strdup_printf (ngettext ("%s line", "%s lines",
                                     (gulong) MIN (vv_split_get_lines_read (self->split),
                                                   G_MAXULONG)), n_lines);
  if (vv_split_get_lines_rejected (self->split) > 0)
    {
      g_autofree char *n_rejected = format_count (vv_split_get_lines_rejected (self->split));

      subtitle = g_strdup_printf (_("%s · %s · %s rejected"),
                                  self->import ? self->import->file_name : "", lines, n_rejected);
    }
  else
    subtitle = g_strdup_printf ("%s · %s", self->import ? self->import->file_name : "", lines);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);

  fill_units (self);
  fill_findings (self);
  fill_functions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
  gtk_stack_set_visible_child_name (self->stack, "split");
}

static void
show_empty (VvLedgerPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
set_busy (VvLedgerPage *self,
          GTask        *task)
{
  if (self->task == task)
    return;
  g_set_object (&self->task, task);
  vv_ledger_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
ensure_db (VvLedgerPage  *self,
           GError       **error)
{
  VvDb *db;

  if (self->db != NULL)
    return TRUE;
  if (self->context == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Ledgers can only be imported in the application window"));
      return FALSE;
    }
  db = vv_context_get_db (self->context, error);
  if (db == NULL)
    return FALSE;
  self->db = g_object_ref (db);
  return TRUE;
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
  GtkWidget *label = gtk_label_new (NULL);
  guint column = GPOINTER_TO_UINT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), column == 3 || column == 7 ? 0.0 : 1.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
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
      text = kroner (l->amount_ore);
      break;
    default:
      text = g_strdup (l->text);
      break;
    }
  gtk_label_set_text (label, text);
}

static void
setup_lines_view (VvLedgerPage *self)
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
update_progress (VvLedgerPage *self)
{
  ImportData *data;
  int permille;
  g_autofree char *text = NULL;

  if (self->task == NULL)
    return;
  data = g_task_get_task_data (self->task);
  permille = g_atomic_int_get (&data->permille);
  if (permille < 0)
    {
      /* Reading is done; the split has no measurable progress. */
      gtk_progress_bar_pulse (self->progress_bar);
      gtk_progress_bar_set_text (self->progress_bar, _("Splitting…"));
      return;
    }
  gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  text = g_strdup_printf ("%d %%", permille / 10);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static gboolean
progress_timeout_cb (gpointer user_data)
{
  update_progress (user_data);
  return G_SOURCE_CONTINUE;
}

/* worker thread */

static gboolean
split_line_cb (const VvLedgerLine *line,
               gpointer            user_data)
{
  vv_split_add_line (user_data, line);
  return TRUE;
}

static void
worker_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  ImportData *data = user_data;

  if (total > 0)
    g_atomic_int_set (&data->permille, (gint) MIN (1000, done * 1000 / total));
}

static gboolean
store_units (VvDb        *db,
             const char  *units_path,
             GError     **error)
{
  g_autoptr(VvUnits) units = vv_units_new_from_file (vv_rules_get_default (), units_path, error);

  if (units == NULL)
    return FALSE;
  if (!vv_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < vv_units_get_n_units (units); i++)
    {
      const VvUnit *u = vv_units_get_unit (units, i);
      g_autofree char *alloc = vv_allocation_to_string (u->allocations);

      if (!vv_ledger_store_set_unit (db, u->ansvar, u->name, alloc, 0, error))
        {
          vv_db_rollback (db);
          return FALSE;
        }
    }
  return vv_db_commit (db, error);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(VvDb) db = NULL;
  g_autoptr(GPtrArray) rejects = NULL;
  GError *error = NULL;

  db = vv_db_open (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->path != NULL)
    {
      if (data->units_path != NULL && !store_units (db, data->units_path, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (!vv_ledger_store_import (db, data->path, data->reader, worker_progress_cb, data,
                                   cancellable, &data->import_id, &error))
        {
          /* Imported before: show that import, and say so. */
          if (!g_error_matches (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_DUPLICATE) ||
              data->import_id <= 0)
            {
              g_task_return_error (task, error);
              return;
            }
          data->duplicate = g_steal_pointer (&error);
        }
    }

  g_atomic_int_set (&data->permille, -1);
  data->import = vv_ledger_store_get_import (db, data->import_id, &error);
  if (data->import == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->units = vv_ledger_store_load_units (db, vv_rules_get_default (), &error);
  if (data->units == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data->split = vv_split_new (vv_rules_get_default (), data->units);
  if (!vv_ledger_store_foreach_line (db, data->import_id, split_line_cb, data->split,
                                     cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  rejects = vv_ledger_store_get_rejects (db, data->import_id, &error);
  if (rejects == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < rejects->len; i++)
    {
      const VvStoredReject *r = g_ptr_array_index (rejects, i);

      vv_split_add_reject (data->split, r->line_no, r->field, r->message);
    }
  vv_split_finish (data->split);
  if (!vv_split_check_sums (data->split, data->import->file_name, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->pdf)
    ok = vv_split_report_write_pdf (data->split, data->title, data->path, &error);
  else
    ok = vv_split_report_write_csv (data->split, data->path, &error);
  if (!ok)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* callbacks */

static void
on_rejects_dialog_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               VvLedgerPage     *self)
{
  gint64 import_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "import-id"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imports = NULL;

  if (!g_str_equal (response, "undo"))
    return;
  if (!vv_ledger_store_delete_import (self->db, import_id, &error))
    {
      show_message (self, _("Cannot Undo the Import"), error->message);
      return;
    }
  show_toast (self, _("Import undone"));
  show_latest_import (self);
}

/* After an import is deleted: the newest one left, or the empty page. */
static void
show_latest_import (VvLedgerPage *self)
{
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->split);
  g_clear_pointer (&self->import, vv_ledger_import_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORT_ID]);
  imports = vv_ledger_store_list_imports (self->db, &error);
  if (imports == NULL)
    {
      show_empty (self);
      show_message (self, _("Cannot Open the Database"), error->message);
      return;
    }
  update_imports_menu (self);
  vv_ledger_page_update_actions (self);
  /* Listed newest first. */
  if (imports->len == 0)
    show_empty (self);
  else
    vv_ledger_page_show_import (self, ((VvLedgerImport *) g_ptr_array_index (imports, 0))->id);
}

/* The imports menu: every stored import, newest first. */
static void
update_imports_menu (VvLedgerPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) list = g_menu_new ();
  g_autoptr(GMenu) commands = g_menu_new ();
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;

  if (self->db != NULL && (imports = vv_ledger_store_list_imports (self->db, &error)) == NULL)
    g_debug ("Cannot list the imports: %s", error->message);
  for (guint i = 0; imports != NULL && i < imports->len; i++)
    {
      const VvLedgerImport *imp = g_ptr_array_index (imports, i);
      g_autofree char *n = format_count (imp->lines);
      g_autofree char *name = imp->year > 0 ? g_strdup_printf ("%s (%d)", imp->file_name, imp->year)
                                            : g_strdup (imp->file_name);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      /* Translators: an import in the menu: file (year) and its number of lines */
      label = g_strdup_printf (ngettext ("%s · %s line", "%s · %s lines",
                                         (gulong) MIN (imp->lines, G_MAXULONG)), name, n);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "ledger.show-import",
                                               g_variant_new_int64 (imp->id));
      g_menu_append_item (list, item);
    }
  g_menu_append (commands, _("_Delete This Import…"), "ledger.delete-import");
  g_menu_append_section (menu, _("Imported Ledgers"), G_MENU_MODEL (list));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (commands));
  gtk_menu_button_set_menu_model (self->imports_button, G_MENU_MODEL (menu));
}

static void
on_delete_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              VvLedgerPage     *self)
{
  gint64 import_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "import-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!vv_ledger_page_delete_import (self, import_id, &error))
    show_message (self, _("Cannot Delete the Import"), error->message);
}

static void
offer_undo_rejects (VvLedgerPage *self)
{
  g_autoptr(GPtrArray) rejects = vv_ledger_store_get_rejects (self->db, self->import->id, NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  heading = g_strdup_printf (ngettext ("%llu Line Cannot Be Read",
                                       "%llu Lines Cannot Be Read",
                                       (gulong) MIN (self->import->rejected, G_MAXULONG)),
                             (unsigned long long) self->import->rejected);
  g_string_append_printf (body, ngettext ("“%s” was imported without it:",
                                          "“%s” was imported without them:",
                                          (gulong) MIN (self->import->rejected, G_MAXULONG)),
                          self->import->file_name);
  g_string_append (body, "\n");
  for (guint i = 0; rejects != NULL && i < MIN (rejects->len, 12); i++)
    {
      const VvStoredReject *r = g_ptr_array_index (rejects, i);

      g_string_append_c (body, '\n');
      if (r->field != NULL)
        g_string_append_printf (body, _("Line %llu, field “%s”: %s"),
                                (unsigned long long) r->line_no, r->field, r->message);
      else
        g_string_append_printf (body, _("Line %llu: %s"), (unsigned long long) r->line_no,
                                r->message);
    }
  if (rejects != NULL && rejects->len > 12)
    g_string_append_printf (body, "\n%s", _("…"));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "undo", _("_Undo Import"),
                                    "keep", _("_Keep the Rest"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data (G_OBJECT (dialog), "import-id", GSIZE_TO_POINTER (self->import->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rejects_dialog_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_sample_dir (VvLedgerPage *self)
{
  g_autofree char *ledger = NULL;
  g_autofree char *units = NULL;

  if (self->sample_dir == NULL)
    return;
  ledger = g_build_filename (self->sample_dir, SAMPLE_LEDGER, NULL);
  units = g_build_filename (self->sample_dir, SAMPLE_UNITS, NULL);
  g_unlink (ledger);
  g_unlink (units);
  g_rmdir (self->sample_dir);
  g_clear_pointer (&self->sample_dir, g_free);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (source);
  GTask *task = G_TASK (result);
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean was_import = data->path != NULL;

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  remove_sample_dir (self);

  if (!g_task_propagate_boolean (task, &error))
    {
      set_busy (self, NULL);
      if (self->split != NULL)
        gtk_stack_set_visible_child_name (self->stack, "split");
      else
        show_empty (self);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_CANCELLED))
        show_toast (self, _("Import cancelled; nothing was changed"));
      else if (g_error_matches (error, VV_LEDGER_STORE_ERROR, VV_LEDGER_STORE_ERROR_DUPLICATE))
        show_message (self, _("Already Imported"), error->message);
      else
        show_message (self, was_import ? _("Cannot Import the Ledger")
                                        : _("Cannot Show the Ledger"), error->message);
      g_signal_emit (self, signals[IMPORT_FINISHED], 0, FALSE, error->message);
      return;
    }

  g_set_object (&self->split, data->split);
  g_set_object (&self->units, data->units);
  g_clear_pointer (&self->import, vv_ledger_import_free);
  self->import = g_steal_pointer (&data->import);
  set_busy (self, NULL);
  show_split (self);
  update_imports_menu (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORT_ID]);
  if (data->duplicate != NULL)
    {
      show_message (self, _("Already Imported"), data->duplicate->message);
      show_toast (self, _("Showing the earlier import of the same file"));
      g_signal_emit (self, signals[IMPORT_FINISHED], 0, FALSE, data->duplicate->message);
      return;
    }
  if (was_import && self->import->rejected > 0)
    offer_undo_rejects (self);
  g_signal_emit (self, signals[IMPORT_FINISHED], 0, TRUE, NULL);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (source);
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_message (self, _("Cannot Export"), error->message);
      g_signal_emit (self, signals[EXPORTED], 0, NULL, error->message);
      return;
    }
  {
    g_autofree char *name = g_path_get_basename (data->path);
    g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

    show_toast (self, text);
  }
  g_signal_emit (self, signals[EXPORTED], 0, data->path, NULL);
}

static void
on_import_dialog_import_cb (VvImportDialog *dialog,
                            VvLedgerPage   *self)
{
  VvLedgerReader *reader = vv_import_dialog_get_reader (dialog);
  const char *key = vv_ledger_reader_get_layout_key (reader);

  /* Remember the mapping for the next file with this layout. */
  if (key != NULL && vv_ledger_reader_get_format (reader) == VV_LEDGER_FORMAT_CSV)
    {
      g_autofree char *mapping = vv_ledger_mapping_from_reader (reader);
      g_autoptr(GError) error = NULL;

      if (mapping != NULL && !vv_ledger_store_set_mapping (self->db, key, mapping, &error))
        g_debug ("Cannot remember the column mapping: %s", error->message);
    }
  vv_ledger_page_import (self, vv_import_dialog_get_path (dialog),
                         vv_import_dialog_get_units_path (dialog), reader);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_import_chooser_response_cb (GtkNativeDialog *native,
                               int              response,
                               VvLedgerPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        vv_ledger_page_open_import (self, path);
    }
  g_object_unref (native);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *native,
                               int              response,
                               VvLedgerPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (g_object_get_data (G_OBJECT (native), "pdf") != NULL)
        vv_ledger_page_export_pdf (self, file);
      else
        vv_ledger_page_export_csv (self, file);
    }
  g_object_unref (native);
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  VvLedgerPage *self = user_data;

  if (self->split != NULL)
    vv_split_chart_draw_full (self->split, cr, width, height,
                              adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
set_lines_model (VvLedgerPage      *self,
                 VvLedgerLineModel *model,
                 const char        *code)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *count = NULL;
  g_autofree char *n_text = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_set_object (&self->lines_model, model);
  g_object_unref (model);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (model)));
  gtk_column_view_set_model (self->lines_view, GTK_SELECTION_MODEL (selection));
  n_text = format_count (n);
  count = g_strdup_printf (ngettext ("%s · %s line", "%s · %s lines", n), code, n_text);
  gtk_label_set_text (self->lines_subtitle_label, count);
}

static void
lines_query_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(VvLedgerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  VvLedgerLineModel *model = vv_ledger_line_model_query_finish (result, &error);

  if (model == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Cannot Show the Lines"), error->message);
      return;
    }
  g_clear_object (&self->lines_cancellable);
  set_lines_model (self, model, self->lines_code);
}

/* actions */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) dat = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Import Ledger"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (all, _("Ledgers (CSV, KOSTRA .dat)"));
  gtk_file_filter_add_pattern (all, "*.csv");
  gtk_file_filter_add_pattern (all, "*.CSV");
  gtk_file_filter_add_pattern (all, "*.txt");
  gtk_file_filter_add_pattern (all, "*.dat");
  gtk_file_filter_add_pattern (all, "*.DAT");
  gtk_file_filter_set_name (csv, _("CSV exports"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (dat, _("KOSTRA file extracts"));
  gtk_file_filter_add_pattern (dat, "*.dat");
  gtk_file_filter_add_pattern (dat, "*.DAT");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), dat);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_import_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  vv_ledger_page_cancel (VV_LEDGER_PAGE (widget));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, "split");
}

static void
show_finding_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!vv_ledger_page_show_finding (self, g_variant_get_uint32 (parameter), &error))
    show_message (self, _("Cannot Show the Lines"), error->message);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean pdf = g_str_equal (action_name, "ledger.export-pdf");
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  native = gtk_file_chooser_native_new (pdf ? _("Export PDF Report") : _("Export CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("%s-%d.%s", pdf ? _("split-report") : _("split"),
                          vv_split_get_year (self->split), pdf ? "pdf" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (pdf)
    g_object_set_data (G_OBJECT (native), "pdf", GINT_TO_POINTER (1));
  g_signal_connect (native, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
classify_unit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  /* The window hands the unit to the guide and applies its result. */
  gtk_widget_activate_action (widget, "win.classify-unit", "s",
                              g_variant_get_string (parameter, NULL));
}

static void
show_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  vv_ledger_page_show_import (VV_LEDGER_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
delete_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->import == NULL || self->task != NULL)
    return;
  body = g_strdup_printf (_("The lines of “%s” are removed from the database, with the findings "
                            "drawn from them. The file itself is not touched, and the units "
                            "register stays as it is."), self->import->file_name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete This Import?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "import-id", GSIZE_TO_POINTER ((gsize) self->import->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_dialog_response_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
vv_ledger_page_update_actions (VvLedgerPage *self)
{
  gboolean busy = self->task != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.show-import", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.delete-import",
                                 !busy && self->import != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.import", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.export-csv",
                                 !busy && self->split != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.export-pdf",
                                 !busy && self->split != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ledger.classify-unit", !busy);
}

/* overrides */

static void
vv_ledger_page_map (GtkWidget *widget)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (widget);

  GTK_WIDGET_CLASS (vv_ledger_page_parent_class)->map (widget);
  if (!self->loaded)
    vv_ledger_page_load (self);
}

static void
vv_ledger_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      vv_ledger_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, vv_ledger_page_get_context (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, vv_ledger_page_get_busy (self));
      break;
    case PROP_IMPORT_ID:
      g_value_set_int64 (value, vv_ledger_page_get_import_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_page_dispose (GObject *object)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (object);

  g_clear_object (&self->context);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lines_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  /* The stack is both AdwBin's child and a template child: unparent it once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_LEDGER_PAGE);

  G_OBJECT_CLASS (vv_ledger_page_parent_class)->dispose (object);
}

static void
vv_ledger_page_finalize (GObject *object)
{
  VvLedgerPage *self = VV_LEDGER_PAGE (object);

  remove_sample_dir (self);
  g_clear_object (&self->db);
  g_clear_error (&self->db_error);
  g_clear_object (&self->split);
  g_clear_object (&self->units);
  g_clear_pointer (&self->import, vv_ledger_import_free);
  g_clear_object (&self->lines_model);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lines_cancellable);
  g_clear_pointer (&self->lines_code, g_free);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (vv_ledger_page_parent_class)->finalize (object);
}

static void
vv_ledger_page_class_init (VvLedgerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_ledger_page_dispose;
  object_class->finalize = vv_ledger_page_finalize;
  object_class->get_property = vv_ledger_page_get_property;
  object_class->set_property = vv_ledger_page_set_property;
  widget_class->map = vv_ledger_page_map;

  /**
   * VvLedgerPage:busy:
   *
   * An import or a recomputation of the split runs in a worker thread.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IMPORT_ID] =
    g_param_spec_int64 ("import-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * VvLedgerPage:context:
   *
   * What the pages share, bound from the window.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VV_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VvLedgerPage::import-finished:
   * @success: whether the split is now shown
   * @message: (nullable): the error message otherwise
   */
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
  /**
   * VvLedgerPage::exported:
   * @path: (nullable): the file written, or %NULL on failure
   * @message: (nullable): the error message on failure
   */
  signals[EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, busy_status);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, chart_area);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, findings_list);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, functions_list);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_257_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_257_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_258_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_258_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_group);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_other_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_other_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_total_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_total_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_unassigned_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, home_unassigned_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, imports_button);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, lines_subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, lines_title_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, lines_view);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerPage, units_list);

  gtk_widget_class_install_action (widget_class, "ledger.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "ledger.show-import", "x", show_import_action);
  gtk_widget_class_install_action (widget_class, "ledger.delete-import", NULL,
                                   delete_import_action);
  gtk_widget_class_install_action (widget_class, "ledger.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "ledger.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "ledger.show-finding", "u",
                                   show_finding_action);
  gtk_widget_class_install_action (widget_class, "ledger.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "ledger.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "ledger.classify-unit", "s",
                                   classify_unit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "ledger.import", NULL);
}

static void
vv_ledger_page_init (VvLedgerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Loaded here, in the main thread, before any worker needs it. */
  vv_rules_get_default ();
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart_cb, self, NULL);
  /* The chart's text follows the dark style. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->chart_area,
                           G_CONNECT_SWAPPED);
  setup_lines_view (self);
  vv_ledger_page_update_actions (self);
}

/* public API */

GtkWidget *
vv_ledger_page_new (void)
{
  return g_object_new (VV_TYPE_LEDGER_PAGE, NULL);
}

static void
start_task (VvLedgerPage *self,
            ImportData   *data)
{
  g_autoptr(GTask) task = NULL;

  g_assert (self->task == NULL);

  data->db_path = g_strdup (vv_db_get_path (self->db));
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, start_task);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  set_busy (self, task);

  if (data->path != NULL)
    {
      g_autofree char *name = g_path_get_basename (data->path);

      adw_status_page_set_title (self->busy_status, _("Importing…"));
      adw_status_page_set_description (self->busy_status, name);
    }
  else
    {
      adw_status_page_set_title (self->busy_status, _("Splitting…"));
      adw_status_page_set_description (self->busy_status, NULL);
    }
  update_progress (self);
  gtk_stack_set_visible_child_name (self->stack, "busy");
  self->progress_id = g_timeout_add (100, progress_timeout_cb, self);
  g_task_run_in_thread (task, import_thread);
}

/* The sample ledger from the resource bundle, so a new user sees a split. */
static void
import_sample (VvLedgerPage *self)
{
  const char *const names[] = { SAMPLE_LEDGER, SAMPLE_UNITS };
  g_autoptr(GError) error = NULL;
  g_autofree char *ledger = NULL;
  g_autofree char *units = NULL;

  self->sample_dir = g_dir_make_tmp ("veiviser-sample-XXXXXX", &error);
  if (self->sample_dir == NULL)
    {
      g_debug ("Cannot unpack the sample ledger: %s", error->message);
      show_empty (self);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *res = g_strconcat (VV_RESOURCE_PATH "/ledger/", names[i], NULL);
      g_autofree char *path = g_build_filename (self->sample_dir, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (res, 0, &error);

      if (bytes == NULL ||
          !g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                &error))
        {
          g_debug ("Cannot unpack the sample ledger: %s", error->message);
          remove_sample_dir (self);
          show_empty (self);
          return;
        }
    }
  ledger = g_build_filename (self->sample_dir, SAMPLE_LEDGER, NULL);
  units = g_build_filename (self->sample_dir, SAMPLE_UNITS, NULL);
  vv_ledger_page_import (self, ledger, units, NULL);
}

/**
 * vv_ledger_page_load:
 * @self: the page
 *
 * Opens the database and shows the split of the latest import; with no
 * import yet, imports the sample ledger. Called when the page is first shown.
 */
void
vv_ledger_page_load (VvLedgerPage *self)
{
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;
  const VvLedgerImport *latest = NULL;

  g_return_if_fail (VV_IS_LEDGER_PAGE (self));

  self->loaded = TRUE;
  if (self->task != NULL)
    return;
  if (!ensure_db (self, &error) ||
      (imports = vv_ledger_store_list_imports (self->db, &error)) == NULL)
    {
      show_empty (self);
      show_message (self, _("Cannot Open the Database"), error->message);
      return;
    }
  for (guint i = 0; i < imports->len; i++)
    {
      const VvLedgerImport *imp = g_ptr_array_index (imports, i);

      if (latest == NULL || imp->id > latest->id)
        latest = imp;
    }
  if (latest == NULL)
    {
      import_sample (self);
      return;
    }
  vv_ledger_page_show_import (self, latest->id);
}

/**
 * vv_ledger_page_show_import:
 * @self: the page
 * @import_id: a stored import
 *
 * Shows the split of an earlier import (computed in a worker thread); the
 * same as choosing it in the imports menu. Emits
 * #VvLedgerPage::import-finished at the end.
 */
void
vv_ledger_page_show_import (VvLedgerPage *self,
                            gint64        import_id)
{
  g_autoptr(GError) error = NULL;
  ImportData *data;

  g_return_if_fail (VV_IS_LEDGER_PAGE (self));

  self->loaded = TRUE;
  if (self->task != NULL || import_id <= 0 ||
      (self->import != NULL && self->import->id == import_id))
    return;
  if (!ensure_db (self, &error))
    {
      show_message (self, _("Cannot Open the Database"), error->message);
      return;
    }
  data = g_new0 (ImportData, 1);
  data->import_id = import_id;
  start_task (self, data);
}

/**
 * vv_ledger_page_delete_import:
 * @self: the page
 * @import_id: a stored import
 * @error: return location for a #GError
 *
 * Deletes an import and its lines (what "Delete This Import…" does once
 * confirmed); when it was the one shown, the newest one left is shown.
 *
 * Returns: %TRUE when deleted
 */
gboolean
vv_ledger_page_delete_import (VvLedgerPage  *self,
                              gint64         import_id,
                              GError       **error)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), FALSE);
  g_return_val_if_fail (self->task == NULL, FALSE);

  if (!ensure_db (self, error) || !vv_ledger_store_delete_import (self->db, import_id, error))
    return FALSE;
  show_toast (self, _("Import deleted"));
  if (self->import != NULL && self->import->id == import_id)
    show_latest_import (self);
  else
    update_imports_menu (self);
  return TRUE;
}

/**
 * vv_ledger_page_open_import:
 * @self: the page
 * @path: a ledger file
 *
 * Opens the import assistant for @path.
 */
void
vv_ledger_page_open_import (VvLedgerPage *self,
                            const char   *path)
{
  g_autoptr(GError) error = NULL;
  VvImportDialog *dialog;
  GtkRoot *root;

  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (path != NULL);

  if (!ensure_db (self, &error))
    {
      show_message (self, _("Cannot Open the Database"), error->message);
      return;
    }
  dialog = vv_import_dialog_new (self->db, path, &error);
  if (dialog == NULL)
    {
      show_message (self, _("Cannot Read the File"), error->message);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_import_dialog_import_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The window holds itself; drop the reference from vv_import_dialog_new(). */
  g_object_unref (dialog);
}

/**
 * vv_ledger_page_import:
 * @self: the page
 * @path: a ledger file
 * @units_path: (nullable): a units register to store first
 * @reader: (nullable): a reader set up by the import assistant
 *
 * Imports @path in a worker thread, then shows its split. Emits
 * #VvLedgerPage::import-finished at the end.
 */
void
vv_ledger_page_import (VvLedgerPage   *self,
                       const char     *path,
                       const char     *units_path,
                       VvLedgerReader *reader)
{
  g_autoptr(GError) error = NULL;
  ImportData *data;

  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (reader == NULL || VV_IS_LEDGER_READER (reader));

  self->loaded = TRUE;
  if (self->task != NULL)
    {
      show_toast (self, _("An import is already running"));
      return;
    }
  if (!ensure_db (self, &error))
    {
      show_message (self, _("Cannot Open the Database"), error->message);
      g_signal_emit (self, signals[IMPORT_FINISHED], 0, FALSE, error->message);
      return;
    }
  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  data->units_path = g_strdup (units_path);
  /* The assistant is closed once it hands its reader over: only the worker uses it. */
  data->reader = reader != NULL ? g_object_ref (reader) : vv_ledger_reader_new ();
  start_task (self, data);
}

void
vv_ledger_page_cancel (VvLedgerPage *self)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
vv_ledger_page_get_busy (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), FALSE);

  return self->task != NULL;
}

gint64
vv_ledger_page_get_import_id (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), 0);

  return self->import != NULL ? self->import->id : 0;
}

/**
 * vv_ledger_page_get_split:
 *
 * Returns: (transfer none) (nullable): the split shown
 */
VvSplit *
vv_ledger_page_get_split (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), NULL);

  return self->split;
}

/**
 * vv_ledger_page_get_lines_model:
 *
 * Returns: (transfer none) (nullable): the lines of the finding last shown
 */
GListModel *
vv_ledger_page_get_lines_model (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), NULL);

  return G_LIST_MODEL (self->lines_model);
}

/**
 * vv_ledger_page_show_finding:
 * @self: the page
 * @index: a finding of vv_split_get_findings()
 *
 * Shows the ledger lines of a finding, read lazily from the database.
 */
gboolean
vv_ledger_page_show_finding (VvLedgerPage  *self,
                             guint          index,
                             GError       **error)
{
  GPtrArray *findings;
  const VvSplitFinding *f;
  g_autofree char *condition = NULL;
  g_autofree char *count = NULL;
  gboolean by_ansvar = TRUE;

  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), FALSE);
  g_return_val_if_fail (self->split != NULL && self->import != NULL, FALSE);

  findings = vv_split_get_findings (self->split);
  g_return_val_if_fail (index < findings->len, FALSE);
  f = g_ptr_array_index (findings, index);

  if (f->kind == VV_SPLIT_FINDING_REJECTED_LINE)
    {
      offer_undo_rejects (self);
      return TRUE;
    }
  condition = vv_split_finding_condition (self->split, f, &by_ansvar);
  g_clear_object (&self->lines_model);
  gtk_column_view_set_model (self->lines_view, NULL);
  gtk_label_set_text (self->lines_title_label, f->message);
  count = g_strdup_printf (_("%s · looking up the lines…"), f->code);
  gtk_label_set_text (self->lines_subtitle_label, count);
  g_cancellable_cancel (self->lines_cancellable);
  g_clear_object (&self->lines_cancellable);
  g_free (self->lines_code);
  self->lines_code = g_strdup (f->code);
  gtk_stack_set_visible_child_name (self->stack, "lines");
  if (condition != NULL)
    {
      /* Scanning a large import takes a moment: do it in a worker thread. */
      self->lines_cancellable = g_cancellable_new ();
      vv_ledger_line_model_query_async (self->db, self->import->id, condition,
                                        by_ansvar ? f->ansvar : NULL, self->lines_cancellable,
                                        lines_query_done_cb, g_object_ref (self));
    }
  else
    set_lines_model (self, vv_ledger_line_model_new_lines (self->db, self->import->id,
                                                           (const guint64 *) f->lines->data,
                                                           f->lines->len), f->code);
  return TRUE;
}

/**
 * vv_ledger_page_assign_unit:
 * @self: the page
 * @ansvar: an ansvar of the ledger
 * @allocation: its Fordeling, e.g. `257:80 258:20`
 *
 * Stores the unit's allocation and splits the ledger again.
 */
gboolean
vv_ledger_page_assign_unit (VvLedgerPage  *self,
                            const char    *ansvar,
                            const char    *allocation,
                            GError       **error)
{
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(VvStoredUnit) old = NULL;
  g_autofree char *normal = NULL;
  ImportData *data;

  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), FALSE);
  g_return_val_if_fail (ansvar != NULL, FALSE);
  g_return_val_if_fail (allocation != NULL, FALSE);

  if (*ansvar == '\0')
    {
      g_set_error (error, VV_UNITS_ERROR, VV_UNITS_ERROR_ANSVAR,
                   _("Lines without an ansvar cannot be given a unit"));
      return FALSE;
    }
  if (self->task != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, _("Wait for the import to finish"));
      return FALSE;
    }
  parsed = vv_allocation_parse (vv_rules_get_default (), allocation, error);
  if (parsed == NULL || !ensure_db (self, error))
    return FALSE;
  normal = vv_allocation_to_string (parsed);
  old = vv_ledger_store_get_unit (self->db, ansvar, NULL);
  if (!vv_ledger_store_set_unit (self->db, ansvar, old ? old->name : "", normal, 0, error))
    return FALSE;
  if (self->import != NULL)
    {
      data = g_new0 (ImportData, 1);
      data->import_id = self->import->id;
      start_task (self, data);
    }
  return TRUE;
}

static void
export (VvLedgerPage *self,
        GFile        *file,
        gboolean      pdf)
{
  g_autoptr(GTask) task = NULL;
  ExportData *data;

  data = g_new0 (ExportData, 1);
  data->split = g_object_ref (self->split);
  data->title = g_strdup (self->import ? self->import->file_name : NULL);
  data->path = g_file_get_path (file);
  data->pdf = pdf;
  task = g_task_new (self, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, export);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * vv_ledger_page_export_csv:
 * @self: the page
 * @file: where to write
 *
 * Writes the split and findings as CSV in a worker thread; emits
 * #VvLedgerPage::exported when done.
 */
void
vv_ledger_page_export_csv (VvLedgerPage *self,
                           GFile        *file)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->split != NULL);

  export (self, file, FALSE);
}

void
vv_ledger_page_export_pdf (VvLedgerPage *self,
                           GFile        *file)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->split != NULL);

  export (self, file, TRUE);
}

/**
 * vv_ledger_page_get_context:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the context
 */
VvContext *
vv_ledger_page_get_context (VvLedgerPage *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_PAGE (self), NULL);

  return self->context;
}

/**
 * vv_ledger_page_set_context:
 * @self: the page
 * @context: (nullable): the context
 */
void
vv_ledger_page_set_context (VvLedgerPage *self,
                           VvContext *context)
{
  g_return_if_fail (VV_IS_LEDGER_PAGE (self));
  g_return_if_fail (context == NULL || VV_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
