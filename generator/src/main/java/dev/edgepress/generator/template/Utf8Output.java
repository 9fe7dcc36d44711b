package dev.edgepress.generator.template;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Writer that encodes to UTF-8 into a buffer reused by its thread: a rendered page is encoded
 * once, straight from the template, instead of being built as a string, copied and then encoded.
 */
final class Utf8Output extends Writer {

  private static final ThreadLocal<Utf8Output> PER_THREAD = ThreadLocal.withInitial(Utf8Output::new);

  private byte[] buf = new byte[64 * 1024];
  private int len;
  private char pendingHigh;

  static Utf8Output reset() {
    Utf8Output out = PER_THREAD.get();
    out.len = 0;
    out.pendingHigh = 0;
    return out;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  @Override
  public void write(int c) {
    writeChar((char) c);
  }

  @Override
  public void write(char[] chars, int off, int n) {
    ensure(n);
    for (int i = off; i < off + n; i++) {
      char c = chars[i];
      if (c < 0x80 && pendingHigh == 0) {
        buf[len++] = (byte) c;
      } else {
        writeChar(c);
      }
    }
  }

  @Override
  public void write(String s, int off, int n) {
    if (n > 64 && pendingHigh == 0 && !Character.isHighSurrogate(s.charAt(off + n - 1))) {
      // Long runs (page content) through the JDK's own encoder, which is much faster than a loop.
      byte[] encoded = (off == 0 && n == s.length() ? s : s.substring(off, off + n)).getBytes(StandardCharsets.UTF_8);
      ensure(encoded.length);
      System.arraycopy(encoded, 0, buf, len, encoded.length);
      len += encoded.length;
      return;
    }
    ensure(n);
    for (int i = off; i < off + n; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && pendingHigh == 0) {
        buf[len++] = (byte) c;
      } else {
        writeChar(c);
      }
    }
  }

  @Override
  public void write(String s) {
    write(s, 0, s.length());
  }

  private void writeChar(char c) {
    ensure(4);
    if (pendingHigh != 0) {
      char high = pendingHigh;
      pendingHigh = 0;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(high, c);
        buf[len++] = (byte) (0xF0 | (cp >> 18));
        buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (byte) (0x80 | (cp & 0x3F));
        return;
      }
      buf[len++] = '?';
    }
    if (c < 0x80) {
      buf[len++] = (byte) c;
    } else if (c < 0x800) {
      buf[len++] = (byte) (0xC0 | (c >> 6));
      buf[len++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)) {
      pendingHigh = c;
    } else if (Character.isLowSurrogate(c)) {
      buf[len++] = '?';
    } else {
      buf[len++] = (byte) (0xE0 | (c >> 12));
      buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      buf[len++] = (byte) (0x80 | (c & 0x3F));
    }
  }

  byte[] toByteArray() {
    if (pendingHigh != 0) {
      pendingHigh = 0;
      ensure(1);
      buf[len++] = '?';
    }
    return Arrays.copyOf(buf, len);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
