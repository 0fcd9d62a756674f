/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-export-view"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-ledger-export-view.h"

/* What the ledger page writes back: correction postings for the accounts,
 * a KOSTRA file extract for SSB, an existing extract corrected. Each row
 * says what it writes, or why it cannot be written yet; its buttons are
 * `ledger.` actions of the page, enabled by the same test. */
struct _VvLedgerExportView
{
  VvLedgerView     parent_instance;

  /* Template widgets */
  AdwActionRow    *correct_row;
  AdwActionRow    *corrections_row;
  AdwActionRow    *kostra_row;
};

G_DEFINE_FINAL_TYPE (VvLedgerExportView, vv_ledger_export_view, VV_TYPE_LEDGER_VIEW)

/* the session shown */
static inline VvLedgerSession *
the_session (gpointer self)
{
  return vv_ledger_view_get_session (VV_LEDGER_VIEW (self));
}

/* helpers */

static void
update_row (VvLedgerExportView *self,
            AdwActionRow       *row,
            VvLedgerExportKind  kind,
            const char         *what)
{
  g_autofree char *reason = NULL;
  gboolean ok = vv_ledger_session_can_export (the_session (self), kind, &reason);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, ok ? what : reason);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "export-blocked");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "export-blocked");
}

static void
update (VvLedgerExportView *self)
{
  VvLedgerSession *session = the_session (self);
  gboolean shown = session != NULL && vv_ledger_session_get_split (session) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), shown);
  if (!shown)
    return;
  update_row (self, self->corrections_row, VV_LEDGER_EXPORT_CORRECTIONS,
              _("For the accounts: per ansvar and art, the money moved off 254 and off "
                "functions that disagree with the unit, onto the unit’s functions. Each ansvar "
                "and art nets to zero."));
  update_row (self, self->kostra_row, VV_LEDGER_EXPORT_KOSTRA,
              _("For SSB: the ledger as KOSTRA records in whole 1000 kr, with 257 and 258 in "
                "place of 254."));
  update_row (self, self->correct_row, VV_LEDGER_EXPORT_KOSTRA_CORRECTED,
              _("An extract made elsewhere: its 254 records split into 257 and 258 by this "
                "ledger’s shares per art; every other record kept as it was."));
}

/* overrides */

static void
vv_ledger_export_view_session_changed (VvLedgerView    *view,
                                       VvLedgerSession *session)
{
  VvLedgerExportView *self = VV_LEDGER_EXPORT_VIEW (view);

  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::split", G_CALLBACK (update), self);
      g_signal_connect_swapped (session, "notify::busy", G_CALLBACK (update), self);
    }
  update (self);
}

static void
vv_ledger_export_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_LEDGER_EXPORT_VIEW);

  G_OBJECT_CLASS (vv_ledger_export_view_parent_class)->dispose (object);
}

static void
vv_ledger_export_view_class_init (VvLedgerExportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VvLedgerViewClass *ledger_view_class = VV_LEDGER_VIEW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_ledger_export_view_dispose;
  ledger_view_class->session_changed = vv_ledger_export_view_session_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-ledger-export-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VvLedgerExportView, correct_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerExportView, corrections_row);
  gtk_widget_class_bind_template_child (widget_class, VvLedgerExportView, kostra_row);
}

static void
vv_ledger_export_view_init (VvLedgerExportView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
