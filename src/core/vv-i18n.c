/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-i18n"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "vv-i18n.h"

static char *current_language;

/**
 * vv_i18n_localedir:
 *
 * Where the message catalogues are. `VEIVISER_LOCALEDIR` overrides the
 * installed location so tests and uninstalled builds find `build/po`.
 *
 * Returns: (transfer none): a directory name
 */
const char *
vv_i18n_localedir (void)
{
  const char *env = g_getenv ("VEIVISER_LOCALEDIR");

  if (env != NULL && *env != '\0')
    return env;
  return LOCALEDIR;
}

static const char *
language_from_environment (void)
{
  const char *vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *v = g_getenv (vars[i]);

      if (v == NULL || *v == '\0')
        continue;
      if (g_str_has_prefix (v, "nn"))
        return "nn";
      if (g_str_has_prefix (v, "nb") || g_str_has_prefix (v, "no"))
        return "nb";
      if (i > 0)
        return "en";
    }
  return "en";
}

static gboolean
try_locale (const char *name)
{
  return setlocale (LC_ALL, name) != NULL;
}

/**
 * vv_i18n_init:
 * @language: (nullable): "nb", "nn", "en", or %NULL/"" for the system default
 *
 * Sets up gettext for the veiviser domain. With an explicit language the
 * process locale is switched to it (glibc ignores `LANGUAGE` in the C
 * locale, so a real nb_NO/nn_NO locale is selected when one is installed).
 */
void
vv_i18n_init (const char *language)
{
  if (language == NULL || *language == '\0')
    {
      gboolean norwegian;
      const char *messages;

      setlocale (LC_ALL, "");
      language = language_from_environment ();
      norwegian = g_str_equal (language, "nn") || g_str_equal (language, "nb");
      messages = setlocale (LC_MESSAGES, NULL);
      if (norwegian &&
          (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX") ||
           g_str_has_prefix (messages, "C.")))
        {
          /* glibc ignores LANGUAGE in the C locale, and since 2.35 (Debian 13)
           * in C.UTF-8 too: switch to a Norwegian one. */
          vv_i18n_init (language);
          return;
        }
      /* GTK and libadwaita lack some nynorsk strings: fall back to bokmål,
       * not to English. */
      if (norwegian)
        g_setenv ("LANGUAGE", g_str_equal (language, "nn") ? "nn:nb" : "nb:nn", TRUE);
    }
  else if (g_str_equal (language, "nb") || g_str_equal (language, "nn"))
    {
      const char *candidates_nb[] = { "nb_NO.UTF-8", "nb_NO.utf8", "no_NO.UTF-8", "C.UTF-8" };
      const char *candidates_nn[] = { "nn_NO.UTF-8", "nn_NO.utf8", "nb_NO.UTF-8", "C.UTF-8" };
      const char **candidates = g_str_equal (language, "nn") ? candidates_nn : candidates_nb;

      g_setenv ("LANGUAGE", g_str_equal (language, "nn") ? "nn:nb" : "nb:nn", TRUE);
      for (guint i = 0; i < 4; i++)
        if (try_locale (candidates[i]))
          break;
    }
  else
    {
      g_setenv ("LANGUAGE", "en", TRUE);
      if (!try_locale ("C.UTF-8"))
        setlocale (LC_ALL, "C");
    }

  g_free (current_language);
  current_language = g_strdup (language);

  bindtextdomain (GETTEXT_PACKAGE, vv_i18n_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * vv_i18n_get_language:
 *
 * Returns: "nb", "nn" or "en": the language chosen by vv_i18n_init()
 */
const char *
vv_i18n_get_language (void)
{
  return current_language != NULL ? current_language : language_from_environment ();
}

/**
 * vv_i18n_format_date:
 * @date: a date
 *
 * @date as the interface's language writes it, by a translated format
 * ("7.12.2026" in bokmål and nynorsk, "2026-12-07" untranslated). Not `%x`,
 * which gives "12/07/26" in the C locale the app may run in.
 *
 * Returns: (transfer full): the date
 */
char *
vv_i18n_format_date (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  /* Translators: how a date is written, a g_date_time_format() string;
   * "%-d.%-m.%Y" gives 7.12.2026. xgettext:no-c-format */
  return g_date_time_format (date, C_("date format", "%Y-%m-%d"));
}

/**
 * vv_i18n_format_date_time:
 * @date: a date and time
 *
 * @date and its time of day as the interface's language writes them, by a
 * translated format ("7.12.2026 kl. 09.05" in bokmål and nynorsk).
 *
 * Returns: (transfer full): the date and time
 */
char *
vv_i18n_format_date_time (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  /* Translators: how a date and time are written, a g_date_time_format()
   * string; "%-d.%-m.%Y kl. %H.%M" gives 7.12.2026 kl. 09.05.
   * xgettext:no-c-format */
  return g_date_time_format (date, C_("date and time format", "%Y-%m-%d %H:%M"));
}
