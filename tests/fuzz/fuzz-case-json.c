/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz-case-json.c: libFuzzer target for the case reader (veiviser-case/1).
 *
 * Any input: vv_case_load_data() must either return a case or set an error
 * naming the file. A case that loads is validated and classified, and written
 * back out: the written text must load again and write out identically.
 */
#define G_LOG_DOMAIN "fuzz-case-json"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "vv-case.h"
#include "vv-classifier.h"
#include "vv-i18n.h"
#include "vv-rules.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

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
  g_autoptr(GError) error = NULL;
  g_autoptr(VvCase) c = NULL;
  g_autoptr(VvCase) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;
  gsize len = 0, len2 = 0;
  VvRules *rules = get_rules ();

  if (size > 1 << 20)
    return 0;

  c = vv_case_load_data ((const char *) data, (gssize) size, "fuzz.json", &error);
  if (c == NULL)
    {
      g_assert (error != NULL);
      g_assert (error->domain == VV_CASE_ERROR);
      g_assert (strstr (error->message, "fuzz.json") != NULL);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  (void) vv_case_find_line (c, "facts.residence");
  (void) vv_case_find_line (c, "year");

  if (vv_case_validate (c, rules, &error))
    {
      g_autoptr(VvResult) result = vv_classify (rules, c->year, c->facts, NULL);

      if (result != NULL)
        {
          g_autofree char *summary = vv_result_summary (result);
          g_autofree char *rtext = vv_result_to_text (rules, result);
          g_autoptr(JsonNode) node = vv_result_to_json (rules, result);

          g_assert (summary != NULL);
          g_assert (rtext != NULL);
          g_assert (node != NULL);
        }
    }
  else
    {
      g_assert (error != NULL);
      g_clear_error (&error);
    }

  /* Writing out and reading back is lossless. */
  text = vv_case_to_data (c, &len);
  again = vv_case_load_data (text, (gssize) len, "round-trip.json", &error);
  g_assert_no_error (error);
  g_assert (again != NULL);
  text2 = vv_case_to_data (again, &len2);
  g_assert_cmpuint (len, ==, len2);
  g_assert (memcmp (text, text2, len) == 0);
  return 0;
}
