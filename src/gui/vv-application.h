/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "vv-context.h"

G_BEGIN_DECLS

#define VV_TYPE_APPLICATION (vv_application_get_type ())

G_DECLARE_FINAL_TYPE (VvApplication, vv_application, VV, APPLICATION, AdwApplication)

VvApplication *vv_application_new         (void);
VvContext     *vv_application_get_context (VvApplication *self);

G_END_DECLS
