package dev.edgepress.contact;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An {@code application/x-www-form-urlencoded} body in UTF-8, read strictly: only visible ASCII bytes,
 * every {@code %} followed by two hex digits, the decoded bytes valid UTF-8, and none of the form's own
 * fields twice. Other fields may repeat (the first value is kept: they are ignored anyway).
 */
final class UrlEncodedForm {

  static final int MAX_FIELDS = 100;

  private UrlEncodedForm() {}

  static Map<String, String> parse(byte[] body, Set<String> singleFields) throws UnreadableBodyException {
    for (byte b : body) {
      if (b < 0x21 || b > 0x7E) {
        throw new UnreadableBodyException("a form body must be visible ASCII");
      }
    }
    Map<String, String> fields = new LinkedHashMap<>();
    int count = 0;
    int start = 0;
    while (start <= body.length) {
      int end = indexOf(body, (byte) '&', start);
      if (end > start) {
        if (++count > MAX_FIELDS) {
          throw new UnreadableBodyException("too many form fields");
        }
        int eq = indexOf(body, (byte) '=', start);
        int nameEnd = Math.min(eq, end);
        String name = decode(body, start, nameEnd);
        String value = nameEnd < end ? decode(body, nameEnd + 1, end) : "";
        if (fields.containsKey(name)) {
          if (singleFields.contains(name)) {
            throw new UnreadableBodyException("the form field " + name + " is there twice");
          }
        } else {
          fields.put(name, value);
        }
      }
      start = end + 1;
    }
    return fields;
  }

  private static int indexOf(byte[] body, byte b, int from) {
    for (int k = from; k < body.length; k++) {
      if (body[k] == b) {
        return k;
      }
    }
    return body.length;
  }

  private static String decode(byte[] body, int from, int to) throws UnreadableBodyException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int k = from; k < to; k++) {
      byte b = body[k];
      if (b == '+') {
        out.write(' ');
      } else if (b == '%') {
        int hi = k + 1 < to ? Character.digit(body[k + 1], 16) : -1;
        int lo = k + 2 < to ? Character.digit(body[k + 2], 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new UnreadableBodyException("a % in the form is not followed by two hex digits");
        }
        out.write(hi * 16 + lo);
        k += 2;
      } else {
        out.write(b);
      }
    }
    byte[] bytes = out.toByteArray();
    return Utf8.decode(bytes, 0, bytes.length);
  }
}
