/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vv-sha256"

#include "config.h"

#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define VV_SHA_X86 1
#include <cpuid.h>
#include <immintrin.h>
#else
#define VV_SHA_X86 0
#endif

#include "vv-sha256-private.h"

static const guint32 sha256_k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
  0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
  0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const guint32 sha256_h0[8] = {
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

#if VV_SHA_X86
/* The usual SHA-NI block loop (as in Intel's and Jeffrey Walton's public
 * samples): the state is kept as ABEF/CDGH, four rounds per step, the
 * message schedule computed with sha256msg1/msg2 as it goes. */
__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
sha256_blocks_x86 (guint32      state[8],
                   const guint8 *data,
                   gsize         n_blocks)
{
  const __m128i mask = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i state0, state1, tmp, msg, m[4], abef_save, cdgh_save;

  tmp = _mm_loadu_si128 ((const __m128i *) &state[0]);
  state1 = _mm_loadu_si128 ((const __m128i *) &state[4]);
  tmp = _mm_shuffle_epi32 (tmp, 0xB1);            /* CDAB */
  state1 = _mm_shuffle_epi32 (state1, 0x1B);      /* EFGH */
  state0 = _mm_alignr_epi8 (tmp, state1, 8);      /* ABEF */
  state1 = _mm_blend_epi16 (state1, tmp, 0xF0);   /* CDGH */

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      abef_save = state0;
      cdgh_save = state1;
      for (int i = 0; i < 16; i++)
        {
          if (i < 4)
            m[i] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * i)), mask);
          msg = _mm_add_epi32 (m[i & 3], _mm_loadu_si128 ((const __m128i *) &sha256_k[4 * i]));
          state1 = _mm_sha256rnds2_epu32 (state1, state0, msg);
          if (i >= 3 && i <= 14)
            {
              tmp = _mm_alignr_epi8 (m[i & 3], m[(i - 1) & 3], 4);
              m[(i + 1) & 3] = _mm_add_epi32 (m[(i + 1) & 3], tmp);
              m[(i + 1) & 3] = _mm_sha256msg2_epu32 (m[(i + 1) & 3], m[i & 3]);
            }
          msg = _mm_shuffle_epi32 (msg, 0x0E);
          state0 = _mm_sha256rnds2_epu32 (state0, state1, msg);
          if (i >= 1 && i <= 12)
            m[(i - 1) & 3] = _mm_sha256msg1_epu32 (m[(i - 1) & 3], m[i & 3]);
        }
      state0 = _mm_add_epi32 (state0, abef_save);
      state1 = _mm_add_epi32 (state1, cdgh_save);
    }

  tmp = _mm_shuffle_epi32 (state0, 0x1B);         /* FEBA */
  state1 = _mm_shuffle_epi32 (state1, 0xB1);      /* DCHG */
  state0 = _mm_blend_epi16 (tmp, state1, 0xF0);   /* DCBA */
  state1 = _mm_alignr_epi8 (state1, tmp, 8);      /* ABEF */
  _mm_storeu_si128 ((__m128i *) &state[0], state0);
  _mm_storeu_si128 ((__m128i *) &state[4], state1);
}
#endif

/**
 * _vv_sha256_accelerated:
 *
 * Returns: whether the processor has the SHA instructions (and SSSE3 and
 *   SSE4.1) that the fast path uses
 */
gboolean
_vv_sha256_accelerated (void)
{
#if VV_SHA_X86
  static gsize once = 0;
  static gboolean have = FALSE;

  if (g_once_init_enter (&once))
    {
      unsigned int a, b, c, d;

      if (__get_cpuid (1, &a, &b, &c, &d) && (c & (1u << 9)) && (c & (1u << 19)) &&
          __get_cpuid_max (0, NULL) >= 7)
        {
          __cpuid_count (7, 0, a, b, c, d);
          have = (b & (1u << 29)) != 0;
        }
      g_once_init_leave (&once, 1);
    }
  return have;
#else
  return FALSE;
#endif
}

/**
 * _vv_sha256_init:
 * @sha: the state to set up
 * @allow_accel: %FALSE to use GChecksum even where the instructions exist
 *   (for tests)
 */
void
_vv_sha256_init (VvSha256 *sha,
                 gboolean  allow_accel)
{
  memset (sha, 0, sizeof *sha);
  if (allow_accel && _vv_sha256_accelerated ())
    memcpy (sha->state, sha256_h0, sizeof sha->state);
  else
    sha->fallback = g_checksum_new (G_CHECKSUM_SHA256);
}

static void
sha256_blocks (VvSha256     *sha,
               const guint8 *data,
               gsize         n_blocks)
{
#if VV_SHA_X86
  sha256_blocks_x86 (sha->state, data, n_blocks);
#else
  g_assert_not_reached ();
#endif
}

/**
 * _vv_sha256_update:
 * @sha: the state
 * @data: (array length=len): bytes
 * @len: how many
 */
void
_vv_sha256_update (VvSha256     *sha,
                   const guint8 *data,
                   gsize         len)
{
  if (sha->fallback != NULL)
    {
      g_checksum_update (sha->fallback, data, len);
      return;
    }
  sha->total += len;
  if (sha->buf_len > 0)
    {
      gsize n = MIN (len, 64 - sha->buf_len);

      memcpy (sha->buf + sha->buf_len, data, n);
      sha->buf_len += n;
      data += n;
      len -= n;
      if (sha->buf_len < 64)
        return;
      sha256_blocks (sha, sha->buf, 1);
      sha->buf_len = 0;
    }
  if (len >= 64)
    {
      sha256_blocks (sha, data, len / 64);
      data += len / 64 * 64;
      len %= 64;
    }
  memcpy (sha->buf, data, len);
  sha->buf_len = len;
}

/**
 * _vv_sha256_finish:
 * @sha: the state; done with afterwards
 *
 * Returns: (transfer full): the digest in lower-case hex
 */
char *
_vv_sha256_finish (VvSha256 *sha)
{
  guint8 pad[128] = { 0x80, };
  guint64 bits = GUINT64_TO_BE (sha->total * 8);
  gsize n_pad;
  char *hex;

  if (sha->fallback != NULL)
    {
      hex = g_strdup (g_checksum_get_string (sha->fallback));
      g_clear_pointer (&sha->fallback, g_checksum_free);
      return hex;
    }
  n_pad = sha->buf_len < 56 ? 56 - sha->buf_len : 120 - sha->buf_len;
  memcpy (pad + n_pad, &bits, 8);
  {
    guint64 total = sha->total;

    _vv_sha256_update (sha, pad, n_pad + 8);
    sha->total = total;
  }
  g_assert (sha->buf_len == 0);
  hex = g_malloc (65);
  for (int i = 0; i < 8; i++)
    g_snprintf (hex + 8 * i, 9, "%08x", sha->state[i]);
  return hex;
}
