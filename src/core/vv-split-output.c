/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-split"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-format.h"
#include "vv-split-private.h"

/* A finished split as JSON (`veiviser-split/1`, see docs/formats.md) and as
 * the text `veiviser-cli split` prints. */
static const char *
severity_name (VvSplitSeverity severity)
{
  switch (severity)
    {
    case VV_SPLIT_SEVERITY_ERROR:
      return "error";
    case VV_SPLIT_SEVERITY_WARNING:
      return "warning";
    case VV_SPLIT_SEVERITY_INFO:
    default:
      return "info";
    }
}

/**
 * vv_split_to_json:
 * @self: a finished #VvSplit
 *
 * The veiviser-split/1 document: `format`, `year`, `lines_read`,
 * `lines_rejected`, `booked`, `home_services` {257, 258, unassigned} and
 * `findings`, plus `lines_excluded`, `home_services_total` and
 * `home_services_other`. Amounts are integer øre.
 *
 * Returns: (transfer full): the JSON object
 */
JsonNode *
vv_split_to_json (VvSplit *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GArray) functions = NULL;

  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);
  g_return_val_if_fail (self->finished, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, VV_SPLIT_FORMAT);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, self->year);
  json_builder_set_member_name (b, "lines_read");
  json_builder_add_int_value (b, (gint64) self->lines_read);
  json_builder_set_member_name (b, "lines_rejected");
  json_builder_add_int_value (b, (gint64) self->lines_rejected);
  json_builder_set_member_name (b, "lines_excluded");
  json_builder_add_int_value (b, (gint64) self->lines_excluded);

  json_builder_set_member_name (b, "booked");
  json_builder_begin_object (b);
  functions = vv_split_get_functions (self);
  for (guint i = 0; i < functions->len; i++)
    {
      guint f = g_array_index (functions, guint, i);
      g_autofree char *code = _vv_split_function_code (f);

      json_builder_set_member_name (b, code);
      json_builder_add_int_value (b, self->booked[f]);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "home_services");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "257");
  json_builder_add_int_value (b, self->home_257);
  json_builder_set_member_name (b, "258");
  json_builder_add_int_value (b, self->home_258);
  json_builder_set_member_name (b, "unassigned");
  json_builder_add_int_value (b, self->home_no_unit + self->home_other);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "home_services_total");
  json_builder_add_int_value (b, self->home_total);
  json_builder_set_member_name (b, "home_services_other");
  json_builder_add_int_value (b, self->home_other);

  json_builder_set_member_name (b, "by_ansvar");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->ansvars->len; i++)
    {
      const VvSplitAnsvar *a = g_ptr_array_index (self->ansvars, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ansvar");
      json_builder_add_string_value (b, a->ansvar);
      json_builder_set_member_name (b, "unit");
      if (a->unit_name != NULL)
        json_builder_add_string_value (b, a->unit_name);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "lines");
      json_builder_add_int_value (b, (gint64) a->home_lines);
      json_builder_set_member_name (b, "amount");
      json_builder_add_int_value (b, a->home_ore);
      json_builder_set_member_name (b, "257");
      json_builder_add_int_value (b, a->ore_257);
      json_builder_set_member_name (b, "258");
      json_builder_add_int_value (b, a->ore_258);
      json_builder_set_member_name (b, "other");
      json_builder_add_int_value (b, a->ore_other);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (self->findings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, severity_name (f->severity));
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, f->code);
      json_builder_set_member_name (b, "line");
      json_builder_add_int_value (b, (gint64) f->line);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, f->message);
      json_builder_set_member_name (b, "ansvar");
      json_builder_add_string_value (b, f->ansvar);
      if (f->unit_name != NULL)
        {
          json_builder_set_member_name (b, "unit");
          json_builder_add_string_value (b, f->unit_name);
        }
      if (f->function != 0 || f->kind == VV_SPLIT_FINDING_UNKNOWN_FUNCTION)
        {
          g_autofree char *code = _vv_split_function_code (f->function);

          json_builder_set_member_name (b, "function");
          json_builder_add_string_value (b, code);
        }
      if (f->art != 0)
        {
          g_autofree char *art = g_strdup_printf ("%03u", f->art);

          json_builder_set_member_name (b, "art");
          json_builder_add_string_value (b, art);
        }
      if (f->year != 0)
        {
          json_builder_set_member_name (b, "year");
          json_builder_add_int_value (b, f->year);
        }
      if (f->suggested != NULL)
        {
          json_builder_set_member_name (b, "suggested");
          json_builder_add_string_value (b, f->suggested);
        }
      json_builder_set_member_name (b, "count");
      json_builder_add_int_value (b, (gint64) f->count);
      json_builder_set_member_name (b, "amount");
      json_builder_add_int_value (b, f->amount_ore);
      json_builder_set_member_name (b, "lines");
      json_builder_begin_array (b);
      for (guint j = 0; j < f->lines->len; j++)
        json_builder_add_int_value (b, (gint64) g_array_index (f->lines, guint64, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* "53,4 %" for @part of @whole, or "–" */
static char *
share_text (gint64 part,
            gint64 whole)
{
  return whole == 0 ? g_strdup ("–") : vv_format_share (part, whole);
}

static void
append_row (GString    *s,
            const char *label,
            const char *amount,
            const char *share,
            const char *national)
{
  glong pad = 34 - g_utf8_strlen (label, -1);

  g_string_append_printf (s, "  %s%*s%20s", label, (int) MAX (pad, 1), "", amount);
  if (share != NULL)
    g_string_append_printf (s, "  %8s", share);
  if (national != NULL)
    g_string_append_printf (s, "  %16s", national);
  g_string_append_c (s, '\n');
}

/**
 * vv_split_to_text:
 * @self: a finished #VvSplit
 *
 * A readable report in the current language: booked amounts per function,
 * the split with shares next to the national shares, and the findings.
 *
 * Returns: (transfer full): the text
 */
char *
vv_split_to_text (VvSplit *self)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GArray) functions = NULL;
  g_autofree char *read = NULL;
  g_autofree char *rejected = NULL;
  gint64 split_sum;
  gint64 n257 = 0, n258 = 0;
  int nyear = 0;
  gboolean have_national;

  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);
  g_return_val_if_fail (self->finished, NULL);

  if (self->year != 0)
    g_string_append_printf (s, _("Accounting year %d"), self->year);
  else
    g_string_append (s, _("Accounting year unknown"));
  g_string_append_c (s, '\n');
  read = vv_format_count (self->lines_read);
  rejected = vv_format_count (self->lines_rejected);
  g_string_append_printf (s, _("Lines read: %s, rejected: %s"), read, rejected);
  if (self->lines_excluded > 0)
    {
      g_autofree char *excluded = vv_format_count (self->lines_excluded);

      g_string_append (s, ", ");
      g_string_append_printf (s, _("investment lines left out: %s"), excluded);
    }
  g_string_append (s, "\n\n");

  g_string_append_printf (s, "%s\n", _("Booked by function (kr)"));
  functions = vv_split_get_functions (self);
  for (guint i = 0; i < functions->len; i++)
    {
      guint f = g_array_index (functions, guint, i);
      g_autofree char *code = _vv_split_function_code (f);
      g_autofree char *amount = vv_format_kroner (self->booked[f]);
      const VvFunction *fi = vv_rules_lookup_function (self->rules, code);

      g_string_append_printf (s, "  %s %20s  %s\n", code, amount, fi ? vv_rules_tr (fi->name) : "");
    }
  if (functions->len == 0)
    g_string_append_printf (s, "  %s\n", _("(no lines)"));

  have_national = vv_rules_get_national_share (self->rules, &nyear, &n257, &n258, NULL);
  split_sum = self->home_257 + self->home_258;
  g_string_append_printf (s, "\n%s\n", _("Home-service money split by unit (kr)"));
  {
    g_autofree char *h_share = g_strdup (_("Share"));
    g_autofree char *h_nat = have_national ? g_strdup_printf (_("Nationally %d"), nyear) : NULL;
    g_autofree char *a257 = vv_format_kroner (self->home_257);
    g_autofree char *a258 = vv_format_kroner (self->home_258);
    g_autofree char *aun = vv_format_kroner (self->home_no_unit + self->home_other);
    g_autofree char *atot = vv_format_kroner (self->home_total);
    g_autofree char *s257 = share_text (self->home_257, split_sum);
    g_autofree char *s258 = share_text (self->home_258, split_sum);
    g_autofree char *n257s = have_national ? share_text (n257, n257 + n258) : NULL;
    g_autofree char *n258s = have_national ? share_text (n258, n257 + n258) : NULL;
    g_autofree char *l257 = g_strdup_printf ("257 %s", _("staff base at housing"));
    g_autofree char *l258 = g_strdup_printf ("258 %s", _("ambulant and more"));

    append_row (s, "", "", h_share, h_nat);
    append_row (s, l257, a257, s257, n257s);
    append_row (s, l258, a258, s258, n258s);
    append_row (s, _("Unassigned"), aun, NULL, NULL);
    if (self->home_other != 0)
      {
        g_autofree char *aoth = vv_format_kroner (self->home_other);
        g_autofree char *lother = g_strdup_printf ("  %s", _("of which units on other functions"));

        append_row (s, lother, aoth, NULL, NULL);
      }
    append_row (s, _("Total home services"), atot, NULL, NULL);
  }

  g_string_append_printf (s, "\n%s\n", _("Findings"));
  if (self->findings->len == 0)
    g_string_append_printf (s, "  %s\n", _("None."));
  for (guint i = 0; i < self->findings->len; i++)
    {
      const VvSplitFinding *f = g_ptr_array_index (self->findings, i);
      const char *sev = f->severity == VV_SPLIT_SEVERITY_ERROR ? _("error")
                      : f->severity == VV_SPLIT_SEVERITY_WARNING ? _("warning") : _("note");

      g_string_append_printf (s, "  %s [%s]: %s\n", sev, f->code, f->message);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}
