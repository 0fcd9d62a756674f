/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-citation-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vv-citation-row.h"

struct _VvCitationRow
{
  AdwExpanderRow    parent_instance;

  /* Template widgets */
  GtkLabel         *quote_label;
  GtkLabel         *where_label;

  /* Borrowed (the rules outlive every page) */
  const VvCitation *citation;
};

G_DEFINE_FINAL_TYPE (VvCitationRow, vv_citation_row, ADW_TYPE_EXPANDER_ROW)

/* overrides */

static void
vv_citation_row_class_init (VvCitationRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               VV_RESOURCE_PATH "/ui/vv-citation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VvCitationRow, quote_label);
  gtk_widget_class_bind_template_child (widget_class, VvCitationRow, where_label);
}

static void
vv_citation_row_init (VvCitationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* public API */

GtkWidget *
vv_citation_row_new (const VvCitation *citation)
{
  VvCitationRow *self = g_object_new (VV_TYPE_CITATION_ROW, NULL);

  vv_citation_row_set_citation (self, citation);
  return GTK_WIDGET (self);
}

const VvCitation *
vv_citation_row_get_citation (VvCitationRow *self)
{
  g_return_val_if_fail (VV_IS_CITATION_ROW (self), NULL);

  return self->citation;
}

/**
 * vv_citation_row_set_citation:
 * @self: the row
 * @citation: (nullable): a citation from the rules
 *
 * Shows the citation's gist (or its source) as the title, the source under
 * it, and, opened, the quote and where it stands: the document and section
 * with the lines, never the file name.
 */
void
vv_citation_row_set_citation (VvCitationRow    *self,
                              const VvCitation *citation)
{
  g_autofree char *quote = NULL;
  g_autofree char *where = NULL;
  g_autofree char *lines = NULL;

  g_return_if_fail (VV_IS_CITATION_ROW (self));

  self->citation = citation;
  if (citation == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), "");
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), "");
      gtk_label_set_label (self->quote_label, "");
      gtk_label_set_label (self->where_label, "");
      return;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 citation->summary != NULL ? vv_rules_tr (citation->summary)
                                                           : citation->source);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 citation->summary != NULL ? citation->source : "");
  /* Translators: a quote from the guidance, in the quotation marks of the language */
  quote = g_strdup_printf (_("«%s»"), citation->text);
  gtk_label_set_label (self->quote_label, quote);
  lines = vv_citation_format_lines (citation);
  /* Translators: where a quote is found: the document and section, then the lines */
  where = g_strdup_printf (C_("citation", "%s, %s"), citation->source, lines);
  gtk_label_set_label (self->where_label, where);
}
