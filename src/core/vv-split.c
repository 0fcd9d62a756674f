/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-split"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vv-format.h"
#include "vv-split.h"

/* The findings by art (rent and building upkeep on home services belong on
 * 265, the HVPU grant on 840) are rule data: vv_rules_get_ledger_checks(). */
#define N_ARTS      1000       /* KOSTRA arts are three digits */
#define N_FUNCTIONS 10000      /* function codes are at most four digits */
#define MAX_YEARS   16         /* distinct years tracked */
#define MAX_EXPECTED 8

typedef struct
{
  VvSplitAnsvar   pub;          /* first: an Acc* is a VvSplitAnsvar* */
  const char     *ansvar;       /* interned in VvSplit.strings */
  const VvUnit   *unit;         /* borrowed from the units register, or NULL */
  gint64          home_ore;
  guint64         home_lines;
  int             expected_year;
  guint           n_expected;
  guint           expected[MAX_EXPECTED];
  VvSplitFinding *findings[VV_SPLIT_N_FINDINGS];
} Acc;

typedef struct
{
  int     year;
  guint64 count;
  gint64  amount_ore;
  guint64 first_line;
  guint   n_lines;
  guint64 lines[VV_SPLIT_MAX_FINDING_LINES];
} YearCount;

struct _VvSplit
{
  GObject          parent_instance;

  /* Owned */
  VvRules         *rules;
  VvUnits         *units;
  const VvFunction **fn_info;   /* [N_FUNCTIONS], rule data per function code */
  guint8          art_check[N_ARTS];   /* finding kind + 1 of the ledger check, or 0 */
  const char     *art_function[VV_SPLIT_N_FINDINGS]; /* where a check's money belongs */
  gint64          *booked;      /* [N_FUNCTIONS] */
  guint8          *seen;        /* [N_FUNCTIONS] */
  GHashTable      *accs;        /* interned ansvar -> Acc* */
  GPtrArray       *acc_list;    /* Acc*, in order of appearance */
  GStringChunk    *strings;
  GPtrArray       *findings;    /* VvSplitFinding* */
  GPtrArray       *ansvars;     /* Acc* with home-service lines, sorted (after finish) */
  VvSplitFinding  *rejected;    /* also in findings */
  char            *reject_reason;

  /* Borrowed */
  Acc             *last_acc;

  int              forced_year;
  int              year;
  YearCount        years[MAX_YEARS];
  guint            n_years;
  guint            last_year_index;
  guint64          lines_read;
  guint64          lines_rejected;
  guint64          lines_excluded;
  gint64           home_total;
  gint64           home_257;
  gint64           home_258;
  gint64           home_no_unit;
  gint64           home_other;
  gboolean         finished;
  gboolean         overflow;      /* a sum left the gint64 range of øre */
  guint64          overflow_line; /* the line that made it, 0 if found when finishing */
};

G_DEFINE_FINAL_TYPE (VvSplit, vv_split, G_TYPE_OBJECT)

G_DEFINE_QUARK (vv-split-error-quark, vv_split_error)

/* Every sum of money goes through here: past the gint64 range of øre the sum
 * stays as it was and the split remembers the first line that overflowed;
 * vv_split_check_sums() then refuses the result. */
static inline void
add_ore (VvSplit *self,
         gint64  *sum,
         gint64   amount,
         guint64  line_no)
{
  if (G_UNLIKELY (!vv_ore_add (sum, amount)) && !self->overflow)
    {
      self->overflow = TRUE;
      self->overflow_line = line_no;
    }
}

static const struct
{
  const char      *code;
  VvSplitSeverity  severity;
} kinds[VV_SPLIT_N_FINDINGS] = {
  [VV_SPLIT_FINDING_EXPIRED_FUNCTION] = { "expired-function", VV_SPLIT_SEVERITY_ERROR },
  [VV_SPLIT_FINDING_NOT_YET_VALID] = { "not-yet-valid", VV_SPLIT_SEVERITY_ERROR },
  [VV_SPLIT_FINDING_UNIT_DISAGREEMENT] = { "unit-disagreement", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_RENT_INCOME] = { "rent-income", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_BUILDING_MAINTENANCE] = { "building-maintenance", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_HVPU_GRANT] = { "hvpu-grant", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_UNASSIGNED_ANSVAR] = { "unassigned-ansvar", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_UNKNOWN_FUNCTION] = { "unknown-function", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_MIXED_YEARS] = { "mixed-years", VV_SPLIT_SEVERITY_WARNING },
  [VV_SPLIT_FINDING_REJECTED_LINE] = { "rejected-line", VV_SPLIT_SEVERITY_ERROR },
};

/* Helpers */

static VvSplitFindingKind
finding_kind_from_code (const char *code)
{
  for (guint k = 0; k < VV_SPLIT_N_FINDINGS; k++)
    if (g_strcmp0 (kinds[k].code, code) == 0)
      return (VvSplitFindingKind) k;
  return VV_SPLIT_N_FINDINGS;
}

static void
finding_free (VvSplitFinding *f)
{
  g_free (f->message);
  g_free (f->ansvar);
  g_free (f->unit_name);
  g_free (f->suggested);
  g_clear_pointer (&f->lines, g_array_unref);
  g_free (f);
}

static VvSplitFinding *
finding_new (VvSplit            *self,
             VvSplitFindingKind  kind,
             const char         *ansvar)
{
  VvSplitFinding *f = g_new0 (VvSplitFinding, 1);

  f->kind = kind;
  f->severity = kinds[kind].severity;
  f->code = kinds[kind].code;
  f->ansvar = g_strdup (ansvar ? ansvar : "");
  f->lines = g_array_sized_new (FALSE, FALSE, sizeof (guint64), 4);
  g_ptr_array_add (self->findings, f);
  return f;
}

static void
finding_add_line (VvSplit            *self,
                  VvSplitFinding     *f,
                  const VvLedgerLine *line,
                  int                 year)
{
  if (f->count == 0)
    {
      f->line = line->line_no;
      f->function = line->function;
      f->art = line->art;
      f->year = year;
    }
  f->count++;
  add_ore (self, &f->amount_ore, line->amount_ore, line->line_no);
  if (f->lines->len < VV_SPLIT_MAX_FINDING_LINES)
    g_array_append_val (f->lines, line->line_no);
}

static void
acc_add_finding (VvSplit            *self,
                 Acc                *acc,
                 VvSplitFindingKind  kind,
                 const VvLedgerLine *line,
                 int                 year)
{
  if (G_UNLIKELY (acc->findings[kind] == NULL))
    acc->findings[kind] = finding_new (self, kind, acc->ansvar);
  finding_add_line (self, acc->findings[kind], line, year);
}

static Acc *
get_acc (VvSplit    *self,
         const char *ansvar)
{
  Acc *acc;

  if (ansvar == NULL)
    ansvar = "";
  if (self->last_acc != NULL && strcmp (self->last_acc->ansvar, ansvar) == 0)
    return self->last_acc;
  acc = g_hash_table_lookup (self->accs, ansvar);
  if (G_UNLIKELY (acc == NULL))
    {
      acc = g_new0 (Acc, 1);
      acc->ansvar = g_string_chunk_insert_const (self->strings, ansvar);
      acc->unit = (self->units && *ansvar) ? vv_units_lookup (self->units, ansvar) : NULL;
      acc->expected_year = -1;
      g_hash_table_insert (self->accs, (char *) acc->ansvar, acc);
      g_ptr_array_add (self->acc_list, acc);
    }
  self->last_acc = acc;
  return acc;
}

static guint
parse_code (const char *code)
{
  guint64 v = 0;

  if (code == NULL || *code == '\0')
    return 0;
  for (const char *p = code; *p; p++)
    {
      if (!g_ascii_isdigit (*p) || v >= N_FUNCTIONS)
        return 0;
      v = v * 10 + (*p - '0');
    }
  return v < N_FUNCTIONS ? (guint) v : 0;
}

/* The functions a line of @year on @acc's unit may be booked on: the unit's
 * allocation, mapped by the rule data's year rules (257 → 254 before 2024). */
static void
acc_update_expected (VvSplit *self,
                     Acc     *acc,
                     int      year)
{
  GArray *allocs = acc->unit->allocations;

  acc->n_expected = 0;
  acc->expected_year = year;
  for (guint i = 0; i < allocs->len && acc->n_expected < MAX_EXPECTED; i++)
    {
      const VvAllocation *a = &g_array_index (allocs, VvAllocation, i);
      const char *mapped = vv_rules_map_function_for_year (self->rules, a->function, year, NULL);

      acc->expected[acc->n_expected++] = parse_code (mapped ? mapped : a->function);
    }
}

static YearCount *
count_year (VvSplit *self,
            int      year)
{
  YearCount *yc = &self->years[self->last_year_index];

  if (G_LIKELY (self->n_years > 0 && yc->year == year))
    return yc;
  for (guint i = 0; i < self->n_years; i++)
    if (self->years[i].year == year)
      {
        self->last_year_index = i;
        return &self->years[i];
      }
  if (self->n_years == MAX_YEARS)
    return NULL;
  self->last_year_index = self->n_years++;
  yc = &self->years[self->last_year_index];
  memset (yc, 0, sizeof *yc);
  yc->year = year;
  return yc;
}

/**
 * vv_split_largest_remainder:
 * @total: an amount in øre (may be negative)
 * @percents: (array length=n): whole percents summing to 100
 * @n: number of percents
 * @out: (array length=n) (out caller-allocates): the shares
 *
 * Divides @total by @percents so that the shares sum to @total exactly: each
 * share is rounded down (in absolute value) and the øre left over go to the
 * largest remainders, the first one winning ties.
 */
void
vv_split_largest_remainder (gint64     total,
                            const int *percents,
                            guint      n,
                            gint64    *out)
{
  gint64 abs_total = total < 0 ? -total : total;
  gint64 left = abs_total;
  gint64 rem[MAX_EXPECTED * 4];

  g_return_if_fail (n <= G_N_ELEMENTS (rem));
  for (guint i = 0; i < n; i++)
    {
      /* abs_total * percent can overflow only above 9e16 øre */
      out[i] = (abs_total / 100) * percents[i] + ((abs_total % 100) * percents[i]) / 100;
      rem[i] = ((abs_total % 100) * percents[i]) % 100;
      left -= out[i];
    }
  while (left > 0)
    {
      guint best = 0;

      for (guint i = 1; i < n; i++)
        if (rem[i] > rem[best])
          best = i;
      out[best]++;
      rem[best] = -1;
      left--;
    }
  if (total < 0)
    for (guint i = 0; i < n; i++)
      out[i] = -out[i];
}

static char *
function_code (guint function)
{
  return g_strdup_printf ("%03u", function);
}

static void
build_message (VvSplit        *self,
               VvSplitFinding *f)
{
  g_autofree char *n = vv_format_count (f->count);
  g_autofree char *lines = g_strdup_printf (ngettext ("%s line", "%s lines",
                                                      (gulong) MIN (f->count, G_MAXULONG)), n);
  g_autofree char *amount = vv_format_kroner (f->amount_ore);
  g_autofree char *first = vv_format_count (f->line);
  g_autofree char *func = function_code (f->function);
  g_autofree char *art = g_strdup_printf ("%03u", f->art);
  g_autofree char *ansvar = NULL;
  const VvFunction *fi = vv_rules_lookup_function (self->rules, func);

  if (*f->ansvar == '\0')
    ansvar = g_strdup (_("no ansvar"));
  else if (f->unit_name != NULL && *f->unit_name != '\0')
    ansvar = g_strdup_printf (_("ansvar %s, %s"), f->ansvar, f->unit_name);
  else
    ansvar = g_strdup_printf (_("ansvar %s"), f->ansvar);

  g_clear_pointer (&f->message, g_free);
  switch (f->kind)
    {
    case VV_SPLIT_FINDING_EXPIRED_FUNCTION:
      f->message = g_strdup_printf (_("Function %s is not in use after %d but is used in %d: "
                                      "%s, %s kr (%s), from line %s. Book it on %s."),
                                    func, fi ? fi->valid_to : f->year - 1, f->year, lines, amount,
                                    ansvar, first, f->suggested ? f->suggested : "257/258");
      break;
    case VV_SPLIT_FINDING_NOT_YET_VALID:
      f->message = g_strdup_printf (_("Function %s is only in use from %d but is used in %d: "
                                      "%s, %s kr (%s), from line %s. Book it on %s."),
                                    func, fi ? fi->valid_from : f->year + 1, f->year, lines, amount,
                                    ansvar, first, f->suggested ? f->suggested : "254");
      break;
    case VV_SPLIT_FINDING_UNIT_DISAGREEMENT:
      f->message = g_strdup_printf (_("Booked on function %s, but the unit is classified as "
                                      "%s: %s, %s kr (%s), from line %s."),
                                    func, f->suggested, lines, amount, ansvar, first);
      break;
    case VV_SPLIT_FINDING_RENT_INCOME:
      f->message = g_strdup_printf (_("Rent income (art %s) on home-service function %s: %s, %s kr "
                                      "(%s), from line %s. Rent from residents belongs on %s."),
                                    art, func, lines, amount, ansvar, first, f->suggested);
      break;
    case VV_SPLIT_FINDING_BUILDING_MAINTENANCE:
      f->message = g_strdup_printf (_("Building maintenance (art %s) on home-service function "
                                      "%s: %s, %s kr (%s), from line %s. Upkeep of municipal "
                                      "dwellings let to residents belongs on %s."),
                                    art, func, lines, amount, ansvar, first, f->suggested);
      break;
    case VV_SPLIT_FINDING_HVPU_GRANT:
      f->message = g_strdup_printf (_("State grant (art %s) on home-service function %s: %s, %s kr "
                                      "(%s), from line %s. If it is the HVPU host-municipality "
                                      "grant, it belongs on %s."),
                                    art, func, lines, amount, ansvar, first, f->suggested);
      break;
    case VV_SPLIT_FINDING_UNASSIGNED_ANSVAR:
      if (*f->ansvar == '\0')
        f->message = g_strdup_printf (_("Home-service money without ansvar cannot be split by "
                                        "unit: %s, %s kr, from line %s."),
                                      lines, amount, first);
      else
        f->message = g_strdup_printf (_("Ansvar %s is not in the units register, so its "
                                        "home-service money is unassigned: %s, %s kr, from "
                                        "line %s. Classify the unit."),
                                      f->ansvar, lines, amount, first);
      break;
    case VV_SPLIT_FINDING_UNKNOWN_FUNCTION:
      if (f->function == 0)
        f->message = g_strdup_printf (_("No KOSTRA function: %s, %s kr (%s), from line %s."),
                                      lines, amount, ansvar, first);
      else
        f->message = g_strdup_printf (_("Function %s is not a KOSTRA function: %s, %s kr (%s), "
                                        "from line %s."),
                                      func, lines, amount, ansvar, first);
      break;
    case VV_SPLIT_FINDING_MIXED_YEARS:
      f->message = g_strdup_printf (_("Lines from %d, not %d: %s, %s kr, from line %s. Split one "
                                      "accounting year at a time."),
                                    f->year, self->year, lines, amount, first);
      break;
    case VV_SPLIT_FINDING_REJECTED_LINE:
      f->message = g_strdup_printf (_("Lines that could not be read are left out: %s, from line %s "
                                      "(%s)."),
                                    lines, first, self->reject_reason ? self->reject_reason : "");
      break;
    case VV_SPLIT_N_FINDINGS:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const VvSplitFinding *fa = *(VvSplitFinding * const *) a;
  const VvSplitFinding *fb = *(VvSplitFinding * const *) b;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  if (fa->line != fb->line)
    return fa->line < fb->line ? -1 : 1;
  return (int) fa->kind - (int) fb->kind;
}

/* Ansvar codes are mostly numbers: shorter numbers first, then text order. */
static int
compare_ansvars (gconstpointer a,
                 gconstpointer b)
{
  const char *aa = (*(VvSplitAnsvar * const *) a)->ansvar;
  const char *ab = (*(VvSplitAnsvar * const *) b)->ansvar;
  gsize la = strlen (aa), lb = strlen (ab);

  if (la != lb && aa[strspn (aa, "0123456789")] == '\0' && ab[strspn (ab, "0123456789")] == '\0')
    return la < lb ? -1 : 1;
  return strcmp (aa, ab);
}

/* Overrides */

static void
vv_split_finalize (GObject *object)
{
  VvSplit *self = (VvSplit *) object;

  g_clear_pointer (&self->fn_info, g_free);
  g_clear_pointer (&self->booked, g_free);
  g_clear_pointer (&self->seen, g_free);
  g_clear_pointer (&self->accs, g_hash_table_unref);
  g_clear_pointer (&self->acc_list, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->ansvars, g_ptr_array_unref);
  g_clear_pointer (&self->reject_reason, g_free);
  g_clear_object (&self->units);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (vv_split_parent_class)->finalize (object);
}

static void
vv_split_class_init (VvSplitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vv_split_finalize;
}

static void
vv_split_init (VvSplit *self)
{
  self->fn_info = g_new0 (const VvFunction *, N_FUNCTIONS);
  self->booked = g_new0 (gint64, N_FUNCTIONS);
  self->seen = g_new0 (guint8, N_FUNCTIONS);
  self->accs = g_hash_table_new (g_str_hash, g_str_equal);
  self->acc_list = g_ptr_array_new_with_free_func (g_free);
  self->ansvars = g_ptr_array_new ();
  self->strings = g_string_chunk_new (4096);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
}

/* Public API */

/**
 * vv_split_new:
 * @rules: (nullable): the rule data, %NULL for the default
 * @units: (nullable): the units register; without it all home-service money
 *   is unassigned
 *
 * Returns: (transfer full): a new, empty split
 */
VvSplit *
vv_split_new (VvRules *rules,
              VvUnits *units)
{
  VvSplit *self;
  GPtrArray *functions;
  GPtrArray *checks;

  g_return_val_if_fail (rules == NULL || VV_IS_RULES (rules), NULL);
  g_return_val_if_fail (units == NULL || VV_IS_UNITS (units), NULL);

  self = g_object_new (VV_TYPE_SPLIT, NULL);
  self->rules = g_object_ref (rules ? rules : vv_rules_get_default ());
  self->units = units ? g_object_ref (units) : NULL;
  functions = vv_rules_get_functions (self->rules);
  for (guint i = 0; i < functions->len; i++)
    {
      const VvFunction *f = g_ptr_array_index (functions, i);
      guint code = parse_code (f->code);

      if (code != 0)
        self->fn_info[code] = f;
    }
  checks = vv_rules_get_ledger_checks (self->rules);
  for (guint i = 0; i < checks->len; i++)
    {
      const VvLedgerCheck *c = g_ptr_array_index (checks, i);
      VvSplitFindingKind kind = finding_kind_from_code (c->finding);

      /* The rules' validator allows only the kinds below. */
      g_assert (kind == VV_SPLIT_FINDING_RENT_INCOME ||
                kind == VV_SPLIT_FINDING_BUILDING_MAINTENANCE ||
                kind == VV_SPLIT_FINDING_HVPU_GRANT);
      self->art_function[kind] = c->function;
      for (guint j = 0; j < c->arts->len; j++)
        {
          const VvArtRange *r = &g_array_index (c->arts, VvArtRange, j);

          for (int art = r->min; art <= r->max; art++)
            self->art_check[art] = (guint8) (kind + 1);
        }
    }
  return self;
}

/**
 * vv_split_set_year:
 * @self: a #VvSplit
 * @year: the accounting year, or 0 to take it from the lines
 *
 * Sets the year of the split (`--year`). Lines without a year are taken to be
 * of this year; lines of other years are counted and reported.
 */
void
vv_split_set_year (VvSplit *self,
                   int      year)
{
  g_return_if_fail (VV_IS_SPLIT (self));
  g_return_if_fail (!self->finished);
  self->forced_year = year;
}

/**
 * vv_split_add_line:
 * @self: a #VvSplit
 * @line: a ledger line; nothing of it is kept
 *
 * Adds one line to the totals and checks it. Lines of account class 0
 * (investment) are counted as excluded and otherwise ignored.
 */
void
vv_split_add_line (VvSplit            *self,
                   const VvLedgerLine *line)
{
  const VvFunction *fi = NULL;
  guint function = line->function;
  int year = line->year ? line->year : self->forced_year;
  YearCount *yc;
  Acc *acc;

  g_return_if_fail (VV_IS_SPLIT (self));
  g_return_if_fail (!self->finished);

  self->lines_read++;
  /* Only operating accounts (drift) belong to the split: investment (0) and
   * balance (2) lines are counted as excluded. Unknown (-1) counts as drift. */
  if (line->account_class != 1 && line->account_class != -1)
    {
      self->lines_excluded++;
      return;
    }

  yc = count_year (self, year);
  if (G_LIKELY (yc != NULL))
    {
      if (yc->count == 0)
        yc->first_line = line->line_no;
      yc->count++;
      add_ore (self, &yc->amount_ore, line->amount_ore, line->line_no);
      if (yc->n_lines < VV_SPLIT_MAX_FINDING_LINES)
        yc->lines[yc->n_lines++] = line->line_no;
    }

  if (G_LIKELY (function < N_FUNCTIONS))
    {
      add_ore (self, &self->booked[function], line->amount_ore, line->line_no);
      self->seen[function] = 1;
      fi = self->fn_info[function];
    }

  if (G_UNLIKELY (function < 100 || function > 899))
    {
      acc = get_acc (self, line->ansvar);
      acc_add_finding (self, acc, VV_SPLIT_FINDING_UNKNOWN_FUNCTION, line, year);
    }

  if (fi == NULL || !fi->home_service)
    return;

  /* Home-service money: every line on a home-service function, whatever the
   * year, so that money booked on an expired function is split too. */
  acc = get_acc (self, line->ansvar);
  add_ore (self, &acc->home_ore, line->amount_ore, line->line_no);
  acc->home_lines++;
  add_ore (self, &self->home_total, line->amount_ore, line->line_no);

  if (year != 0 && fi->valid_to != 0 && year > fi->valid_to)
    acc_add_finding (self, acc, VV_SPLIT_FINDING_EXPIRED_FUNCTION, line, year);
  else if (year != 0 && fi->valid_from != 0 && year < fi->valid_from)
    acc_add_finding (self, acc, VV_SPLIT_FINDING_NOT_YET_VALID, line, year);
  else if (acc->unit != NULL && year != 0)
    {
      gboolean ok = FALSE;

      if (acc->expected_year != year)
        acc_update_expected (self, acc, year);
      for (guint i = 0; i < acc->n_expected && !ok; i++)
        ok = acc->expected[i] == function;
      if (!ok)
        acc_add_finding (self, acc, VV_SPLIT_FINDING_UNIT_DISAGREEMENT, line, year);
    }

  if (acc->unit == NULL)
    acc_add_finding (self, acc, VV_SPLIT_FINDING_UNASSIGNED_ANSVAR, line, year);

  if (G_UNLIKELY (line->art < N_ARTS && self->art_check[line->art] != 0))
    acc_add_finding (self, acc, self->art_check[line->art] - 1, line, year);
}

/**
 * vv_split_check_sums:
 * @self: a finished #VvSplit
 * @filename: (nullable): the ledger's name for the message
 * @error: return location for a #GError
 *
 * Refuses a split whose sums left the range of whole øre a gint64 holds
 * (about ±92 233 720 billion kroner): such sums are never shown wrapped.
 * The message names the file and the line whose amount overflowed.
 *
 * Returns: %TRUE if every sum is exact
 */
gboolean
vv_split_check_sums (VvSplit     *self,
                     const char  *filename,
                     GError     **error)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), FALSE);

  if (!self->overflow)
    return TRUE;
  if (self->overflow_line > 0)
    {
      g_autofree char *line = g_strdup_printf ("%" G_GUINT64_FORMAT, self->overflow_line);

      g_set_error (error, VV_SPLIT_ERROR, VV_SPLIT_ERROR_OVERFLOW,
                   _("%s:%s: the amounts add up to more than 92 233 720 368 547 758,07 kr; "
                     "the sums cannot be counted (check the amount column)"),
                   filename != NULL ? filename : "-", line);
    }
  else
    g_set_error (error, VV_SPLIT_ERROR, VV_SPLIT_ERROR_OVERFLOW,
                 _("%s: the amounts add up to more than 92 233 720 368 547 758,07 kr; "
                   "the sums cannot be counted (check the amount column)"),
                 filename != NULL ? filename : "-");
  return FALSE;
}

/**
 * vv_split_add_reject:
 * @self: a #VvSplit
 * @line_no: the line that could not be read
 * @field: (nullable): the column concerned
 * @message: why, translated
 *
 * Counts a line the reader rejected; the first one's reason is kept for the
 * "rejected-line" finding.
 */
void
vv_split_add_reject (VvSplit    *self,
                     guint64     line_no,
                     const char *field,
                     const char *message)
{
  VvLedgerLine line = { 0 };

  g_return_if_fail (VV_IS_SPLIT (self));
  g_return_if_fail (!self->finished);

  self->lines_rejected++;
  if (self->rejected == NULL)
    {
      self->rejected = finding_new (self, VV_SPLIT_FINDING_REJECTED_LINE, NULL);
      if (field != NULL)
        self->reject_reason = g_strdup_printf (_("field “%s”: %s"), field, message ? message : "");
      else
        self->reject_reason = g_strdup (message ? message : "");
    }
  line.line_no = line_no;
  finding_add_line (self, self->rejected, &line, 0);
}

/**
 * vv_split_finish:
 * @self: a #VvSplit
 *
 * Decides the year, divides each unit's home-service money by its allocation
 * (øre-exact: largest remainder per unit) and writes the findings' messages
 * in the current language. Call once, after the last line.
 */
void
vv_split_finish (VvSplit *self)
{
  g_return_if_fail (VV_IS_SPLIT (self));
  g_return_if_fail (!self->finished);

  self->finished = TRUE;

  /* The year: --year, else the year most lines have (the later one on a tie). */
  self->year = self->forced_year;
  if (self->year == 0)
    {
      const YearCount *best = NULL;

      for (guint i = 0; i < self->n_years; i++)
        {
          const YearCount *yc = &self->years[i];

          if (yc->year != 0 && (best == NULL || yc->count > best->count ||
                                (yc->count == best->count && yc->year > best->year)))
            best = yc;
        }
      self->year = best ? best->year : 0;
    }
  for (guint i = 0; i < self->n_years; i++)
    {
      const YearCount *yc = &self->years[i];
      VvSplitFinding *f;

      if (yc->year == 0 || yc->year == self->year || yc->count == 0)
        continue;
      f = finding_new (self, VV_SPLIT_FINDING_MIXED_YEARS, NULL);
      f->line = yc->first_line;
      f->year = yc->year;
      f->count = yc->count;
      f->amount_ore = yc->amount_ore;
      g_array_append_vals (f->lines, yc->lines, yc->n_lines);
    }

  for (guint i = 0; i < self->acc_list->len; i++)
    {
      Acc *acc = g_ptr_array_index (self->acc_list, i);

      acc->pub.ansvar = acc->ansvar;
      acc->pub.unit_name = acc->unit ? acc->unit->name : NULL;
      acc->pub.home_lines = acc->home_lines;
      acc->pub.home_ore = acc->home_ore;
      if (acc->home_lines > 0)
        g_ptr_array_add (self->ansvars, acc);

      if (acc->unit == NULL)
        add_ore (self, &self->home_no_unit, acc->home_ore, 0);
      else
        {
          GArray *allocs = acc->unit->allocations;
          g_autofree int *percents = g_new (int, allocs->len);
          g_autofree gint64 *shares = g_new (gint64, allocs->len);

          for (guint j = 0; j < allocs->len; j++)
            percents[j] = g_array_index (allocs, VvAllocation, j).percent;
          vv_split_largest_remainder (acc->home_ore, percents, allocs->len, shares);
          for (guint j = 0; j < allocs->len; j++)
            {
              const char *func = g_array_index (allocs, VvAllocation, j).function;

              if (g_str_equal (func, "257"))
                add_ore (self, &acc->pub.ore_257, shares[j], 0);
              else if (g_str_equal (func, "258"))
                add_ore (self, &acc->pub.ore_258, shares[j], 0);
              else
                add_ore (self, &acc->pub.ore_other, shares[j], 0);
            }
          add_ore (self, &self->home_257, acc->pub.ore_257, 0);
          add_ore (self, &self->home_258, acc->pub.ore_258, 0);
          add_ore (self, &self->home_other, acc->pub.ore_other, 0);
        }

      for (guint k = 0; k < VV_SPLIT_N_FINDINGS; k++)
        {
          VvSplitFinding *f = acc->findings[k];

          if (f == NULL)
            continue;
          if (acc->unit != NULL)
            {
              f->unit_name = g_strdup (acc->unit->name);
              if (k == VV_SPLIT_FINDING_EXPIRED_FUNCTION || k == VV_SPLIT_FINDING_NOT_YET_VALID ||
                  k == VV_SPLIT_FINDING_UNIT_DISAGREEMENT)
                {
                  /* Where the unit's classification puts it in that year. */
                  GString *s = g_string_new (NULL);
                  GArray *allocs = acc->unit->allocations;

                  for (guint j = 0; j < allocs->len; j++)
                    {
                      const VvAllocation *a = &g_array_index (allocs, VvAllocation, j);
                      const char *m = vv_rules_map_function_for_year (self->rules, a->function,
                                                                      f->year, NULL);

                      g_string_append_printf (s, "%s%s:%d", j ? " " : "", m ? m : a->function,
                                              a->percent);
                    }
                  f->suggested = g_string_free (s, FALSE);
                }
            }
          if (f->suggested == NULL)
            {
              g_autofree char *func = function_code (f->function);

              switch (k)
                {
                case VV_SPLIT_FINDING_EXPIRED_FUNCTION:
                  f->suggested = g_strdup ("257/258");
                  break;
                case VV_SPLIT_FINDING_NOT_YET_VALID:
                  {
                    const char *m = vv_rules_map_function_for_year (self->rules, func,
                                                                    f->year, NULL);

                    f->suggested = g_strdup (m && !g_str_equal (m, func) ? m : "254");
                  }
                  break;
                case VV_SPLIT_FINDING_RENT_INCOME:
                case VV_SPLIT_FINDING_BUILDING_MAINTENANCE:
                case VV_SPLIT_FINDING_HVPU_GRANT:
                  f->suggested = g_strdup (self->art_function[k]);
                  break;
                default:
                  break;
                }
            }
        }
    }
  g_assert (self->home_257 + self->home_258 + self->home_no_unit + self->home_other ==
            self->home_total);

  for (guint i = 0; i < self->findings->len; i++)
    build_message (self, g_ptr_array_index (self->findings, i));
  g_ptr_array_sort (self->findings, compare_findings);
  g_ptr_array_sort (self->ansvars, compare_ansvars);
}

/**
 * vv_split_get_year:
 * @self: a #VvSplit
 *
 * Returns: the accounting year (after vv_split_finish()), 0 if unknown
 */
int
vv_split_get_year (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->finished ? self->year : self->forced_year;
}

/**
 * vv_split_get_lines_read:
 * @self: a #VvSplit
 *
 * Returns: the number of lines added, excluded ones included
 */
guint64
vv_split_get_lines_read (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->lines_read;
}

/**
 * vv_split_get_lines_rejected:
 * @self: a #VvSplit
 *
 * Returns: the number of lines the reader could not read
 */
guint64
vv_split_get_lines_rejected (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->lines_rejected;
}

/**
 * vv_split_get_lines_excluded:
 * @self: a #VvSplit
 *
 * Returns: the number of investment (account class 0) lines left out
 */
guint64
vv_split_get_lines_excluded (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->lines_excluded;
}

/**
 * vv_split_get_functions:
 * @self: a #VvSplit
 *
 * The functions reported in `booked`: those with lines, and those the units
 * register allocates to.
 *
 * Returns: (transfer full) (element-type guint): function codes, ascending
 */
GArray *
vv_split_get_functions (VvSplit *self)
{
  GArray *out;
  g_autofree guint8 *want = NULL;

  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);

  want = g_memdup2 (self->seen, N_FUNCTIONS);
  for (guint i = 0; self->units && i < vv_units_get_n_units (self->units); i++)
    {
      const VvUnit *u = vv_units_get_unit (self->units, i);

      for (guint j = 0; j < u->allocations->len; j++)
        want[parse_code (g_array_index (u->allocations, VvAllocation, j).function)] = 1;
    }
  out = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint f = 0; f < N_FUNCTIONS; f++)
    if (want[f])
      g_array_append_val (out, f);
  return out;
}

/**
 * vv_split_get_booked:
 * @self: a #VvSplit
 * @function: a function code, e.g. 254
 *
 * Returns: the sum of the (non-investment) lines booked on @function, in øre
 */
gint64
vv_split_get_booked (VvSplit *self,
                     guint    function)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return function < N_FUNCTIONS ? self->booked[function] : 0;
}

/**
 * vv_split_get_home_total:
 * @self: a #VvSplit
 *
 * Returns: all home-service money (lines on 254, 257 and 258), in øre
 */
gint64
vv_split_get_home_total (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_total;
}

/**
 * vv_split_get_home_257:
 * @self: a #VvSplit
 *
 * Returns: the home-service money the units register puts on 257, in øre
 */
gint64
vv_split_get_home_257 (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_257;
}

/**
 * vv_split_get_home_258:
 * @self: a #VvSplit
 *
 * Returns: the home-service money the units register puts on 258, in øre
 */
gint64
vv_split_get_home_258 (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_258;
}

/**
 * vv_split_get_home_unassigned:
 * @self: a #VvSplit
 *
 * Home-service money not put on 257 or 258: on an ansvar without a unit, plus
 * the part units allocate to other functions (vv_split_get_home_other()).
 * 257 + 258 + unassigned is always the home-service total.
 *
 * Returns: the amount in øre
 */
gint64
vv_split_get_home_unassigned (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_no_unit + self->home_other;
}

/**
 * vv_split_get_home_other:
 * @self: a #VvSplit
 *
 * Returns: the part of the unassigned money that units classify as another
 *   function than 257/258 (e.g. a day centre, 234), in øre
 */
gint64
vv_split_get_home_other (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), 0);
  return self->home_other;
}

/**
 * vv_split_get_findings:
 * @self: a #VvSplit
 *
 * Returns: (transfer none) (element-type VvSplitFinding): the findings,
 *   errors first, then by line
 */
GPtrArray *
vv_split_get_findings (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);
  return self->findings;
}

/**
 * vv_split_get_ansvars:
 * @self: a finished #VvSplit
 *
 * Every ansvar with home-service lines, with its money and how its unit
 * divides it; those without a unit are the unassigned ones to classify.
 *
 * Returns: (transfer none) (element-type VvSplitAnsvar): the ansvar, sorted
 */
GPtrArray *
vv_split_get_ansvars (VvSplit *self)
{
  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);
  return self->ansvars;
}

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
      g_autofree char *code = function_code (f);

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
          g_autofree char *code = function_code (f->function);

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
      g_autofree char *code = function_code (f);
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

/* SQL for vv_split_finding_condition(): the same tests as
 * vv_split_add_line(), over the columns of the ledger_lines table. Only
 * integers from the rule data and the units register are written into it. */

#define DRIFT_CONDITION "account_class IN (1, -1)"

/* "function IN (254, 257, 258)": the rules' home-service functions. */
static void
append_home_condition (VvSplit *self,
                       GString *sql)
{
  gboolean first = TRUE;

  g_string_append (sql, DRIFT_CONDITION " AND function IN (");
  for (guint code = 0; code < N_FUNCTIONS; code++)
    if (self->fn_info[code] != NULL && self->fn_info[code]->home_service)
      {
        g_string_append_printf (sql, "%s%u", first ? "" : ", ", code);
        first = FALSE;
      }
  if (first)
    g_string_append (sql, "NULL");
  g_string_append_c (sql, ')');
}

/* A home-service function used outside its years: expired (valid_to) or
 * not yet in use (valid_from). */
static void
append_validity_condition (VvSplit *self,
                           GString *sql,
                           gboolean expired)
{
  gboolean first = TRUE;

  g_string_append_c (sql, '(');
  for (guint code = 0; code < N_FUNCTIONS; code++)
    {
      const VvFunction *fi = self->fn_info[code];

      if (fi == NULL || !fi->home_service || (expired ? fi->valid_to : fi->valid_from) == 0)
        continue;
      g_string_append (sql, first ? "" : " OR ");
      if (expired)
        g_string_append_printf (sql, "(function = %u AND year > %d)", code, fi->valid_to);
      else
        g_string_append_printf (sql, "(function = %u AND year BETWEEN 1 AND %d)", code,
                                fi->valid_from - 1);
      first = FALSE;
    }
  g_string_append (sql, first ? "0)" : ")");
}

/* "(art BETWEEN 630 AND 639)": the arts of the ledger check for @kind. */
static void
append_art_condition (VvSplit            *self,
                      GString            *sql,
                      VvSplitFindingKind  kind)
{
  gboolean first = TRUE;

  g_string_append_c (sql, '(');
  for (guint art = 0; art < N_ARTS; art++)
    {
      guint last = art;

      if (self->art_check[art] != kind + 1)
        continue;
      while (last + 1 < N_ARTS && self->art_check[last + 1] == kind + 1)
        last++;
      g_string_append_printf (sql, "%sart BETWEEN %u AND %u", first ? "" : " OR ", art, last);
      first = FALSE;
      art = last;
    }
  g_string_append (sql, first ? "0)" : ")");
}

/**
 * vv_split_finding_condition:
 * @self: a finished #VvSplit
 * @finding: one of its findings
 * @by_ansvar: (out): whether the lines are also those of the finding's ansvar
 *
 * An SQL condition over the columns of the `ledger_lines` table (year,
 * ansvar, function, art, account_class …) that picks the lines the split
 * counted for @finding, for drill-down. Derived from the same rule data as
 * vv_split_add_line(): the home-service functions and their years, the
 * ledger checks by art, the units register.
 *
 * Returns: (transfer full) (nullable): the condition, or %NULL for a
 *   finding without stored lines (rejected lines)
 */
char *
vv_split_finding_condition (VvSplit              *self,
                            const VvSplitFinding *finding,
                            gboolean             *by_ansvar)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_return_val_if_fail (VV_IS_SPLIT (self), NULL);
  g_return_val_if_fail (finding != NULL, NULL);
  g_return_val_if_fail (by_ansvar != NULL, NULL);

  *by_ansvar = TRUE;
  switch (finding->kind)
    {
    case VV_SPLIT_FINDING_EXPIRED_FUNCTION:
    case VV_SPLIT_FINDING_NOT_YET_VALID:
      append_home_condition (self, sql);
      g_string_append (sql, " AND ");
      append_validity_condition (self, sql,
                                 finding->kind == VV_SPLIT_FINDING_EXPIRED_FUNCTION);
      break;
    case VV_SPLIT_FINDING_UNASSIGNED_ANSVAR:
      append_home_condition (self, sql);
      break;
    case VV_SPLIT_FINDING_RENT_INCOME:
    case VV_SPLIT_FINDING_BUILDING_MAINTENANCE:
    case VV_SPLIT_FINDING_HVPU_GRANT:
      append_home_condition (self, sql);
      g_string_append (sql, " AND ");
      append_art_condition (self, sql, finding->kind);
      break;
    case VV_SPLIT_FINDING_UNKNOWN_FUNCTION:
      g_string_append (sql, DRIFT_CONDITION " AND (function < 100 OR function > 899)");
      break;
    case VV_SPLIT_FINDING_MIXED_YEARS:
      *by_ansvar = FALSE;
      g_string_append_printf (sql, DRIFT_CONDITION " AND year = %d", finding->year);
      break;
    case VV_SPLIT_FINDING_UNIT_DISAGREEMENT:
      {
        const VvUnit *unit = self->units != NULL ? vv_units_lookup (self->units, finding->ansvar)
                                                 : NULL;

        if (unit == NULL)
          return NULL;
        append_home_condition (self, sql);
        g_string_append_printf (sql, " AND year = %d AND NOT ", finding->year);
        append_validity_condition (self, sql, TRUE);
        g_string_append (sql, " AND NOT ");
        append_validity_condition (self, sql, FALSE);
        g_string_append (sql, " AND function NOT IN (");
        for (guint i = 0; i < unit->allocations->len; i++)
          {
            const VvAllocation *a = &g_array_index (unit->allocations, VvAllocation, i);
            const char *mapped = vv_rules_map_function_for_year (self->rules, a->function,
                                                                 finding->year, NULL);

            g_string_append_printf (sql, "%s%u", i ? ", " : "",
                                    parse_code (mapped != NULL ? mapped : a->function));
          }
        g_string_append_c (sql, ')');
      }
      break;
    case VV_SPLIT_FINDING_REJECTED_LINE:
    case VV_SPLIT_N_FINDINGS:
    default:
      return NULL;
    }
  return g_string_free (g_steal_pointer (&sql), FALSE);
}
