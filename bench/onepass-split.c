/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * onepass-split: the yardstick for `veiviser-cli split` (issue 13, item 6).
 *
 * The least a C program must do to give the split's sums: one pass over the
 * file, read in 1 MiB chunks like veiviser's reader, each line scanned once
 * for its separators and quotes, only the ansvar, tjeneste and amount fields
 * looked at, the amount turned into integer øre (decimal comma or point,
 * thousands spaces, a minus), and the øre summed by ansvar × function (the
 * first three digits of tjeneste) with an integer key. No validation, no
 * error messages, no findings, no units register: what veiviser does beyond
 * this is the cost of doing it properly.
 *
 *   onepass-split LEDGER.csv      (';'-separated, header on line 1)
 *
 * Prints the booked total per function in øre, one "function øre" a line,
 * and the number of lines and ansvar × function pairs on stderr.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK (1024 * 1024)
#define N_FUNCTIONS 1000
#define SLOTS (1 << 16)   /* open addressing, ansvar × 1000 + function as the key */

static struct
{
  uint64_t key;           /* 0: empty; else ansvar * 1000 + function + 1 */
  int64_t  ore;
} table[SLOTS];
static long pairs;

static void
add (uint64_t key, int64_t ore)
{
  size_t i = (key * 0x9E3779B97F4A7C15ull) >> 48;

  key++;
  while (table[i].key != key)
    {
      if (table[i].key == 0)
        {
          if (++pairs > SLOTS / 2)
            exit (4);   /* more pairs than a ledger has */
          table[i].key = key;
          break;
        }
      i = (i + 1) & (SLOTS - 1);
    }
  table[i].ore += ore;
}

static int col_ansvar = -1, col_tjeneste = -1, col_amount = -1;
static long lines;

static int
header_col (const char *name, size_t len)
{
  if (len == 6 && memcmp (name, "Ansvar", 6) == 0)
    return 0;
  if (len == 8 && memcmp (name, "Tjeneste", 8) == 0)
    return 1;
  if (len == 6 && memcmp (name, "Bel\xc3\xb8p", 6) == 0)
    return 2;
  return -1;
}

/* One line: fields found in the same scan that finds the separators. */
static void
line (const char *p, const char *e, int header)
{
  const char *f[3] = { 0 }, *fe[3] = { 0 };
  int col = 0;

  while (p <= e)
    {
      const char *s = p, *end;

      if (p < e && *p == '"')
        {
          /* quoted: skip to the closing quote ("" stays inside) */
          for (p++; p < e; p++)
            if (*p == '"')
              {
                if (p + 1 < e && p[1] == '"')
                  p++;
                else
                  break;
              }
          p = memchr (p, ';', e - p);
          end = p ? p : e;
        }
      else
        {
          p = memchr (p, ';', e - p);
          end = p ? p : e;
        }
      if (header)
        {
          int r = header_col (s, end - s);

          if (r == 0) col_ansvar = col;
          if (r == 1) col_tjeneste = col;
          if (r == 2) col_amount = col;
        }
      else
        {
          int r = col == col_ansvar ? 0 : col == col_tjeneste ? 1 : col == col_amount ? 2 : -1;

          if (r >= 0)
            {
              f[r] = s;
              fe[r] = end;
            }
        }
      col++;
      if (p == NULL)
        break;
      p++;
    }
  if (header || !f[0] || !f[1] || !f[2])
    return;

  {
    uint64_t ansvar = 0;
    unsigned function = 0;
    int64_t ore = 0;
    int neg = 0, decimals = -1;

    for (const char *q = f[0]; q < fe[0] && *q >= '0' && *q <= '9'; q++)
      ansvar = ansvar * 10 + (*q - '0');
    for (const char *q = f[1]; q < fe[1] && q < f[1] + 3; q++)
      function = function * 10 + (*q - '0');
    for (const char *q = f[2]; q < fe[2]; q++)
      {
        if (*q >= '0' && *q <= '9')
          {
            ore = ore * 10 + (*q - '0');
            if (decimals >= 0)
              decimals++;
          }
        else if (*q == ',' || *q == '.')
          decimals = 0;
        else if (*q == '-')
          neg = 1;
      }
    if (decimals <= 0)
      ore *= 100;
    else if (decimals == 1)
      ore *= 10;
    if (neg)
      ore = -ore;
    add (ansvar * N_FUNCTIONS + function, ore);
    lines++;
  }
}

int
main (int argc, char **argv)
{
  static char buf[CHUNK + 65536];
  size_t have = 0;
  ssize_t n;
  int fd, header = 1;
  int64_t booked[N_FUNCTIONS] = { 0 };

  if (argc != 2 || (fd = open (argv[1], O_RDONLY)) < 0)
    {
      fprintf (stderr, "usage: onepass-split LEDGER.csv\n");
      return 2;
    }
  while ((n = read (fd, buf + have, CHUNK)) > 0)
    {
      char *p = buf, *e = buf + have + n, *nl;

      while ((nl = memchr (p, '\n', e - p)) != NULL)
        {
          char *end = nl > p && nl[-1] == '\r' ? nl - 1 : nl;

          line (p, end, header);
          header = 0;
          p = nl + 1;
        }
      have = e - p;
      if (have > 65536)
        return 3;   /* a line longer than 64 KiB: not a ledger */
      memmove (buf, p, have);
    }
  if (have > 0)
    line (buf, buf + have, header);
  close (fd);

  for (size_t i = 0; i < SLOTS; i++)
    if (table[i].key != 0)
      booked[(table[i].key - 1) % N_FUNCTIONS] += table[i].ore;
  for (int fn = 0; fn < N_FUNCTIONS; fn++)
    if (booked[fn] != 0)
      printf ("%03d %lld\n", fn, (long long) booked[fn]);
  fprintf (stderr, "%ld lines, %ld ansvar x function pairs\n", lines, pairs);
  return 0;
}
