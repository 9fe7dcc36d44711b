package dev.edgepress.maven.fork;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The line format of the {@link BuildProtocol}: a kind, then tab-separated {@code name=value} fields
 * whose values are escaped so that any text fits on one line and survives UTF-8.
 */
final class ProtocolLine {

  private ProtocolLine() {}

  /** One message being written. */
  static final class Builder {
    private final StringBuilder text;

    Builder(String kind) {
      text = new StringBuilder(kind);
    }

    Builder put(String name, String value) {
      text.append('\t').append(name).append('=').append(escape(value));
      return this;
    }

    Builder put(String name, Optional<String> value) {
      value.ifPresent(v -> put(name, v));
      return this;
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** One message being read: its kind and its fields, each taken once. */
  static final class Fields {
    final String kind;
    final String line;
    final Map<String, String> values = new LinkedHashMap<>();

    private Fields(String kind, String line) {
      this.kind = kind;
      this.line = line;
    }

    static Fields parse(String line) throws ProtocolException {
      String[] parts = line.split("\t", -1);
      Fields f = new Fields(parts[0], line);
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (eq <= 0) {
          throw new ProtocolException("a field must be name=value, not '" + shorten(parts[i]) + "', in '"
              + shorten(line) + "'");
        }
        String name = parts[i].substring(0, eq);
        if (f.values.put(name, unescape(parts[i].substring(eq + 1))) != null) {
          throw new ProtocolException("the field '" + shorten(name) + "' is repeated in '" + shorten(line) + "'");
        }
      }
      return f;
    }

    Optional<String> optional(String name) {
      return Optional.ofNullable(values.remove(name));
    }

    String text(String name) throws ProtocolException {
      String value = values.remove(name);
      if (value == null) {
        throw new ProtocolException(kind + " lacks its field '" + name + "' in '" + shorten(line) + "'");
      }
      return value;
    }

    Path path(String name) throws ProtocolException {
      return Path.of(text(name));
    }

    Optional<Path> optionalPath(String name) {
      return optional(name).map(Path::of);
    }

    int integer(String name) throws ProtocolException {
      String value = text(name);
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw bad(name, value, "a whole number");
      }
    }

    long longInteger(String name) throws ProtocolException {
      String value = text(name);
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw bad(name, value, "a whole number");
      }
    }

    boolean bool(String name) throws ProtocolException {
      String value = text(name);
      return switch (value) {
        case "true" -> true;
        case "false" -> false;
        default -> throw bad(name, value, "true or false");
      };
    }

    <E extends Enum<E>> E constant(String name, Class<E> type) throws ProtocolException {
      String value = text(name);
      try {
        return Enum.valueOf(type, value);
      } catch (IllegalArgumentException e) {
        throw bad(name, value, "one of " + Arrays.toString(type.getEnumConstants()));
      }
    }

    /** Every field was read: any left is one this version does not know. */
    void end() throws ProtocolException {
      if (!values.isEmpty()) {
        throw new ProtocolException(kind + " has unknown fields " + values.keySet() + " in '" + shorten(line) + "'");
      }
    }

    private ProtocolException bad(String name, String value, String expected) {
      return new ProtocolException(kind + "'s field '" + name + "' must be " + expected + ", not '" + shorten(value)
          + "'");
    }
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  static String unescape(String s) throws ProtocolException {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (i + 1 >= s.length()) {
        throw new ProtocolException("a value ends with a lone \\: '" + shorten(s) + "'");
      }
      char n = s.charAt(++i);
      switch (n) {
        case '\\' -> b.append('\\');
        case 't' -> b.append('\t');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 'u' -> {
          String hex = s.substring(i + 1, Math.min(i + 5, s.length()));
          if (hex.length() < 4 || !hex.chars().allMatch(h -> "0123456789abcdefABCDEF".indexOf(h) >= 0)) {
            throw new ProtocolException("a \\u escape needs four hex digits, not '" + shorten(hex) + "'");
          }
          b.append((char) Integer.parseInt(hex, 16));
          i += 4;
        }
        default -> throw new ProtocolException("unknown escape \\" + n + " in '" + shorten(s) + "'");
      }
    }
    return b.toString();
  }

  /** A piece of a line quoted in an error message: short, and on one line. */
  static String shorten(String s) {
    String one = escape(s);
    return one.length() <= 200 ? one : one.substring(0, 200) + "...";
  }
}
