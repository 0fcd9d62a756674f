/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-ledger-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-ledger-reader-private.h"

/* Layout detection: encoding, separator, header row, column roles and
 * decimal mark from the head of a file. */

typedef struct
{
  const char *name;   /* normalised */
  int         role;
} Synonym;

static const Synonym synonyms[] = {
  { "ar", VV_LEDGER_COLUMN_YEAR }, { "aar", VV_LEDGER_COLUMN_YEAR },
  { "regnskapsar", VV_LEDGER_COLUMN_YEAR }, { "regnskapsaar", VV_LEDGER_COLUMN_YEAR },
  { "budsjettar", VV_LEDGER_COLUMN_YEAR }, { "arstall", VV_LEDGER_COLUMN_YEAR },
  { "year", VV_LEDGER_COLUMN_YEAR },
  { "periode", VV_LEDGER_COLUMN_PERIOD }, { "per", VV_LEDGER_COLUMN_PERIOD },
  { "regnskapsperiode", VV_LEDGER_COLUMN_PERIOD }, { "maned", VV_LEDGER_COLUMN_PERIOD },
  { "maaned", VV_LEDGER_COLUMN_PERIOD }, { "mnd", VV_LEDGER_COLUMN_PERIOD },
  { "month", VV_LEDGER_COLUMN_PERIOD }, { "period", VV_LEDGER_COLUMN_PERIOD },
  { "armnd", VV_LEDGER_COLUMN_PERIOD }, { "armaned", VV_LEDGER_COLUMN_PERIOD },
  { "periodenr", VV_LEDGER_COLUMN_PERIOD },
  { "ansvar", VV_LEDGER_COLUMN_ANSVAR }, { "ansvarssted", VV_LEDGER_COLUMN_ANSVAR },
  { "ansvarsted", VV_LEDGER_COLUMN_ANSVAR }, { "ansvarsnr", VV_LEDGER_COLUMN_ANSVAR },
  { "koststed", VV_LEDGER_COLUMN_ANSVAR }, { "kostnadssted", VV_LEDGER_COLUMN_ANSVAR },
  { "bevilgningssted", VV_LEDGER_COLUMN_ANSVAR }, { "avdeling", VV_LEDGER_COLUMN_ANSVAR },
  { "globject2", VV_LEDGER_COLUMN_ANSVAR },
  { "funksjon", VV_LEDGER_COLUMN_FUNCTION }, { "kostrafunksjon", VV_LEDGER_COLUMN_FUNCTION },
  { "funksjonsnr", VV_LEDGER_COLUMN_FUNCTION }, { "funksjonnr", VV_LEDGER_COLUMN_FUNCTION },
  { "tjeneste", VV_LEDGER_COLUMN_FUNCTION }, { "tjenestenr", VV_LEDGER_COLUMN_FUNCTION },
  { "tjenestekode", VV_LEDGER_COLUMN_FUNCTION }, { "function", VV_LEDGER_COLUMN_FUNCTION },
  { "art", VV_LEDGER_COLUMN_ART }, { "artskonto", VV_LEDGER_COLUMN_ART },
  { "artkonto", VV_LEDGER_COLUMN_ART }, { "artsnr", VV_LEDGER_COLUMN_ART },
  { "konto", VV_LEDGER_COLUMN_ART }, { "kontonr", VV_LEDGER_COLUMN_ART },
  { "kontonummer", VV_LEDGER_COLUMN_ART }, { "kostraart", VV_LEDGER_COLUMN_ART },
  { "tekst", VV_LEDGER_COLUMN_TEXT }, { "beskrivelse", VV_LEDGER_COLUMN_TEXT },
  { "bilagstekst", VV_LEDGER_COLUMN_TEXT }, { "posteringstekst", VV_LEDGER_COLUMN_TEXT },
  { "fritekst", VV_LEDGER_COLUMN_TEXT }, { "text", VV_LEDGER_COLUMN_TEXT },
  { "description", VV_LEDGER_COLUMN_TEXT },
  { "belop", VV_LEDGER_COLUMN_AMOUNT }, { "beloep", VV_LEDGER_COLUMN_AMOUNT },
  { "regnskap", VV_LEDGER_COLUMN_AMOUNT }, { "regnskaphittil", VV_LEDGER_COLUMN_AMOUNT },
  { "regnskapsbelop", VV_LEDGER_COLUMN_AMOUNT }, { "sum", VV_LEDGER_COLUMN_AMOUNT },
  { "amount", VV_LEDGER_COLUMN_AMOUNT }, { "faktisk", VV_LEDGER_COLUMN_AMOUNT },
  { "prosjekt", ROLE_IGNORED }, { "prosjektnr", ROLE_IGNORED }, { "objekt", ROLE_IGNORED },
  { "fridimensjon", ROLE_IGNORED }, { "aktivitet", ROLE_IGNORED },
  { "budsjett", ROLE_IGNORED }, { "revbudsjett", ROLE_IGNORED },
  { "revidertbudsjett", ROLE_IGNORED }, { "opprbudsjett", ROLE_IGNORED },
  { "opprinneligbudsjett", ROLE_IGNORED }, { "avvik", ROLE_IGNORED },
  { "debet", ROLE_IGNORED }, { "kredit", ROLE_IGNORED },
  { "kontoklasse", VV_LEDGER_COLUMN_CLASS }, { "driftinvestering", VV_LEDGER_COLUMN_CLASS },
  { "driftinv", VV_LEDGER_COLUMN_CLASS }, { "inntektutgift", ROLE_IGNORED },
  { "kommunenr", VV_LEDGER_COLUMN_REGION }, { "kommunenummer", VV_LEDGER_COLUMN_REGION },
  { "region", VV_LEDGER_COLUMN_REGION }, { "regionnr", VV_LEDGER_COLUMN_REGION },
  { "fylkesnr", VV_LEDGER_COLUMN_REGION }, { "firma", ROLE_IGNORED },
  /* nynorsk */
  { "teneste", VV_LEDGER_COLUMN_FUNCTION }, { "tenestenr", VV_LEDGER_COLUMN_FUNCTION },
  { "tenestekode", VV_LEDGER_COLUMN_FUNCTION },
  { "rekneskap", VV_LEDGER_COLUMN_AMOUNT }, { "rekneskaphittil", VV_LEDGER_COLUMN_AMOUNT },
  { "rekneskapsbelop", VV_LEDGER_COLUMN_AMOUNT },
  { "rekneskapsar", VV_LEDGER_COLUMN_YEAR }, { "rekneskapsperiode", VV_LEDGER_COLUMN_PERIOD },
  { "ansvarsstad", VV_LEDGER_COLUMN_ANSVAR }, { "kostnadsstad", VV_LEDGER_COLUMN_ANSVAR },
  { "skildring", VV_LEDGER_COLUMN_TEXT }, { "tenesteomrade", ROLE_IGNORED },
  { "bilagsnr", ROLE_IGNORED }, { "bilag", ROLE_IGNORED }, { "globject1", ROLE_IGNORED },
  { "globject3", ROLE_IGNORED }, { "tjomr", ROLE_IGNORED },
  { "tjenesteomrade", ROLE_IGNORED }, { "ressurs", ROLE_IGNORED },
  { "leverandor", ROLE_IGNORED }, { "mvakode", ROLE_IGNORED }, { "navn", ROLE_IGNORED },
};

/* Used only when no column has a primary name for the role: a posting date
 * gives the year and period when there is no Periode/År column. */
static const Synonym secondary_synonyms[] = {
  { "dato", VV_LEDGER_COLUMN_PERIOD }, { "bilagsdato", VV_LEDGER_COLUMN_PERIOD },
  { "posteringsdato", VV_LEDGER_COLUMN_PERIOD }, { "regnskapsdato", VV_LEDGER_COLUMN_PERIOD },
  { "date", VV_LEDGER_COLUMN_PERIOD },
};

/* Normalise a header cell: casefold, fold æøå, keep [a-z0-9()] only. */
static char *
normalise_header (const char *utf8)
{
  g_autofree char *folded = g_utf8_casefold (utf8, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '(' || c == ')')
        g_string_append_c (out, c);
      else if (c == 0xE6)       /* æ */
        g_string_append (out, "ae");
      else if (c == 0xF8 || c == 0xF6)  /* ø ö */
        g_string_append_c (out, 'o');
      else if (c == 0xE5 || c == 0xE4)  /* å ä */
        g_string_append_c (out, 'a');
      else if (c == 0xE9)
        g_string_append_c (out, 'e');
    }
  return g_string_free (out, FALSE);
}

static int
lookup_synonym (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    if (strcmp (synonyms[i].name, name) == 0)
      return synonyms[i].role;
  return ROLE_NONE;
}

/* Returns a role (or ROLE_IGNORED / ROLE_NONE); *secondary is set for text
 * companions such as "Funksjon(T)" or "tjeneste-tekst". */
static int
header_role (const char *cell,
             gboolean   *secondary)
{
  g_autofree char *n = normalise_header (cell);
  gsize len = strlen (n);
  int role;

  *secondary = FALSE;
  if (len == 0)
    return ROLE_NONE;
  if ((role = lookup_synonym (n)) != ROLE_NONE)
    return role;
  for (guint i = 0; i < G_N_ELEMENTS (secondary_synonyms); i++)
    if (strcmp (secondary_synonyms[i].name, n) == 0)
      {
        *secondary = TRUE;
        return secondary_synonyms[i].role;
      }

  /* "Regnskap 2024", "Beløp (kr)", "Beløp NOK", "Beløp (1000 kr)", "rekneskap_2011" */
  {
    g_autofree char *m = g_strdup (n);
    gsize l = len;
    static const char *units[] = { "itusenkroner", "tusenkroner", "itusenkr", "tusenkr",
                                   "i1000kr", "1000kr", "1000nok", "itusen", "tusen" };

    for (guint i = 0; i < G_N_ELEMENTS (units); i++)
      {
        char *u = strstr (m, units[i]);

        if (u != NULL && u > m)
          {
            memmove (u, u + strlen (units[i]), strlen (u + strlen (units[i])) + 1);
            l = strlen (m);
            break;
          }
      }

    while (l > 0 && (is_digit (m[l - 1]) || m[l - 1] == '(' || m[l - 1] == ')'))
      m[--l] = '\0';
    if (l > 2 && g_str_has_suffix (m, "ikr"))
      m[l -= 3] = '\0';
    else if (l > 2 && g_str_has_suffix (m, "kr"))
      m[l -= 2] = '\0';
    else if (l > 3 && g_str_has_suffix (m, "nok"))
      m[l -= 3] = '\0';
    while (l > 0 && (m[l - 1] == '(' || m[l - 1] == ')'))
      m[--l] = '\0';
    if (l > 0 && (role = lookup_synonym (m)) != ROLE_NONE)
      return role;
  }

  /* Text companions of code columns. */
  {
    static const char *suffixes[] = { "(t)", "tekst", "navn", "text" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      if (len > strlen (suffixes[i]) && g_str_has_suffix (n, suffixes[i]))
        {
          g_autofree char *m = g_strndup (n, len - strlen (suffixes[i]));

          role = lookup_synonym (m);
          if (role >= 0)
            {
              *secondary = TRUE;
              return role;
            }
          if (role == ROLE_IGNORED)
            return ROLE_IGNORED;
        }
  }
  return ROLE_NONE;
}

/* ------------------------------------------------------------- detection */

/* The 4-digit year in a header such as "Regnskap 2024" or "rekneskap_2011", or 0. */
static int
header_year (const char *cell)
{
  for (const char *p = cell; *p; p++)
    if (is_digit (p[0]) && is_digit (p[1]) && is_digit (p[2]) && is_digit (p[3]) &&
        (p == cell || !is_digit (p[-1])) && !is_digit (p[4]))
      {
        int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');

        if (y >= 1990 && y <= 2099)
          return y;
      }
  return 0;
}

/* A bare year as a column header ("2013;2014;2015": one amount column per year). */
static gboolean
is_year_header (const char *cell)
{
  g_autofree char *t = g_strstrip (g_strdup (cell));

  return strlen (t) == 4 && header_year (t) != 0;
}

/* The column whose header is @wanted as in the file, or the same once
 * normalised ("Revidert budsjett" = "revidert_budsjett"), or -1. */
static int
find_header (VvLedgerReader *self,
             const char     *wanted)
{
  g_autofree char *w = normalise_header (wanted);
  g_autofree char *ws = g_strstrip (g_strdup (wanted));

  for (guint i = 0; i < self->header->len; i++)
    {
      const char *h = g_ptr_array_index (self->header, i);
      g_autofree char *t = g_strstrip (g_strdup (h));

      if (g_strcmp0 (t, ws) == 0)
        return (int) i;
    }
  for (guint i = 0; i < self->header->len && *w != '\0'; i++)
    {
      g_autofree char *n = normalise_header (g_ptr_array_index (self->header, i));

      if (g_strcmp0 (n, w) == 0)
        return (int) i;
    }
  return -1;
}

static char *
header_list (VvLedgerReader *self,
             GArray         *cols)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < cols->len; i++)
    g_string_append_printf (s, "%s“%s”", i ? ", " : "",
                            (char *) g_ptr_array_index (self->header,
                                                        g_array_index (cols, int, i)));
  return g_string_free (s, FALSE);
}

/* Whether column @c was chosen (by index or by header) for a role other
 * than @role. */
static gboolean
column_chosen_elsewhere (VvLedgerReader *self,
                         int             c,
                         int             role)
{
  for (int o = 0; o < VV_LEDGER_N_COLUMNS; o++)
    if (o != role && (self->columns[o] == c ||
                      (self->column_name[o] != NULL && self->d_columns[o] == c)))
      return TRUE;
  return FALSE;
}

/* Columns chosen by their header (--column ROLE=HEADER, --amount-column);
 * the amount column among several: the one of the chosen year, else a
 * question naming them; and the unit of the amounts: 1000 kr when the
 * header says so, a question when a KOSTRA-shaped table holds whole numbers. */
static gboolean
choose_columns (VvLedgerReader  *self,
                VvLedgerHeadRow *hrow,
                GPtrArray       *rows,
                int              header_idx,
                int             *dup_col,
                const char      *name,
                GError         **error)
{
  g_autoptr(GArray) amounts = g_array_new (FALSE, FALSE, sizeof (int));
  int amount;

  for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
    if (self->column_name[r] != NULL)
      {
        int c = find_header (self, self->column_name[r]);

        if (c < 0)
          {
            g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (int));
            g_autofree char *list = NULL;

            for (int i = 0; i < (int) self->header->len; i++)
              if (*(const char *) g_ptr_array_index (self->header, i) != '\0')
                g_array_append_val (all, i);
            list = header_list (self, all);
            g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_MISSING_COLUMN,
                         _("%s: line %llu: there is no column “%s” (the columns are %s)"),
                         name, (unsigned long long) self->header_line, self->column_name[r],
                         list);
            return FALSE;
          }
        /* the column now has this role only */
        for (int o = 0; o < VV_LEDGER_N_COLUMNS; o++)
          if (o != r && self->d_columns[o] == c && self->columns[o] < 0)
            self->d_columns[o] = -1;
        self->d_columns[r] = c;
        dup_col[r] = -1;
      }

  /* Every column that looks like an amount; bare years ("2013;2014") only
   * when nothing else does (a wide budget layout). */
  if (self->column_name[VV_LEDGER_COLUMN_AMOUNT] == NULL &&
      self->columns[VV_LEDGER_COLUMN_AMOUNT] < 0)
    {
      for (int i = 0; hrow->cells[i]; i++)
        {
          gboolean secondary;

          if (header_role (hrow->cells[i], &secondary) == VV_LEDGER_COLUMN_AMOUNT && !secondary)
            g_array_append_val (amounts, i);
        }
      if (amounts->len == 0)
        for (int i = 0; hrow->cells[i]; i++)
          if (is_year_header (hrow->cells[i]))
            g_array_append_val (amounts, i);
      if (amounts->len == 1)
        self->d_columns[VV_LEDGER_COLUMN_AMOUNT] = g_array_index (amounts, int, 0);
      else if (amounts->len > 1)
        {
          int year = self->year ? self->year : self->default_year;
          int pick = -1;

          if (year != 0)
            for (guint i = 0; i < amounts->len; i++)
              {
                int c = g_array_index (amounts, int, i);

                if (header_year (hrow->cells[c]) == year)
                  pick = pick == -1 ? c : -2;
              }
          if (pick < 0)
            {
              g_autofree char *list = header_list (self, amounts);

              /* asked, so none is taken: the first header read as an amount
               * ("regnskap_2023" of "regnskap_2024") is no answer */
              self->d_columns[VV_LEDGER_COLUMN_AMOUNT] = -1;

              g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_DUPLICATE_COLUMN,
                           _("%s: line %llu: several columns hold amounts (%s); choose one "
                             "(--amount-column HEADER, or --year YYYY for a column per year)"),
                           name, (unsigned long long) self->header_line, list);
              return FALSE;
            }
          self->d_columns[VV_LEDGER_COLUMN_AMOUNT] = pick;
        }
      dup_col[VV_LEDGER_COLUMN_AMOUNT] = -1;
    }

  amount = vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_AMOUNT);
  self->d_amount_year = amount >= 0 && (guint) amount < self->header->len
                        ? header_year (g_ptr_array_index (self->header, amount)) : 0;

  self->d_unit = VV_LEDGER_UNIT_KR;
  if (amount >= 0 && (guint) amount < self->header->len)
    {
      const char *cell = g_ptr_array_index (self->header, amount);
      g_autofree char *n = normalise_header (cell);

      if (strstr (n, "1000") != NULL || strstr (n, "tusen") != NULL)
        self->d_unit = VV_LEDGER_UNIT_THOUSANDS;
      else if (vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_ANSVAR) < 0 &&
               (vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_REGION) >= 0 ||
                vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_CLASS) >= 0))
        {
          gboolean whole = TRUE;
          guint n_rows = 0;

          for (guint i = header_idx + 1; i < rows->len && whole; i++)
            {
              VvLedgerHeadRow *row = g_ptr_array_index (rows, i);

              if ((guint) amount >= g_strv_length (row->cells) || row->cells[amount][0] == '\0')
                continue;
              n_rows++;
              whole = strpbrk (row->cells[amount], ".,") == NULL;
            }
          if (whole && n_rows > 0)
            self->d_unit = VV_LEDGER_UNIT_AUTO;   /* kroner or 1000 kr? ask */
        }
      if (self->unit == VV_LEDGER_UNIT_AUTO && self->d_unit == VV_LEDGER_UNIT_AUTO)
        {
          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_UNIT,
                       _("%s: the amounts in column “%s” are whole numbers in a KOSTRA-style "
                         "table (no ansvar); choose whether they are kroner or thousand "
                         "kroner (--unit kr or --unit 1000kr)"), name, cell);
          return FALSE;
        }
    }
  return TRUE;
}

void
_vv_ledger_head_row_free (gpointer p)
{
  VvLedgerHeadRow *row = p;

  g_strfreev (row->cells);
  g_free (row);
}

typedef struct
{
  GPtrArray *rows;
  gboolean   cp1252;
} HeadCollect;

static void
head_record_cb (VvCsvFeeder *f,
                gpointer     data)
{
  HeadCollect *hc = data;
  VvLedgerHeadRow *row;

  if (hc->rows->len >= HEAD_RECORDS)
    {
      f->stop = TRUE;
      return;
    }
  row = g_new0 (VvLedgerHeadRow, 1);
  row->line = f->start_line;
  row->cells = g_new0 (char *, f->n_fields + 1);
  for (guint i = 0; i < f->n_fields; i++)
    {
      const char *s = f->rec + f->fields[i].off;
      gsize len = f->fields[i].len;

      if (hc->cp1252 || !g_utf8_validate (s, len, NULL))
        row->cells[i] = _vv_ledger_cp1252_dup (s, len);
      else
        row->cells[i] = g_strndup (s, len);
    }
  g_ptr_array_add (hc->rows, row);
}

static GPtrArray *
collect_head_rows (const char *head,
                   gsize       len,
                   gboolean    truncated,
                   char        sep,
                   gboolean    cp1252)
{
  HeadCollect hc = { g_ptr_array_new_with_free_func (_vv_ledger_head_row_free), cp1252 };
  VvCsvFeeder f;

  _vv_csv_feeder_init (&f, sep, head_record_cb, NULL, &hc);
  if (_vv_csv_feeder_feed (&f, head, len, "", NULL) && !truncated)
    _vv_csv_feeder_finish (&f, "", NULL);
  _vv_csv_feeder_clear (&f);
  return hc.rows;
}

static guint
row_known_cells (VvLedgerHeadRow *row)
{
  guint known = 0;

  for (guint i = 0; row->cells[i]; i++)
    {
      gboolean secondary;

      if (header_role (row->cells[i], &secondary) != ROLE_NONE)
        known++;
    }
  return known;
}

/* Index of the header row among @rows, or -1. */
static int
find_header_row (GPtrArray *rows,
                 guint     *known_out)
{
  for (guint i = 0; i < rows->len && i < HEADER_SCAN; i++)
    {
      guint known = row_known_cells (g_ptr_array_index (rows, i));

      if (known >= 2)
        {
          if (known_out)
            *known_out = known;
          return i;
        }
    }
  if (known_out)
    *known_out = 0;
  return -1;
}

/* Whether @text (a spreadsheet's first CSV text: `;`-separated UTF-8) has
 * a header row among its first lines, as a sheet holding a ledger has. */
gboolean
_vv_ledger_head_has_header (const char *text,
                            gsize       len)
{
  g_autoptr(GPtrArray) rows = collect_head_rows (text, MIN (len, (gsize) HEAD_SIZE), TRUE, ';',
                                                 FALSE);

  return find_header_row (rows, NULL) >= 0;
}

static char
detect_decimal_mark (GPtrArray *rows,
                     int        header_idx,
                     int        amount_col,
                     char       sep)
{
  guint comma = 0, point = 0;

  if (amount_col >= 0)
    for (guint i = header_idx + 1; i < rows->len; i++)
      {
        VvLedgerHeadRow *row = g_ptr_array_index (rows, i);
        const char *v, *c, *d;

        if ((guint) amount_col >= g_strv_length (row->cells))
          continue;
        v = row->cells[amount_col];
        c = strrchr (v, ',');
        d = strrchr (v, '.');
        if (c && d)
          {
            if (c > d)
              comma++;
            else
              point++;
          }
        else if (c || d)
          {
            const char *m = c ? c : d;
            guint digits = 0;

            for (const char *q = m + 1; is_digit (*q); q++)
              digits++;
            if (digits != 3)
              {
                if (c)
                  comma++;
                else
                  point++;
              }
          }
      }
  if (comma > point)
    return ',';
  if (point > comma)
    return '.';
  return sep == ',' ? '.' : ',';
}

static void
reset_detected (VvLedgerReader *self)
{
  self->d_format = VV_LEDGER_FORMAT_AUTO;
  self->d_encoding = VV_LEDGER_ENCODING_AUTO;
  self->d_separator = 0;
  self->d_decimal_mark = 0;
  for (int i = 0; i < VV_LEDGER_N_COLUMNS; i++)
    self->d_columns[i] = -1;
  self->has_bom = FALSE;
  self->d_unit = VV_LEDGER_UNIT_KR;
  self->d_amount_year = 0;
  self->d_function_code = VV_LEDGER_FUNCTION_CODE_EXACT;
  g_clear_pointer (&self->function_code_example, g_free);
  self->lines_service_code = 0;
  self->header_line = 0;
  g_ptr_array_set_size (self->header, 0);
  g_ptr_array_set_size (self->preview, 0);
  g_clear_pointer (&self->layout_key, g_free);
}

static void
fill_preview (VvLedgerReader *self,
              GPtrArray      *rows,
              int             header_idx)
{
  for (guint i = header_idx + 1; i < rows->len && self->preview->len < PREVIEW_ROWS; i++)
    {
      VvLedgerHeadRow *row = g_ptr_array_index (rows, i);
      VvLedgerHeadRow *copy = g_new0 (VvLedgerHeadRow, 1);

      copy->line = row->line;
      copy->cells = g_strdupv (row->cells);
      g_ptr_array_add (self->preview, copy);
    }
}

static guint64
line_of_offset (const char *data,
                gsize       offset)
{
  guint64 line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
      line++;
  return line;
}

gboolean
_vv_ledger_reader_detect_head (VvLedgerReader *self,
                               const char     *head,
                               gsize           len,
                               gboolean        truncated,
                               const char     *name,
                               GError        **error)
{
  const guchar *u = (const guchar *) head;
  const char *nul;
  gsize controls = 0;
  VvLedgerEncoding enc;
  g_autoptr(GPtrArray) rows = NULL;
  int header_idx = -1;
  char sep;
  gboolean cp1252;

  reset_detected (self);

  if (len == 0)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_EMPTY, _("%s: the file is empty"), name);
      return FALSE;
    }

  if ((len >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
      || (len >= 4 && memcmp (head, "\xD0\xCF\x11\xE0", 4) == 0))
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NOT_TEXT,
                   _("%s: this looks like an Excel (or ZIP) file, not CSV; "
                     "save it as CSV from the spreadsheet and try again"), name);
      return FALSE;
    }
  if (len >= 5 && memcmp (head, "%PDF-", 5) == 0)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NOT_TEXT,
                   _("%s: this is a PDF file, not CSV; export the ledger as CSV"), name);
      return FALSE;
    }
  if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                   _("%s: the file is UTF-16 encoded; save it as “CSV UTF-8” "
                     "(or Windows-1252) and try again"), name);
      return FALSE;
    }
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      self->has_bom = TRUE;
      head += 3;
      len -= 3;
      u += 3;
    }

  if ((nul = memchr (head, '\0', len)) != NULL)
    {
      gsize even = 0, odd = 0, n = MIN (len, 1024);

      for (gsize i = 0; i < n; i++)
        if (head[i] == '\0')
          {
            if (i % 2)
              odd++;
            else
              even++;
          }
      if (n >= 4 && (even * 10 >= n * 4 || odd * 10 >= n * 4) && (even * 20 < n || odd * 20 < n))
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                     _("%s: the file looks UTF-16 encoded (every other byte is zero); "
                       "save it as “CSV UTF-8” (or Windows-1252) and try again"), name);
      else
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_ENCODING,
                     _("%s: line %llu: the file contains a NUL byte "
                       "(byte %llu); it is not a text file"),
                     name, (unsigned long long) line_of_offset (head, nul - head),
                     (unsigned long long) ((gsize) (nul - head) + (self->has_bom ? 3 : 0)));
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    if (u[i] < 0x20 && u[i] != '\n' && u[i] != '\r' && u[i] != '\t' && u[i] != 0x0C
        && u[i] != 0x1A)
      controls++;
  if (controls > 0 && controls * 100 >= len)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NOT_TEXT,
                   _("%s: this is not a text file (it contains binary data)"), name);
      return FALSE;
    }

  /* Encoding */
  if (self->encoding != VV_LEDGER_ENCODING_AUTO)
    enc = self->encoding;
  else if (self->has_bom)
    enc = VV_LEDGER_ENCODING_UTF8;
  else if (g_utf8_validate (head, len, NULL))
    enc = VV_LEDGER_ENCODING_UTF8;
  else
    {
      /* Per line: a mostly-UTF-8 file with a few cp1252 lines stays UTF-8
       * (those lines are recoded one by one while reading). */
      guint good = 0, bad = 0;
      int first = 0;   /* whether the first non-ASCII line is UTF-8 (1) or not (-1) */
      const char *p = head, *e = head + len;

      while (p < e)
        {
          const char *nl = memchr (p, '\n', e - p);
          gsize n = nl ? (gsize) (nl - p) : (gsize) (e - p);

          if (!nl && truncated)
            break;      /* the last line may be cut in the middle of a character */
          if (!_vv_ledger_is_ascii (p, n))
            {
              if (g_utf8_validate (p, n, NULL))
                good++;
              else
                bad++;
              if (first == 0)
                first = bad > 0 ? -1 : 1;
            }
          p += n + 1;
        }
      /* A header such as "Beløp" in UTF-8 says how the file was written: a
       * broken data line below it is then a line to recode (and report), not a
       * reason to read the header as Windows-1252 and miss its columns. */
      enc = good > bad || first > 0 ? VV_LEDGER_ENCODING_UTF8 : VV_LEDGER_ENCODING_WINDOWS_1252;
    }
  self->d_encoding = enc;
  cp1252 = enc == VV_LEDGER_ENCODING_WINDOWS_1252;

  {
    gboolean blank = TRUE;

    for (gsize i = 0; i < len && blank; i++)
      if (!g_ascii_isspace (head[i]))
        blank = FALSE;
    if (blank && !truncated)
      {
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_EMPTY,
                     _("%s: the file contains only blank lines; there is no data"), name);
        return FALSE;
      }
  }

  /* Format */
  if (self->format == VV_LEDGER_FORMAT_KOSTRA
      || (self->format == VV_LEDGER_FORMAT_AUTO && _vv_kostra_looks_like (head, len, truncated)))
    {
      self->d_format = VV_LEDGER_FORMAT_KOSTRA;
      self->layout_key = g_strdup ("kostra-48");
      _vv_kostra_preview (self, head, len);
      return TRUE;
    }
  self->d_format = VV_LEDGER_FORMAT_CSV;

  /* Separator: the candidate that finds a header row with most known names,
   * else the one with the most consistent field count above one. */
  if (self->separator != 0)
    {
      sep = self->separator;
      rows = collect_head_rows (head, len, truncated, sep, cp1252);
      header_idx = find_header_row (rows, NULL);
    }
  else
    {
      static const char candidates[] = { ';', '\t', ',' };
      guint best_known = 0;
      GPtrArray *cand_rows[3];
      int best = -1;

      for (guint c = 0; c < 3; c++)
        {
          guint known;
          int idx;

          cand_rows[c] = collect_head_rows (head, len, truncated, candidates[c], cp1252);
          idx = find_header_row (cand_rows[c], &known);
          if (idx >= 0 && known > best_known)
            {
              best_known = known;
              best = c;
              header_idx = idx;
            }
        }
      if (best < 0)
        {
          guint best_score = 0;

          for (guint c = 0; c < 3; c++)
            {
              g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);

              for (guint i = 0; i < cand_rows[c]->len; i++)
                {
                  VvLedgerHeadRow *row = g_ptr_array_index (cand_rows[c], i);
                  guint nf = g_strv_length (row->cells);
                  guint k;

                  if (nf < 2)
                    continue;
                  k = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (nf))) + 1;
                  g_hash_table_insert (counts, GUINT_TO_POINTER (nf), GUINT_TO_POINTER (k));
                  if (k > best_score)
                    {
                      best_score = k;
                      best = c;
                    }
                }
            }
          if (best < 0)
            best = 0;
        }
      sep = candidates[best];
      for (guint c = 0; c < 3; c++)
        {
          if ((int) c == best)
            rows = cand_rows[c];
          else
            g_ptr_array_unref (cand_rows[c]);
        }
    }
  self->d_separator = sep;

  {
    guint max_fields = 0;
    guint64 bad_line = 0;
    gsize bad_len = 0;

    for (guint i = 0; i < rows->len; i++)
      max_fields = MAX (max_fields, g_strv_length (((VvLedgerHeadRow *) g_ptr_array_index (rows, i))->cells));
    if (rows->len == 0)
      {
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_EMPTY,
                     _("%s: no data found"), name);
        return FALSE;
      }
    if (max_fields < 2 && self->format == VV_LEDGER_FORMAT_AUTO &&
        _vv_kostra_wrong_length (head, len, &bad_line, &bad_len))
      {
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_PARSE,
                     _("%s: line %llu: this looks like a KOSTRA extract, but the record has "
                       "%llu characters; a KOSTRA record has exactly 48"), name,
                     (unsigned long long) bad_line, (unsigned long long) bad_len);
        return FALSE;
      }
    if (max_fields < 2)
      {
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_SEPARATOR,
                     _("%s: only one column found with the separator “%s”; "
                       "try semicolon, comma or tab"), name,
                     sep == '\t' ? "\\t" : (sep == ';' ? ";" : (sep == ',' ? "," : "?")));
        return FALSE;
      }
  }

  fill_preview (self, rows, header_idx);

  /* Header and column roles */
  if (header_idx >= 0)
    {
      VvLedgerHeadRow *hrow = g_ptr_array_index (rows, header_idx);
      GString *key = g_string_new (NULL);
      int primary_count[VV_LEDGER_N_COLUMNS] = { 0 };
      int secondary_col[VV_LEDGER_N_COLUMNS];
      int dup_col[VV_LEDGER_N_COLUMNS];

      self->header_line = hrow->line;
      for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
        secondary_col[r] = dup_col[r] = -1;

      for (guint i = 0; hrow->cells[i]; i++)
        {
          gboolean secondary;
          int role = header_role (hrow->cells[i], &secondary);
          g_autofree char *norm = normalise_header (hrow->cells[i]);

          g_ptr_array_add (self->header, g_strdup (hrow->cells[i]));
          g_string_append (key, norm);
          g_string_append_c (key, '\x1f');
          if (role < 0)
            continue;
          if (secondary)
            {
              if (secondary_col[role] < 0)
                secondary_col[role] = i;
            }
          else if (primary_count[role]++ == 0)
            self->d_columns[role] = i;
          else if (dup_col[role] < 0)
            dup_col[role] = i;
        }
      for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
        if (primary_count[r] == 0)
          self->d_columns[r] = secondary_col[r];
      g_string_append_c (key, sep);
      self->layout_key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key->str, key->len);
      self->layout_key[16] = '\0';
      g_string_free (key, TRUE);

      if (!choose_columns (self, hrow, rows, header_idx, dup_col, name, error))
        return FALSE;

      for (int r = 0; r < VV_LEDGER_N_COLUMNS; r++)
        if (dup_col[r] >= 0 && r != VV_LEDGER_COLUMN_TEXT && self->columns[r] < 0)
          {
            int first = self->d_columns[r];
            int second = dup_col[r];

            /* a column chosen for another role is no candidate */
            if (first >= 0 && column_chosen_elsewhere (self, first, r))
              first = -1;
            if (column_chosen_elsewhere (self, second, r))
              second = -1;
            if (first < 0 || second < 0)
              {
                self->d_columns[r] = first >= 0 ? first : second;
                continue;
              }
            /* asked, so neither is taken: the first is no answer */
            self->d_columns[r] = -1;
            g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_DUPLICATE_COLUMN,
                         _("%s: line %llu: both column “%s” and column “%s” "
                           "look like %s; choose which one to use"),
                         name, (unsigned long long) self->header_line,
                         (char *) g_ptr_array_index (self->header, first),
                         (char *) g_ptr_array_index (self->header, second),
                         vv_ledger_column_to_string (r));
            return FALSE;
          }
    }
  else
    {
      gboolean user_mapped = self->columns[VV_LEDGER_COLUMN_FUNCTION] >= 0
                             && self->columns[VV_LEDGER_COLUMN_AMOUNT] >= 0;

      if (!user_mapped)
        {
          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NO_HEADER,
                       _("%s: no header row found in the first %d lines (expected column "
                         "names such as Ansvar, Funksjon, Art and Beløp)"), name, HEADER_SCAN);
          return FALSE;
        }
      self->layout_key = g_strdup ("csv-no-header");
    }

  {
    g_autoptr(GString) missing = g_string_new (NULL);

    if (vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_FUNCTION) < 0)
      g_string_append (missing, _("Function"));
    if (vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_AMOUNT) < 0)
      g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", _("Amount"));
    if (missing->len > 0)
      {
        g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_MISSING_COLUMN,
                     _("%s: line %llu: required column missing: %s"),
                     name, (unsigned long long) self->header_line, missing->str);
        return FALSE;
      }
  }

  _vv_ledger_detect_function_code (self, rows, header_idx);
  self->d_decimal_mark = detect_decimal_mark (rows, header_idx,
                                              vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_AMOUNT),
                                              sep);

  /* Year: a year column, a period with a year, or the default year. */
  if (vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_YEAR) < 0 && self->default_year == 0
      && self->year == 0 && self->d_amount_year == 0)
    {
      int pcol = vv_ledger_reader_get_column (self, VV_LEDGER_COLUMN_PERIOD);
      gboolean found = FALSE;

      if (pcol >= 0)
        for (guint i = header_idx + 1; i < rows->len && !found; i++)
          {
            VvLedgerHeadRow *row = g_ptr_array_index (rows, i);
            int y = 0, m = 0;

            if ((guint) pcol < g_strv_length (row->cells)
                && _vv_ledger_parse_period (row->cells[pcol], strlen (row->cells[pcol]), &y, &m) && y > 0)
              found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NO_YEAR,
                       _("%s: the file has no year column and its periods carry no year; "
                         "give the accounting year"), name);
          return FALSE;
        }
    }

  if (!truncated && header_idx >= 0 && (guint) header_idx + 1 >= rows->len)
    {
      g_set_error (error, VV_LEDGER_ERROR, VV_LEDGER_ERROR_NO_DATA,
                   _("%s: found the header row (line %llu), but no data rows"),
                   name, (unsigned long long) self->header_line);
      return FALSE;
    }

  return TRUE;
}
