/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-ledger-view.h"

G_BEGIN_DECLS

#define VV_TYPE_LEDGER_PROVENANCE_VIEW (vv_ledger_provenance_view_get_type ())

G_DECLARE_FINAL_TYPE (VvLedgerProvenanceView, vv_ledger_provenance_view, VV,
                      LEDGER_PROVENANCE_VIEW, VvLedgerView)


G_END_DECLS
