/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-case-struct.c: a structure-aware libFuzzer target for cases.
 *
 * The fuzz input is not the case: its bytes are choices that build a
 * veiviser-case/1 document which is nearly always well-formed JSON, so that
 * the fuzzer spends its time past the parser, where byte-level mutation
 * rarely gets. The choices reach what a review found by hand: nesting tens
 * of thousands of levels deep, numbers at and past the double and int64
 * ranges, duplicate keys (also spelt with escapes), NUL and surrogate
 * escapes, identity numbers written in many ways, formula-like text and
 * tens of thousands of unknown facts. Every document must load or give an
 * error naming the file; a case that loads is validated, classified, copied,
 * checked for privacy and written out and read back identically.
 */
#define G_LOG_DOMAIN "fuzz-case-struct"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-i18n.h"
#include "vv-privacy.h"
#include "vv-rules.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

typedef struct
{
  const uint8_t *data;
  size_t         size;
  size_t         pos;
} Choices;

static const char *keys[] = {
  "format", "title", "year", "facts", "note", "expected", "result", "rules_version",
  "item", "residence", "provider", "share_outside_percent", "user_age", "shared_rota",
  "outcome", "allocations", "x", "\\u0079ear", "it\\u0065m", "", "\\u00e5r", "15038510190",
};

static const char *numbers[] = {
  "0", "1", "-1", "2023", "2024", "1900", "2200", "100", "150", "1.5", "-0", "1e2",
  "1e308", "1e309", "1e400", "-1e400", "1e-400", "4.9e-324", "1.7976931348623157e308",
  "9223372036854775807", "9223372036854775808", "-9223372036854775808",
  "-9223372036854775809", "99999999999999999999", "15038510190",
};

static const char *strings[] = {
  "\"veiviser-case/1\"", "\"care_service\"", "\"shared_housing\"", "\"attached_base\"",
  "\"municipality\"", "\"respite\"", "\"function\"", "\"257\"", "\"\"",
  "\"150385-10190\"", "\"15.03.85 10190\"", "\"15 03 85 10190\"", "\"150385\\u00a010190\"",
  "\"150385\\u200b10190\"",
  "\"\\uff11\\uff15\\uff10\\uff13\\uff18\\uff15\\uff11\\uff10\\uff11\\uff19\\uff10\"",
  "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"",
  "\"\\n=1+1\"", "\"\\uff1dSUM(A1)\"", "\"\\r\"", "\"\\t\"", "\"\\\\\"", "\"\\/\"",
  "\"\\377\"", "\"Åsen bofellesskap\"",
};

static guint
take (Choices *c)
{
  return c->pos < c->size ? c->data[c->pos++] : 0;
}

static void
emit_value (GString *out,
            Choices *c,
            guint    depth);

static void
emit_object (GString *out,
             Choices *c,
             guint    depth,
             guint    n_members)
{
  g_string_append_c (out, '{');
  for (guint i = 0; i < n_members && out->len < (1 << 21); i++)
    {
      guint k = take (c);

      if (i > 0)
        g_string_append_c (out, ',');
      if (k < 200)
        g_string_append_printf (out, "\"%s\":", keys[k % G_N_ELEMENTS (keys)]);
      else
        g_string_append_printf (out, "\"k%u\":", k * 7919 + i);
      emit_value (out, c, depth + 1);
    }
  g_string_append_c (out, '}');
}

static void
emit_value (GString *out,
            Choices *c,
            guint    depth)
{
  guint op = take (c);

  if (depth > 10)
    op = 0;
  switch (op % 10)
    {
    case 0:
      g_string_append (out, numbers[take (c) % G_N_ELEMENTS (numbers)]);
      break;
    case 1:
    case 2:
      g_string_append (out, strings[take (c) % G_N_ELEMENTS (strings)]);
      break;
    case 3:
      {
        /* a compound literal's commas would split GLib 2.76's g_string_append() macro */
        static const char *const words[] = { "true", "false", "null" };

        g_string_append (out, words[take (c) % 3]);
      }
      break;
    case 4:
      emit_object (out, c, depth, take (c) % 6);
      break;
    case 5:
      {
        guint n = take (c) % 5;

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            emit_value (out, c, depth + 1);
          }
        g_string_append_c (out, ']');
      }
      break;
    case 6:
      {
        /* deep nesting: around the cap and far past it, up to 65 536 levels;
         * on a log scale, so that most documents stay small and fast */
        guint levels = (1u << (take (c) % 17)) + take (c);
        char open = take (c) & 1 ? '[' : '{';

        for (guint i = 0; i < levels; i++)
          g_string_append (out, open == '[' ? "[" : "{\"a\":");
        g_string_append (out, "1");
        for (guint i = 0; i < levels; i++)
          g_string_append_c (out, open == '[' ? ']' : '}');
      }
      break;
    case 7:
      /* many members, up to 16 384 on a log scale: the unknown-fact
       * warnings must stay linear */
      emit_object (out, c, depth, (1u << (take (c) % 15)) + take (c));
      break;
    case 8:
      {
        /* raw bytes from the input, quoted: escapes, control bytes, broken UTF-8 */
        guint n = take (c) % 16;

        g_string_append_c (out, '"');
        for (guint i = 0; i < n; i++)
          g_string_append_c (out, (char) take (c));
        g_string_append_c (out, '"');
      }
      break;
    default:
      g_string_append_printf (out, "%d", (int) (take (c) * 37) - 4000);
      break;
    }
}

static VvRules *
get_rules (void)
{
  static VvRules *rules;

  if (rules == NULL)
    {
      vv_i18n_init ("C");
      rules = vv_rules_get_default ();
      g_assert (rules != NULL);
    }
  return rules;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* One buffer for every run: a document is up to 2 MiB, and growing a new
   * one each time (ASan maps, fills and quarantines every large block) took
   * nearly all the time, about 20 runs a second instead of hundreds. */
  static GString *doc;
  Choices choices = { data, size, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(VvCase) c = NULL;
  guint n_extra;
  VvRules *rules = get_rules ();

  if (doc == NULL)
    doc = g_string_sized_new ((1 << 21) + (1 << 20));
  g_string_assign (doc, "{\"format\":\"veiviser-case/1\"");
  g_string_append (doc, ",\"year\":");
  if (take (&choices) % 4 == 0)
    emit_value (doc, &choices, 1);
  else
    g_string_append (doc, take (&choices) & 1 ? "2024" : "2023");
  g_string_append (doc, ",\"title\":");
  emit_value (doc, &choices, 1);
  g_string_append (doc, ",\"facts\":");
  emit_object (doc, &choices, 1, take (&choices) % 8);
  n_extra = take (&choices) % 4;
  for (guint i = 0; i < n_extra; i++)
    {
      g_string_append_printf (doc, ",\"%s\":", keys[take (&choices) % G_N_ELEMENTS (keys)]);
      emit_value (doc, &choices, 1);
    }
  g_string_append_c (doc, '}');

  c = vv_case_load_data (doc->str, (gssize) doc->len, "struct.json", &error);
  if (c == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == VV_CASE_ERROR);
      g_assert (strstr (error->message, "struct.json") != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  {
    g_autoptr(VvCase) copy = vv_case_copy (c);
    g_autofree char *text = NULL;
    g_autofree char *text2 = NULL;
    g_autoptr(VvCase) again = NULL;
    gsize len = 0, len2 = 0;

    (void) vv_privacy_check (c->title, NULL, NULL);
    (void) vv_privacy_check (c->note, NULL, NULL);
    if (vv_case_validate (copy, rules, &error))
      {
        g_autoptr(VvResult) result = vv_classify (rules, copy->year, copy->facts, NULL);

        if (result != NULL)
          {
            g_autofree char *summary = vv_result_summary (result);

            g_assert (summary != NULL);
          }
        /* at most VV_CASE_MAX_WARNINGS named, one line for the rest, per kind */
        g_assert (copy->warnings->len <= 2 * (VV_CASE_MAX_WARNINGS + 1));
      }
    else
      g_clear_error (&error);

    text = vv_case_to_data (c, &len);
    again = vv_case_load_data (text, (gssize) len, "round-trip.json", &error);
    g_assert_no_error (error);
    text2 = vv_case_to_data (again, &len2);
    g_assert_cmpuint (len, ==, len2);
    g_assert (memcmp (text, text2, len) == 0);
  }
  return 0;
}
