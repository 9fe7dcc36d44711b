package dev.edgepress.generator.cache;

/**
 * A 64-bit fingerprint of strings and numbers (FNV-1a with a final mix). It tells whether an input
 * of the build changed since the last one; it is not a cryptographic hash. Each value is followed by
 * a separator, so ("ab", "c") and ("a", "bc") differ.
 */
public final class Hash64 {

  private static final long PRIME = 0x100000001b3L;
  private long h = 0xcbf29ce484222325L;

  public Hash64 add(String s) {
    if (s == null) {
      return add(0x7fff_ffff_0000_0001L);
    }
    long x = h;
    for (int i = 0, n = s.length(); i < n; i++) {
      x = (x ^ s.charAt(i)) * PRIME;
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

  public Hash64 add(byte[] bytes) {
    long x = h;
    for (byte b : bytes) {
      x = (x ^ (b & 0xff)) * PRIME;
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
