/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser"

#include "config.h"

#include <glib.h>

#include "vv-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VvApplication) app = NULL;

  app = vv_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
