package dev.edgepress.contact;

/**
 * Cleaning of visitor text: what may go into a mail header (one line, no control character) and what
 * may go into a mail body (lines, no control character but tab).
 */
final class Text {

  private Text() {}

  /**
   * Whether a code point must never reach a mail header: C0 and C1 controls and DEL (CR and LF among
   * them), the line and paragraph separators, bidirectional overrides and isolates (which make a header
   * read differently from what it is), the byte order mark, and unpaired surrogates.
   */
  static boolean isUnsafeInHeader(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE || isBidiControl(cp) || cp == 0xFEFF;
  }

  private static boolean isBidiControl(int cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069);
  }

  /** True when {@code s} has no code point that {@link #isUnsafeInHeader} refuses. */
  static boolean isHeaderSafe(String s) {
    return s.codePoints().noneMatch(Text::isUnsafeInHeader);
  }

  /** True when {@code s} has a control character, a line break or a line separator anywhere. */
  static boolean hasControl(String s) {
    return s.codePoints().anyMatch(Text::isUnsafeInHeader);
  }

  /**
   * One line for a header: every control character, separator and run of white space becomes a single
   * space, and the ends are trimmed. Nothing is cut.
   */
  static String oneLine(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    boolean space = false;
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      if (isUnsafeInHeader(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /**
   * Text for a mail body: CRLF, CR, NEL and the line and paragraph separators become {@code \n}; tab is
   * kept; every other control character, unpaired surrogate and byte order mark is dropped; the ends are
   * trimmed.
   */
  static String multiline(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\r') {
        if (i < raw.length() && raw.charAt(i) == '\n') {
          i++;
        }
        out.append('\n');
      } else if (cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
        out.append('\n');
      } else if (cp == '\t') {
        out.append('\t');
      } else if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.SURROGATE
          || cp == 0xFEFF) {
        // dropped
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString().strip();
  }

  /** The number of code points (characters as a person counts them, mostly). */
  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** At most {@code max} code points: longer text is cut and ends with an ellipsis. */
  static String cut(String s, int max) {
    if (length(s) <= max) {
      return s;
    }
    int end = s.offsetByCodePoints(0, max - 1);
    return s.substring(0, end).stripTrailing() + "\u2026";
  }

  /**
   * A value for a log line or an error message: quoted, control characters shown as {@code \\uXXXX}, at
   * most {@code max} characters of it. Never use it for a secret.
   */
  static String quote(String s, int max) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    int n = 0;
    for (int i = 0; i < s.length() && n < max; i++, n++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || Character.isSurrogate(c) || c == 0x2028
          || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append(n < s.length() ? "\"\u2026" : "\"");
    return out.toString();
  }

  /** HTML-escaped text for an element or a quoted attribute; control characters but tab and LF dropped. */
  static String html(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c == '\n' || c == '\t' || !(c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
