/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-bench"

#include "config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vv-process-times.h"

/**
 * vv_process_times:
 * @since_start: (out): milliseconds since the process started (its start
 *   time in clock ticks since boot against CLOCK_BOOTTIME), or -1
 * @cpu: (out): the CPU time it has used (user + system) in milliseconds,
 *   or -1
 */
void
vv_process_times (double *since_start,
                  double *cpu)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  struct timespec now;
  const char *after_name;
  long ticks = sysconf (_SC_CLK_TCK);

  *since_start = *cpu = -1;
  if (ticks <= 0 || !g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return;
  /* The command name may contain spaces; the fields after it do not. */
  after_name = strrchr (stat, ')');
  if (after_name == NULL || clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return;
  fields = g_strsplit (after_name + 2, " ", 0);
  /* Fields 14, 15 and 22 of stat (utime, stime, starttime) are the 12th,
   * 13th and 20th after the name. */
  if (g_strv_length (fields) < 20)
    return;
  *cpu = (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 / ticks;
  *since_start = (now.tv_sec + now.tv_nsec / 1e9 -
                  g_ascii_strtod (fields[19], NULL) / ticks) * 1000.0;
}
