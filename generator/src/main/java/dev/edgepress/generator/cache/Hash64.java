package dev.edgepress.generator.cache;

/**
 * A 64-bit fingerprint of strings and numbers (FNV-1a's prime over words of four chars or eight
 * bytes, each product rotated, with a final mix). It tells whether an input
 * of the build changed since the last one; it is not a cryptographic hash. Each value is followed by
 * a separator, so ("ab", "c") and ("a", "bc") differ.
 */
public final class Hash64 {

  private static final long PRIME = 0x100000001b3L;
  private long h = 0xcbf29ce484222325L;

  /** Reused by {@link #add(String)}: copying a string's chars out is cheaper than charAt per char. */
  private static final ThreadLocal<char[]> CHARS = ThreadLocal.withInitial(() -> new char[1024]);

  /**
   * Adds a string four chars at a time (pages' HTML is hashed whole: this is most of the hashing a
   * build does), each word rotated after its multiplication so that every char reaches every bit.
   */
  public Hash64 add(String s) {
    if (s == null) {
      return add(0x7fff_ffff_0000_0001L);
    }
    int n = s.length();
    long x = h ^ n;
    int i = 0;
    if (n < 64) {
      // Most values are short (paths, titles): not worth a copy.
      for (; i + 4 <= n; i += 4) {
        long w = s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
            | (long) s.charAt(i + 3) << 48;
        x = Long.rotateLeft((x ^ w) * PRIME, 29);
      }
      for (; i < n; i++) {
        x = Long.rotateLeft((x ^ s.charAt(i)) * PRIME, 29);
      }
      h = (x ^ 0x1f) * PRIME;
      return this;
    }
    char[] c = CHARS.get();
    if (c.length < n) {
      c = new char[Math.max(n, c.length * 2)];
      if (n <= 1 << 20) {
        CHARS.set(c);
      }
    }
    s.getChars(0, n, c, 0);
    for (; i + 4 <= n; i += 4) {
      long w = c[i] | (long) c[i + 1] << 16 | (long) c[i + 2] << 32 | (long) c[i + 3] << 48;
      x = Long.rotateLeft((x ^ w) * PRIME, 29);
    }
    for (; i < n; i++) {
      x = Long.rotateLeft((x ^ c[i]) * PRIME, 29);
    }
    h = (x ^ 0x1f) * PRIME;
    return this;
  }

  public Hash64 add(long v) {
    long x = h;
    for (int i = 0; i < 8; i++) {
      x = (x ^ ((v >>> (i * 8)) & 0xff)) * PRIME;
    }
    h = (x ^ 0x1e) * PRIME;
    return this;
  }

  public Hash64 add(boolean b) {
    return add(b ? 1 : 0);
  }

  public Hash64 add(Object o) {
    return add(o == null ? null : o.toString());
  }

  /** Adds bytes eight at a time (each Markdown file is hashed whole), mixed as {@link #add(String)} does. */
  public Hash64 add(byte[] bytes) {
    int n = bytes.length;
    long x = h ^ n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long w = (bytes[i] & 0xffL) | (bytes[i + 1] & 0xffL) << 8 | (bytes[i + 2] & 0xffL) << 16
          | (bytes[i + 3] & 0xffL) << 24 | (bytes[i + 4] & 0xffL) << 32 | (bytes[i + 5] & 0xffL) << 40
          | (bytes[i + 6] & 0xffL) << 48 | (bytes[i + 7] & 0xffL) << 56;
      x = Long.rotateLeft((x ^ w) * PRIME, 29);
    }
    for (; i < n; i++) {
      x = Long.rotateLeft((x ^ (bytes[i] & 0xff)) * PRIME, 29);
    }
    h = (x ^ 0x1d) * PRIME;
    return this;
  }

  public long get() {
    long z = h;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public static long of(String... values) {
    Hash64 h = new Hash64();
    for (String v : values) {
      h.add(v);
    }
    return h.get();
  }

  public static long of(byte[] bytes) {
    return new Hash64().add(bytes).get();
  }
}
