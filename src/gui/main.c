/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "veiviser"

#include "config.h"

#include <glib.h>

#include "vv-application.h"
#include "vv-bench.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VvApplication) app = NULL;

  vv_bench_mark_main ();
  app = vv_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
