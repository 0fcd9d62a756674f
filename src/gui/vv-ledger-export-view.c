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
  AdwBin           parent_instance;

  /* Template widgets */
  AdwActionRow    *correct_row;
  AdwActionRow    *corrections_row;
  AdwActionRow    *kostra_row;

  /* Owned */
  VvLedgerSession *session;
};

G_DEFINE_FINAL_TYPE (VvLedgerExportView, vv_ledger_export_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* helpers */

static void
update_row (VvLedgerExportView *self,
            AdwActionRow       *row,
            VvLedgerExportKind  kind,
            const char         *what)
{
  g_autofree char *reason = NULL;
  gboolean ok = vv_ledger_session_can_export (self->session, kind, &reason);

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
  gboolean shown = self->session != NULL && vv_ledger_session_get_split (self->session) != NULL;

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
vv_ledger_export_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VvLedgerExportView *self = VV_LEDGER_EXPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, vv_ledger_export_view_get_session (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_export_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  VvLedgerExportView *self = VV_LEDGER_EXPORT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      vv_ledger_export_view_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vv_ledger_export_view_dispose (GObject *object)
{
  VvLedgerExportView *self = VV_LEDGER_EXPORT_VIEW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (object), VV_TYPE_LEDGER_EXPORT_VIEW);

  G_OBJECT_CLASS (vv_ledger_export_view_parent_class)->dispose (object);
}

static void
vv_ledger_export_view_class_init (VvLedgerExportViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vv_ledger_export_view_dispose;
  object_class->get_property = vv_ledger_export_view_get_property;
  object_class->set_property = vv_ledger_export_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, VV_TYPE_LEDGER_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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

/* public API */

/**
 * vv_ledger_export_view_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown
 */
VvLedgerSession *
vv_ledger_export_view_get_session (VvLedgerExportView *self)
{
  g_return_val_if_fail (VV_IS_LEDGER_EXPORT_VIEW (self), NULL);

  return self->session;
}

void
vv_ledger_export_view_set_session (VvLedgerExportView *self,
                                   VvLedgerSession    *session)
{
  g_return_if_fail (VV_IS_LEDGER_EXPORT_VIEW (self));
  g_return_if_fail (session == NULL || VV_IS_LEDGER_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::split", G_CALLBACK (update), self);
      g_signal_connect_swapped (session, "notify::busy", G_CALLBACK (update), self);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
