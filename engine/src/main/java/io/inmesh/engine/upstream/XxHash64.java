package io.inmesh.engine.upstream;

import java.nio.charset.StandardCharsets;

/**
 * xxHash64, the hash Envoy uses for ring hash, Maglev and hash policies ({@code HashUtil::xxHash64}
 * over a string's bytes). One implementation for the whole engine: on the request path (header,
 * cookie and query values) it reads the string's characters as bytes without allocating, which is
 * exact for ASCII; a value with other characters is hashed over its UTF-8 bytes, as Envoy would.
 */
public final class XxHash64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private XxHash64() {}

  /** The hash of a string's UTF-8 bytes with seed 0. */
  public static long hash(String s) {
    return hash(s, 0);
  }

  /** The hash of a string's UTF-8 bytes. */
  public static long hash(String s, long seed) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        // Rare: re-read the UTF-8 bytes as one char each, so the loop below sees exactly them.
        return hashBytesAsChars(
            new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), seed);
      }
    }
    return hashBytesAsChars(s, seed);
  }

  /** The hash of {@code b}. */
  public static long hash(byte[] b, long seed) {
    return hashBytesAsChars(new String(b, StandardCharsets.ISO_8859_1), seed);
  }

  /** xxHash64 of the string's chars taken as bytes (each char must be below 0x100). */
  private static long hashBytesAsChars(String s, long seed) {
    int len = s.length();
    int i = 0;
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      int limit = len - 32;
      do {
        v1 = round(v1, long8(s, i));
        v2 = round(v2, long8(s, i + 8));
        v3 = round(v3, long8(s, i + 16));
        v4 = round(v4, long8(s, i + 24));
        i += 32;
      } while (i <= limit);
      h =
          Long.rotateLeft(v1, 1)
              + Long.rotateLeft(v2, 7)
              + Long.rotateLeft(v3, 12)
              + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = seed + P5;
    }
    h += len;
    while (i + 8 <= len) {
      h ^= round(0, long8(s, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
      i += 8;
    }
    if (i + 4 <= len) {
      h ^= (int4(s, i) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      i += 4;
    }
    while (i < len) {
      h ^= (s.charAt(i) & 0xFF) * P5;
      h = Long.rotateLeft(h, 11) * P1;
      i++;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    acc += input * P2;
    acc = Long.rotateLeft(acc, 31);
    return acc * P1;
  }

  private static long merge(long acc, long v) {
    acc ^= round(0, v);
    return acc * P1 + P4;
  }

  private static long long8(String s, int i) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | (s.charAt(i + k) & 0xFF);
    }
    return v;
  }

  private static int int4(String s, int i) {
    return (s.charAt(i) & 0xFF)
        | (s.charAt(i + 1) & 0xFF) << 8
        | (s.charAt(i + 2) & 0xFF) << 16
        | (s.charAt(i + 3) & 0xFF) << 24;
  }
}
