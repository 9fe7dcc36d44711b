package dev.edgepress.contact;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON the contact form needs. The reader takes one flat object of string values and refuses
 * everything else (nesting, numbers, booleans, null, duplicate names, invalid UTF-8, a byte order mark,
 * unpaired surrogate escapes, raw control characters in strings, anything after the object). The writer
 * escapes so that its output is also safe inside HTML.
 */
final class Json {

  static final int MAX_MEMBERS = 100;

  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /** The members of a flat JSON object of strings, in their order. */
  static Map<String, String> parseFlatObject(byte[] utf8) throws UnreadableBodyException {
    Json p = new Json(Utf8.decode(utf8, 0, utf8.length));
    return p.object();
  }

  private Map<String, String> object() throws UnreadableBodyException {
    Map<String, String> members = new LinkedHashMap<>();
    whitespace();
    expect('{');
    whitespace();
    if (peek() == '}') {
      i++;
    } else {
      while (true) {
        whitespace();
        if (peek() != '"') {
          throw new UnreadableBodyException("a JSON member name must be a string");
        }
        String name = string();
        whitespace();
        expect(':');
        whitespace();
        if (peek() != '"') {
          throw new UnreadableBodyException("JSON member values must be strings");
        }
        String value = string();
        if (members.putIfAbsent(name, value) != null) {
          throw new UnreadableBodyException("duplicate JSON member name");
        }
        if (members.size() > MAX_MEMBERS) {
          throw new UnreadableBodyException("too many JSON members");
        }
        whitespace();
        int c = next();
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw new UnreadableBodyException("expected , or } in the JSON object");
        }
      }
    }
    whitespace();
    if (i != s.length()) {
      throw new UnreadableBodyException("content after the JSON object");
    }
    return members;
  }

  private String string() throws UnreadableBodyException {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      int c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw new UnreadableBodyException(c < 0 ? "unterminated JSON string" : "raw control character in a JSON string");
      }
      if (Character.isSurrogate((char) c)) {
        // A raw surrogate only comes as a valid pair out of a strict UTF-8 decoder.
        out.append((char) c);
        continue;
      }
      if (c != '\\') {
        out.append((char) c);
        continue;
      }
      int e = next();
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '/' -> out.append('/');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          char u = hex4();
          if (Character.isHighSurrogate(u)) {
            if (next() != '\\' || next() != 'u') {
              throw new UnreadableBodyException("unpaired surrogate escape in a JSON string");
            }
            char low = hex4();
            if (!Character.isLowSurrogate(low)) {
              throw new UnreadableBodyException("unpaired surrogate escape in a JSON string");
            }
            out.append(u).append(low);
          } else if (Character.isLowSurrogate(u)) {
            throw new UnreadableBodyException("unpaired surrogate escape in a JSON string");
          } else {
            out.append(u);
          }
        }
        default -> throw new UnreadableBodyException("invalid escape in a JSON string");
      }
    }
  }

  private char hex4() throws UnreadableBodyException {
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int c = next();
      int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
      if (d < 0) {
        throw new UnreadableBodyException("invalid \\u escape in a JSON string");
      }
      v = v * 16 + d;
    }
    return (char) v;
  }

  private void whitespace() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      i++;
    }
  }

  private int peek() {
    return i < s.length() ? s.charAt(i) : -1;
  }

  private int next() {
    return i < s.length() ? s.charAt(i++) : -1;
  }

  private void expect(char c) throws UnreadableBodyException {
    if (next() != c) {
      throw new UnreadableBodyException(i <= 1 && c == '{' ? "not a JSON object" : "expected " + c + " in the JSON");
    }
  }

  /** A JSON string literal of {@code value}, with {@code < > & '} and the line separators escaped too. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7F || c == '<' || c == '>' || c == '&' || c == '\'' || c == 0x2028 || c == 0x2029
              || (Character.isSurrogate(c) && !validPairAt(value, k))) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean validPairAt(String v, int k) {
    char c = v.charAt(k);
    if (Character.isHighSurrogate(c)) {
      return k + 1 < v.length() && Character.isLowSurrogate(v.charAt(k + 1));
    }
    return k > 0 && Character.isHighSurrogate(v.charAt(k - 1));
  }

  /** A JSON object of string members, in the map's order. */
  static String object(Map<String, String> members) {
    StringBuilder out = new StringBuilder("{");
    members.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(quote(k)).append(':').append(quote(v)));
    return out.append('}').toString();
  }
}
