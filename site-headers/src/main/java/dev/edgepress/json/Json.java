package dev.edgepress.json;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Just enough JSON writing: the publisher's plan and report, the preview's events, JSON-LD in
 * pages. Strings escape '<', '>' and '&' too, so a value can never close a script element.
 */
public final class Json {

  private Json() {}

  public static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  public static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> string(String.valueOf(e.getKey())) + ": " + value(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Json::value).collect(Collectors.joining(", ", "[", "]"));
    }
    return string(String.valueOf(v));
  }

  /** An object from alternating keys and values. */
  public static String object(Object... keysAndValues) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(string(String.valueOf(keysAndValues[i]))).append(": ").append(value(keysAndValues[i + 1]));
    }
    return sb.append('}').toString();
  }

  public static String array(List<String> jsonValues) {
    return jsonValues.isEmpty() ? "[]" : "[\n    " + String.join(",\n    ", jsonValues) + "\n  ]";
  }

  public static String strings(List<String> values) {
    return array(values.stream().map(Json::string).toList());
  }
}
