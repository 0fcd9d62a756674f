/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-split-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vv-format.h"
#include "vv-ledger-export-view.h"
#include "vv-ledger-provenance-view.h"
#include "vv-ledger-split-view.h"
#include "vv-split-chart.h"
#include "vv-unit-guide.h"

/* The split of the ledger shown by a VvLedgerSession: the home-service
 * figures, the chart, the units, the findings and the money per function.
 * It follows the session's `split`; every command is a `ledger.` action of
 * the page around it. */
struct _VvLedgerSplitView
{
  VvLedgerView         parent_instance;

  /* Template widgets */
  GtkDrawingArea      *chart_area;
  VvLedgerExportView  *export_view;
  GtkListBox          *findings_list;
  GtkRevealer         *findings_search_bar;
  GtkSearchEntry      *findings_search_entry;
  GtkListBox          *functions_list;
  AdwPreferencesGroup *home_group;
  GtkLabel            *home_257_label;
  AdwActionRow        *home_257_row;
  GtkLabel            *home_258_label;
  AdwActionRow        *home_258_row;
  GtkLabel            *home_other_label;
  AdwActionRow        *home_other_row;
  GtkLabel            *home_total_label;
  AdwActionRow        *home_total_row;
  GtkLabel            *home_unassigned_label;
  AdwActionRow        *home_unassigned_row;
  GtkMenuButton       *imports_button;
  VvLedgerProvenanceView *provenance_view;
  GtkWidget           *sample_banner;
  GtkLabel            *subtitle_label;
  GtkLabel            *title_label;
  GtkListBox          *units_list;

  /* Owned */
  char                *needle;    /* casefolded findings search, NULL for all */
};

G_DEFINE_FINAL_TYPE (VvLedgerSplitView, vv_ledger_split_view, VV_TYPE_LEDGER_VIEW)

/* the session shown */
static inline VvLedgerSession *
the_session (gpointer self)
{
  return vv_ledger_view_get_session (VV_LEDGER_VIEW (self));
}

/* helpers */

static char *
share_text (gint64 part,
            gint64 whole)
{
  return whole <= 0 ? g_strdup ("") : vv_format_share (part, whole);
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
  g_autofree char *text = vv_format_amount (ore);
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
  g_autofree char *amount = vv_format_amount (ore);
  g_autofree char *pct = share_text (ore, total);
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

static GtkWidget *
row_button (const char *icon,
            const char *tooltip,
            const char *action,
            const char *ansvar)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", ansvar);
  return button;
}

/* The ways to classify a unit, in one button so that the row fits 360 px:
 * the guide, or the unit guide's split by staff hours. */
static GtkWidget *
classify_button (const char *ansvar)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) guide = g_menu_item_new (_("Classify with the _Guide…"), NULL);
  g_autoptr(GMenuItem) staff = g_menu_item_new (_("_Split by Staff Hours…"), NULL);

  g_menu_item_set_action_and_target_value (guide, "ledger.classify-unit",
                                           g_variant_new_string (ansvar));
  g_menu_item_set_action_and_target_value (staff, "ledger.unit-guide",
                                           g_variant_new_string (ansvar));
  g_menu_append_item (menu, guide);
  g_menu_append_item (menu, staff);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "find-location-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Classify the Unit"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Classify the Unit"), -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
fill_functions (VvLedgerSplitView *self,
                VvSplit           *split)
{
  g_autoptr(GArray) functions = vv_split_get_functions (split);
  VvRules *rules = vv_ledger_session_get_rules (the_session (self));

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
                                 amount_label (vv_split_get_booked (split, f)));
      gtk_widget_set_name (row, code);
      gtk_list_box_append (self->functions_list, row);
    }
  if (functions == NULL || functions->len == 0)
    placeholder_row (self->functions_list, _("No lines"));
}

static void
on_allocation_entry_activate_cb (GtkEntry          *entry,
                                 VvLedgerSplitView *self)
{
  const char *ansvar = g_object_get_data (G_OBJECT (entry), "ansvar");

  gtk_widget_activate_action (GTK_WIDGET (entry), "ledger.assign-unit", "(ss)", ansvar,
                              gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
fill_units (VvLedgerSplitView *self,
            VvSplit           *split)
{
  VvUnits *units = vv_ledger_session_get_units (the_session (self));
  GPtrArray *ansvars = vv_split_get_ansvars (split);

  clear_list (self->units_list);
  for (guint i = 0; ansvars != NULL && i < ansvars->len; i++)
    {
      const VvSplitAnsvar *a = g_ptr_array_index (ansvars, i);
      const VvUnit *unit = units != NULL ? vv_units_lookup (units, a->ansvar) : NULL;
      const char *ansvar = *a->ansvar ? a->ansvar : _("(no ansvar)");
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();

      title = a->unit_name != NULL && *a->unit_name != '\0'
              ? g_strdup_printf ("%s · %s", ansvar, a->unit_name) : g_strdup (ansvar);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_name (row, *a->ansvar ? a->ansvar : "-");

      if (unit != NULL)
        {
          g_autofree char *alloc = vv_allocation_to_string (unit->allocations);
          g_autofree char *cited = NULL;
          g_autofree char *subtitle = NULL;

          /* The paragraph the unit guide's split rests on, as the register keeps it. */
          cited = vv_unit_citation_describe (vv_ledger_session_get_rules (the_session (self)),
                                             unit->citation);
          if (cited != NULL)
            subtitle = g_strdup_printf ("%s · %s", alloc, cited);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : alloc);
          /* The unit dialog offers the unit guide (one button keeps 360 px). */
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     row_button ("document-edit-symbolic",
                                                 _("Rename or Reclassify the Unit"),
                                                 "ledger.edit-unit", a->ansvar));
        }
      else if (*a->ansvar == '\0')
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     _("Lines without an ansvar cannot follow a unit"));
      else
        {
          GtkWidget *entry = gtk_entry_new ();

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not classified"));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
          /* An instruction, not something that looks like an allocation. */
          gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Type a split"));
          /* Narrow enough for 360 px with the amount in any font (Debian 13's
           * default font draws the amount 5 px wider than Debian 12's); it
           * still asks for 13 characters when there is room. */
          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
          gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 13);
          gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (entry, _("Fordeling: function:percent pairs, Enter to apply"));
          g_object_set_data_full (G_OBJECT (entry), "ansvar", g_strdup (a->ansvar), g_free);
          g_signal_connect_object (entry, "activate",
                                   G_CALLBACK (on_allocation_entry_activate_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), classify_button (a->ansvar));
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
fill_findings (VvLedgerSplitView *self,
               VvSplit           *split)
{
  GPtrArray *findings = vv_split_get_findings (split);

  clear_list (self->findings_list);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *count = vv_format_count (f->count);
      g_autofree char *search = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (f->severity));
      GtkWidget *badge = gtk_label_new (count);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* The message says what is wrong; the finding's code is for exports. */
      if (f->suggested != NULL)
        {
          g_autofree char *where = g_strdup_printf (_("Belongs on %s"), f->suggested);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
        }
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
      /* What the search looks in: the message, the code and the ansvar. */
      search = g_strdup_printf ("%s\n%s\n%s\n%s", f->message, f->code, f->ansvar,
                                f->unit_name != NULL ? f->unit_name : "");
      g_object_set_data_full (G_OBJECT (row), "search", g_utf8_casefold (search, -1), g_free);
      gtk_list_box_append (self->findings_list, row);
    }
  if (findings == NULL || findings->len == 0)
    placeholder_row (self->findings_list, _("No findings: every line looks booked right."));
  gtk_list_box_invalidate_filter (self->findings_list);
}

static gboolean
finding_visible (GtkListBoxRow *row,
                 gpointer       user_data)
{
  VvLedgerSplitView *self = user_data;
  const char *text = g_object_get_data (G_OBJECT (row), "search");

  return self->needle == NULL || text == NULL || strstr (text, self->needle) != NULL;
}

/* @text with its spaces made no-break spaces, as a new string. */
static char *
no_break (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p++)
    if (*p == ' ')
      g_string_append (out, "\u00a0");
    else
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
show_split (VvLedgerSplitView *self)
{
  VvSplit *split = vv_ledger_session_get_split (the_session (self));
  const VvLedgerImport *import = vv_ledger_session_get_import (the_session (self));
  gint64 total, f257 = 0, f258 = 0;
  int nyear = 0, year;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *n257 = NULL;
  g_autofree char *n258 = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *n_lines = NULL;
  g_autofree char *description = NULL;
  const char *file_name = import != NULL ? import->file_name : "";

  gtk_widget_set_visible (self->sample_banner, vv_ledger_session_get_sample (the_session (self)));
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
  if (split == NULL)
    return;

  year = vv_split_get_year (split);
  total = vv_split_get_home_total (split);
  vv_rules_get_national_share (vv_ledger_session_get_rules (the_session (self)), &nyear, &f257, &f258,
                               NULL);
  n257 = share_text (f257, f257 + f258);
  n258 = share_text (f258, f257 + f258);
  {
    g_autofree char *x257 = g_strdup_printf (_("Norway %d: %s"), nyear, n257);
    g_autofree char *x258 = g_strdup_printf (_("Norway %d: %s"), nyear, n258);

    set_home_row (self->home_257_row, self->home_257_label, vv_split_get_home_257 (split),
                  total, x257);
    set_home_row (self->home_258_row, self->home_258_label, vv_split_get_home_258 (split),
                  total, x258);
  }
  set_home_row (self->home_other_row, self->home_other_label, vv_split_get_home_other (split),
                total, NULL);
  set_home_row (self->home_unassigned_row, self->home_unassigned_label,
                vv_split_get_home_unassigned (split), total,
                vv_split_get_home_unassigned (split) != 0 ? _("classify these units below")
                                                          : NULL);
  set_home_row (self->home_total_row, self->home_total_label, total, total, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->home_other_row), vv_split_get_home_other (split) != 0);
  {
    g_autofree char *m257 = share_text (vv_split_get_home_257 (split), total);
    g_autofree char *m258 = share_text (vv_split_get_home_258 (split), total);
    g_autofree char *label = g_strdup_printf (_("Chart: 257 %s and 258 %s of the home-service "
                                                "money; Norway %d: 257 %s and 258 %s"),
                                              m257, m258, nyear, n257, n258);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart_area),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }

  description = year > 0 && year <= 2023
                ? g_strdup_printf (_("Function 254 in %d, split by the units register as it "
                                     "would be from 2024."), year)
                : g_strdup (_("All home-service money, put on 257 and 258 by the units "
                              "register. “Booked per Function” shows it as booked."));
  adw_preferences_group_set_description (self->home_group, description);

  title = year > 0 ? g_strdup_printf (_("Ledger %d"), year) : g_strdup (_("Ledger"));
  n_lines = vv_format_count (vv_split_get_lines_read (split));
  lines = g_strdup_printf (ngettext ("%s line", "%s lines",
                                     (gulong) MIN (vv_split_get_lines_read (split), G_MAXULONG)),
                           n_lines);
  /* The count and its unit stay on one line at any width ("196 linjer"). */
  {
    char *kept = no_break (lines);

    g_free (lines);
    lines = kept;
  }
  if (vv_split_get_lines_rejected (split) > 0)
    {
      g_autofree char *n_rejected = vv_format_count (vv_split_get_lines_rejected (split));

      subtitle = g_strdup_printf (_("%s · %s · %s rejected"), file_name, lines, n_rejected);
    }
  else
    subtitle = g_strdup_printf ("%s · %s", file_name, lines);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);

  fill_units (self, split);
  fill_findings (self, split);
  fill_functions (self, split);
}

/* The imports menu: every stored import of the user's, newest first. */
static void
update_imports_menu (VvLedgerSplitView *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) list = g_menu_new ();
  g_autoptr(GMenu) commands = g_menu_new ();
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;

  if (the_session (self) != NULL && vv_ledger_session_get_db (the_session (self)) != NULL &&
      (imports = vv_ledger_session_list_imports (the_session (self), &error)) == NULL)
    g_debug ("Cannot list the imports: %s", error->message);
  for (guint i = 0; imports != NULL && i < imports->len; i++)
    {
      const VvLedgerImport *imp = g_ptr_array_index (imports, i);
      g_autofree char *n = vv_format_count (imp->lines);
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

/* callbacks */

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  VvLedgerSplitView *self = user_data;
  VvSplit *split = the_session (self) != NULL ? vv_ledger_session_get_split (the_session (self)) : NULL;

  if (split != NULL)
    vv_split_chart_draw_full (split, cr, width, height,
                              adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
on_findings_search_changed_cb (VvLedgerSplitView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->findings_search_entry));

  g_clear_pointer (&self->needle, g_free);
  if (*text != '\0')
    self->needle = g_utf8_casefold (text, -1);
  gtk_list_box_invalidate_filter (self->findings_list);
}

/* Esc: the search ends, and every finding shows again. */
static void
on_findings_stop_search_cb (VvLedgerSplitView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->findings_search_entry), "");
  on_findings_search_changed_cb (self);
  gtk_revealer_set_reveal_child (self->findings_search_bar, FALSE);
}

/* overrides */

static void
vv_ledger_split_view_session_changed (VvLedgerView    *view,
                                      VvLedgerSession *session)
{
  VvLedgerSplitView *self = VV_LEDGER_SPLIT_VIEW (view);

  vv_ledger_view_set_session (VV_LEDGER_VIEW (self->provenance_view), session);
  vv_ledger_view_set_session (VV_LEDGER_VIEW (self->export_view), session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::split", G_CALLBACK (show_split), self);
      g_signal_connect_swapped (session, "notify::sample", G_CALLBACK (show_split), self);
      g_signal_connect_swapped (session, "imports-changed", G_CALLBACK (update_imports_menu),
                                self);
      show_split (self);
    }
  update_imports_menu (self);
}

static void
vv_ledger_split_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_LEDGER_SPLIT_VIEW);

  G_OBJECT_CLASS (vv_ledger_split_view_parent_class)->dispose (object);
}

static void
vv_ledger_split_view_finalize (GObject *object)
{
  VvLedgerSplitView *self = VV_LEDGER_SPLIT_VIEW (object);

  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (vv_ledger_split_view_parent_class)->finalize (object);
}

static void
vv_ledger_split_view_class_init (VvLedgerSplitViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VvLedgerViewClass *ledger_view_class = VV_LEDGER_VIEW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_ledger_split_view_dispose;
  ledger_view_class->session_changed = vv_ledger_split_view_session_changed;
  object_class->finalize = vv_ledger_split_view_finalize;


  g_type_ensure (VV_TYPE_LEDGER_EXPORT_VIEW);
  g_type_ensure (VV_TYPE_LEDGER_PROVENANCE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-ledger-split-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, export_view);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, findings_list);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, findings_search_bar);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, findings_search_entry);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, functions_list);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_257_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_257_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_258_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_258_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_group);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_other_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_other_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_total_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_total_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_unassigned_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, home_unassigned_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, imports_button);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, provenance_view);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, sample_banner);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, title_label);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerSplitView, units_list);
  gtk_widget_class_bind_template_callback (widget_class, on_findings_search_changed_cb);
}

static void
vv_ledger_split_view_init (VvLedgerSplitView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart_cb, self, NULL);
  /* The chart's text follows the dark style. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->chart_area,
                           G_CONNECT_SWAPPED);
  gtk_list_box_set_filter_func (self->findings_list, finding_visible, self, NULL);
  g_signal_connect_swapped (self->findings_search_entry, "stop-search",
                            G_CALLBACK (on_findings_stop_search_cb), self);
  update_imports_menu (self);
}

/* public API */

GtkWidget *
vv_ledger_split_view_new (void)
{
  return g_object_new (VV_TYPE_LEDGER_SPLIT_VIEW, NULL);
}

/**
 * vv_ledger_split_view_search:
 * @text: (nullable): what to look for in the findings; %NULL keeps the
 *   search as it is
 *
 * Opens the findings search (Ctrl+F).
 */
void
vv_ledger_split_view_search (VvLedgerSplitView *self,
                             const char        *text)
{
  g_return_if_fail (VV_IS_LEDGER_SPLIT_VIEW (self));

  gtk_revealer_set_reveal_child (self->findings_search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->findings_search_entry));
  if (text != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->findings_search_entry), text);
      on_findings_search_changed_cb (self);
    }
}

/**
 * vv_ledger_split_view_get_n_findings_shown:
 *
 * Returns: the findings the search lets through
 */
guint
vv_ledger_split_view_get_n_findings_shown (VvLedgerSplitView *self)
{
  guint n = 0;

  g_return_val_if_fail (VV_IS_LEDGER_SPLIT_VIEW (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "search") != NULL && gtk_widget_get_child_visible (row))
      n++;
  return n;
}
