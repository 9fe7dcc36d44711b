package dev.edgepress.generator.yaml;

import dev.edgepress.generator.Problems;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of a {@link YamlDocument}. A value of the wrong type is reported to {@link Problems}
 * with its line and what was expected, and read as absent, so that one build lists every problem.
 */
public final class Fields {

  private static final java.util.regex.Pattern OFFSET = java.util.regex.Pattern.compile(".*[+-]\\d\\d:?\\d\\d$");
  private static final java.util.regex.Pattern SHORT_OFFSET = java.util.regex.Pattern.compile(".*[+-]\\d{4}$");

  private final YamlDocument doc;
  private final Problems problems;

  public Fields(YamlDocument doc, Problems problems) {
    this.doc = doc;
    this.problems = problems;
  }

  public YamlDocument document() {
    return doc;
  }

  public boolean has(String key) {
    return doc.get(key) != null;
  }

  private void wrongType(String key, Object value, String expected, String example) {
    problems.add(
        doc.problem(
            key,
            "'" + key + "' must be " + expected + ", not " + describe(value) + " (e.g. " + key + ": "
                + example + ")"));
  }

  static String describe(Object value) {
    if (value instanceof Map) {
      return "a mapping";
    }
    if (value instanceof Collection) {
      return "a list";
    }
    if (value instanceof Boolean) {
      return "the boolean " + value;
    }
    if (value instanceof Number) {
      return "the number " + value;
    }
    return "'" + value + "'";
  }

  public Optional<String> string(String key) {
    Object v = doc.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return Optional.of(String.valueOf(v));
    }
    wrongType(key, v, "text", "\"...\"");
    return Optional.empty();
  }

  public Optional<Boolean> bool(String key) {
    Object v = doc.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Boolean b) {
      return Optional.of(b);
    }
    wrongType(key, v, "true or false", "true");
    return Optional.empty();
  }

  public Optional<Integer> integer(String key) {
    Object v = doc.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Integer || v instanceof Long) {
      long l = ((Number) v).longValue();
      if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return Optional.of((int) l);
      }
    }
    wrongType(key, v, "a whole number", "10");
    return Optional.empty();
  }

  /** A list of texts; a single text is taken as a list of one. */
  public List<String> strings(String key) {
    Object v = doc.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        if (item instanceof String || item instanceof Number || item instanceof Boolean) {
          out.add(String.valueOf(item));
        } else {
          problems.add(
              doc.problem(
                  key + "." + i,
                  "'" + key + "' must be a list of texts; item " + (i + 1) + " is " + describe(item)));
        }
      }
      return out;
    }
    wrongType(key, v, "a list of texts", "[one, two]");
    return List.of();
  }

  public Optional<Map<String, Object>> mapping(String key) {
    Object v = doc.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> typed = (Map<String, Object>) m;
      return Optional.of(typed);
    }
    wrongType(key, v, "a mapping", "{ key: value }");
    return Optional.empty();
  }

  /** A date or date-time; one without an offset is taken in {@code zone}. */
  public Optional<ZonedDateTime> date(String key, ZoneId zone) {
    Object v = doc.get(key);
    if (v == null) {
      return Optional.empty();
    }
    Optional<ZonedDateTime> parsed = v instanceof String s ? parseDate(s, zone) : Optional.empty();
    if (parsed.isEmpty()) {
      problems.add(
          doc.problem(
              key,
              "'" + key + "' must be a date such as 2024-05-31 or 2024-05-31T09:30:00Z, not "
                  + describe(v)));
    }
    return parsed;
  }

  public static Optional<ZonedDateTime> parseDate(String text, ZoneId zone) {
    String s = text.trim();
    try {
      if (s.length() == 10) {
        return Optional.of(LocalDate.parse(s).atStartOfDay(zone));
      }
      String t = s.replace(' ', 'T');
      if (t.endsWith("Z") || OFFSET.matcher(t).matches()) {
        return Optional.of(OffsetDateTime.parse(normalizeOffset(t)).toZonedDateTime());
      }
      return Optional.of(LocalDateTime.parse(t).atZone(zone));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String normalizeOffset(String t) {
    // Accept +0200 as well as +02:00.
    if (SHORT_OFFSET.matcher(t).matches()) {
      return t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2);
    }
    return t;
  }
}
