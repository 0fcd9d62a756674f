/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * vv-citation-row.h: one quoted paragraph of the guidance, as a row that
 * opens to show the quote and where it is. Used by the guide, the respite
 * and the training pages.
 */
#pragma once

#include <adwaita.h>

#include "vv-rules.h"

G_BEGIN_DECLS

#define VV_TYPE_CITATION_ROW (vv_citation_row_get_type ())

G_DECLARE_FINAL_TYPE (VvCitationRow, vv_citation_row, VV, CITATION_ROW, AdwExpanderRow)

GtkWidget        *vv_citation_row_new          (const VvCitation *citation);
const VvCitation *vv_citation_row_get_citation (VvCitationRow    *self);
void              vv_citation_row_set_citation (VvCitationRow    *self,
                                                const VvCitation *citation);

G_END_DECLS
