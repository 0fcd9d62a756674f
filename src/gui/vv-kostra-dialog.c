/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-kostra-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-kostra-dialog.h"
#include "vv-message-dialog.h"

/* Asks what every record of a KOSTRA file extract carries: the region, the
 * organisation number (optional) and the year, prefilled with what the
 * import knows. The session checks them as they are typed; "Save As…"
 * is only offered for values SSB's record checks accept. */
struct _VvKostraDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *orgnr_row;
  GtkLabel         *problem_label;
  AdwEntryRow      *region_row;
  AdwEntryRow      *year_row;

  /* Owned */
  VvLedgerSession  *session;
  char             *problem;
};

G_DEFINE_FINAL_TYPE (VvKostraDialog, vv_kostra_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* helpers */

/* Points at the row that is wrong: the region, else the orgnr, else the
 * year; none when @region is NULL. */
static void
mark_wrong_row (VvKostraDialog *self,
                const char     *region)
{
  AdwEntryRow *rows[] = { self->region_row, self->orgnr_row, self->year_row };
  AdwEntryRow *wrong = NULL;
  int year = vv_kostra_dialog_get_year (self);

  if (region != NULL)
    {
      if (!vv_ledger_session_check_kostra (self->session, region, NULL, 2024, NULL))
        wrong = self->region_row;
      else if (!vv_ledger_session_check_kostra (self->session, region,
                                                vv_kostra_dialog_get_orgnr (self), 2024, NULL))
        wrong = self->orgnr_row;
      else if (year < 2024 || year > 9999)
        wrong = self->year_row;
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] == wrong)
      gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
}

/* callbacks */

static void
on_entry_changed_cb (VvKostraDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *region = vv_kostra_dialog_get_region (self);
  gboolean ok;

  g_clear_pointer (&self->problem, g_free);
  if (self->session == NULL)
    return;
  ok = vv_ledger_session_check_kostra (self->session, region, vv_kostra_dialog_get_orgnr (self),
                                       vv_kostra_dialog_get_year (self), &error);
  if (!ok)
    self->problem = g_strdup (error->message);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "write", ok);
  /* An empty region is still to be typed, not a mistake to point at. */
  gtk_label_set_text (self->problem_label, self->problem != NULL ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), !ok && *region != '\0');
  mark_wrong_row (self, ok || *region == '\0' ? NULL : region);
}

/* overrides */

static void
vv_kostra_dialog_finalize (GObject *object)
{
  VvKostraDialog *self = VV_KOSTRA_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (vv_kostra_dialog_parent_class)->finalize (object);
}

static void
vv_kostra_dialog_class_init (VvKostraDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vv_kostra_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-kostra-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VvKostraDialog, orgnr_row);
  gtk_widget_class_bind_template_child (widget_class, VvKostraDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, VvKostraDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, VvKostraDialog, year_row);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
}

static void
vv_kostra_dialog_init (VvKostraDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vv_message_dialog_arrange (ADW_MESSAGE_DIALOG (self));
}

/* public API */

/**
 * vv_kostra_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @session: the ledger session whose extract is written
 * @region: (nullable): the region to offer
 * @orgnr: (nullable): the organisation number to offer
 * @year: the year to offer
 *
 * Returns: (transfer none): a new dialog; it holds itself until closed
 */
VvKostraDialog *
vv_kostra_dialog_new (GtkWindow       *parent,
                      VvLedgerSession *session,
                      const char      *region,
                      const char      *orgnr,
                      int              year)
{
  VvKostraDialog *self;

  g_return_val_if_fail (VV_IS_LEDGER_SESSION (session), NULL);

  self = g_object_new (VV_TYPE_KOSTRA_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  vv_kostra_dialog_set_values (self, region, orgnr, year);
  return self;
}

void
vv_kostra_dialog_set_values (VvKostraDialog *self,
                             const char     *region,
                             const char     *orgnr,
                             int             year)
{
  g_autofree char *text = year > 0 ? g_strdup_printf ("%d", year) : g_strdup ("");

  g_return_if_fail (VV_IS_KOSTRA_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->region_row), region != NULL ? region : "");
  gtk_editable_set_text (GTK_EDITABLE (self->orgnr_row), orgnr != NULL ? orgnr : "");
  gtk_editable_set_text (GTK_EDITABLE (self->year_row), text);
  on_entry_changed_cb (self);
}

const char *
vv_kostra_dialog_get_region (VvKostraDialog *self)
{
  g_return_val_if_fail (VV_IS_KOSTRA_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->region_row));
}

const char *
vv_kostra_dialog_get_orgnr (VvKostraDialog *self)
{
  g_return_val_if_fail (VV_IS_KOSTRA_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->orgnr_row));
}

int
vv_kostra_dialog_get_year (VvKostraDialog *self)
{
  const char *text;
  guint64 year = 0;

  g_return_val_if_fail (VV_IS_KOSTRA_DIALOG (self), 0);

  text = gtk_editable_get_text (GTK_EDITABLE (self->year_row));
  if (!g_ascii_string_to_unsigned (text, 10, 0, 9999, &year, NULL))
    return 0;
  return (int) year;
}

/**
 * vv_kostra_dialog_get_problem:
 *
 * Returns: (nullable): what is wrong with the values typed, or %NULL
 */
const char *
vv_kostra_dialog_get_problem (VvKostraDialog *self)
{
  g_return_val_if_fail (VV_IS_KOSTRA_DIALOG (self), NULL);

  return self->problem;
}
