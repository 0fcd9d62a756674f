/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "vv-flowchart.h"

G_BEGIN_DECLS

guint _vv_flowchart_get_n_layouts (VvFlowchart *self);
void  _vv_flowchart_wait_default  (void);

G_END_DECLS
