/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-provenance-view"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-format.h"
#include "vv-ledger-provenance-view.h"

/* Where the figures of the ledger page come from: which are as booked and
 * which follow the units register, and the file, year, region, amount
 * column and unit they were read from, and whether the functions were read
 * from local service codes. Follows the session's split. */
struct _VvLedgerProvenanceView
{
  VvLedgerView     parent_instance;

  /* Template widgets */
  AdwActionRow    *booked_row;
  AdwActionRow    *column_row;
  AdwActionRow    *file_row;
  AdwActionRow    *function_row;
  AdwActionRow    *home_row;
  AdwActionRow    *region_row;
  AdwActionRow    *unit_row;
  AdwActionRow    *year_row;
};

G_DEFINE_FINAL_TYPE (VvLedgerProvenanceView, vv_ledger_provenance_view, VV_TYPE_LEDGER_VIEW)

/* the session shown */
static inline VvLedgerSession *
the_session (gpointer self)
{
  return vv_ledger_view_get_session (VV_LEDGER_VIEW (self));
}

/* helpers */

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, text);
}

static const char *
format_name (const VvLedgerProvenance *p)
{
  if (g_strcmp0 (p->format, "kostra") == 0)
    return _("KOSTRA file extract");
  if (p->sheet != NULL)
    return _("spreadsheet");
  return _("CSV export");
}

static void
update (VvLedgerProvenanceView *self)
{
  g_autoptr(VvLedgerProvenance) p = NULL;
  g_autofree char *home = NULL;
  g_autofree char *file = NULL;
  g_autofree char *year = NULL;
  g_autofree char *column = NULL;
  g_autofree char *function = NULL;
  gboolean kostra;

  p = the_session (self) != NULL ? vv_ledger_session_dup_provenance (the_session (self)) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), p != NULL);
  if (p == NULL)
    return;
  kostra = g_strcmp0 (p->format, "kostra") == 0;

  if (p->n_units == 0)
    home = g_strdup (_("Follow the units register, which is empty: classify the units, or all "
                       "home-service money stays unassigned."));
  else
    home = g_strdup_printf (ngettext ("Follow the units register (%u unit): each ansvar’s money "
                                      "is put on its unit’s Fordeling, whatever function it was "
                                      "booked on.",
                                      "Follow the units register (%u units): each ansvar’s money "
                                      "is put on its unit’s Fordeling, whatever function it was "
                                      "booked on.", p->n_units), p->n_units);
  set_subtitle (self->home_row, home);
  set_subtitle (self->booked_row, kostra
                ? _("As booked: the records of the extract, by their function.")
                : _("As booked: the ledger lines, by the function they were booked on."));

  if (p->sample)
    file = g_strdup_printf (_("%s (%s, a made-up sample)"), p->file_name, format_name (p));
  else if (p->sheet != NULL)
    /* Translators: file name, sheet name, kind of file */
    file = g_strdup_printf (_("%s, sheet “%s” (%s)"), p->file_name, p->sheet, format_name (p));
  else
    file = g_strdup_printf ("%s (%s)", p->file_name, format_name (p));
  set_subtitle (self->file_row, file);
  year = p->year > 0 ? g_strdup_printf ("%d", p->year) : g_strdup (_("Several years"));
  set_subtitle (self->year_row, year);
  set_subtitle (self->region_row, p->region != NULL ? p->region
                                  : _("Not named in the file"));
  if (p->amount_column != NULL)
    /* Translators: the header of the amount column, quoted */
    column = g_strdup_printf (_("“%s”"), p->amount_column);
  else if (kostra)
    column = g_strdup (_("Beløp, positions 40–48 of each record"));
  else
    column = g_strdup (_("Not recorded for this import; import the file again to see it"));
  set_subtitle (self->column_row, column);
  /* Local service codes (tjeneste 25410) read by their first three digits */
  gtk_widget_set_visible (GTK_WIDGET (self->function_row), p->service_code != NULL);
  if (p->service_code != NULL)
    {
      g_autofree char *count = vv_format_count (p->lines_service_code);
      gulong n = (gulong) MIN (p->lines_service_code, G_MAXULONG);

      /* Translators: a local service code (tjeneste), the KOSTRA function
       * of its first three digits, and how many lines were read so */
      function = g_strdup_printf (ngettext ("Function read from the service code: %s → %.3s "
                                            "(%s line)",
                                            "Function read from the service code: %s → %.3s "
                                            "(%s lines)", n),
                                  p->service_code, p->service_code, count);
      set_subtitle (self->function_row, function);
    }
  set_subtitle (self->unit_row, p->thousands
                ? _("Whole 1000 kr in the file, shown here in kroner")
                : _("Kroner and øre, as in the file"));
}

/* overrides */

static void
vv_ledger_provenance_view_session_changed (VvLedgerView    *view,
                                           VvLedgerSession *session)
{
  VvLedgerProvenanceView *self = VV_LEDGER_PROVENANCE_VIEW (view);

  if (session != NULL)
    g_signal_connect_swapped (session, "notify::split", G_CALLBACK (update), self);
  update (self);
}

static void
vv_ledger_provenance_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_LEDGER_PROVENANCE_VIEW);

  G_OBJECT_CLASS (vv_ledger_provenance_view_parent_class)->dispose (object);
}

static void
vv_ledger_provenance_view_class_init (VvLedgerProvenanceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VvLedgerViewClass *ledger_view_class = VV_LEDGER_VIEW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_ledger_provenance_view_dispose;
  ledger_view_class->session_changed = vv_ledger_provenance_view_session_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-ledger-provenance-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VvLedgerProvenanceView, booked_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerProvenanceView, column_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerProvenanceView, file_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerProvenanceView, function_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerProvenanceView, home_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerProvenanceView, region_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerProvenanceView, unit_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerProvenanceView, year_row);
}

static void
vv_ledger_provenance_view_init (VvLedgerProvenanceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
