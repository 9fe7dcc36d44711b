package dev.edgepress.generator.template;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a template's syntax really went wrong, for when Pebble's parser stops: an unclosed
 * {@code {% endif} makes Pebble read on and stop lines later at some character it does not expect,
 * and an {@code {% if %}} never closed is reported where the next {@code {% endblock %}} stands.
 * The first unclosed delimiter, or else the first tag closed by the wrong end tag or never closed,
 * is the line to fix.
 */
final class TemplateSyntax {

  /** A place in the template and what is wrong there. */
  record Finding(int line, String message) {}

  private static final Set<String> PAIRED =
      Set.of("if", "for", "block", "macro", "autoescape", "filter", "cache", "parallel", "embed", "verbatim");
  private static final Pattern TAG_NAME = Pattern.compile("^\\s*-?\\s*([a-zA-Z_]+)");

  private TemplateSyntax() {}

  static Optional<Finding> diagnose(String source) {
    Deque<Finding> open = new ArrayDeque<>();
    Deque<String> openNames = new ArrayDeque<>();
    int i = 0;
    int n = source.length();
    while (i < n) {
      int at = nextOpener(source, i);
      if (at < 0) {
        break;
      }
      char kind = source.charAt(at + 1);
      String closer = kind == '%' ? "%}" : kind == '{' ? "}}" : "#}";
      int end = source.indexOf(closer, at + 2);
      int next = kind == '#' ? -1 : nextOpener(source, at + 2);
      if (end < 0 || (next >= 0 && next < end)) {
        return Optional.of(new Finding(lineOf(source, at), "'" + snippet(source, at) + "' is not closed with '"
            + closer + "'"));
      }
      if (kind == '%') {
        Matcher m = TAG_NAME.matcher(source.substring(at + 2, end));
        String tag = m.find() ? m.group(1) : "";
        if (PAIRED.contains(tag)) {
          open.push(new Finding(lineOf(source, at), tag));
          openNames.push(tag);
          if (tag.equals("verbatim")) {
            int close = source.indexOf("endverbatim", end);
            if (close < 0) {
              break;
            }
            i = source.lastIndexOf("{%", close);
            continue;
          }
        } else if (tag.startsWith("end") && PAIRED.contains(tag.substring(3))) {
          String wanted = tag.substring(3);
          if (open.isEmpty()) {
            return Optional.of(new Finding(lineOf(source, at), "'{% " + tag + " %}' closes nothing: there is no open"
                + " '{% " + wanted + " %}' before it"));
          }
          Finding top = open.pop();
          openNames.pop();
          if (!top.message().equals(wanted)) {
            return Optional.of(new Finding(top.line(), "'{% " + top.message() + " %}' is never closed with '{% end"
                + top.message() + " %}' (line " + lineOf(source, at) + " closes a '{% " + wanted + " %}' instead)"));
          }
        }
      }
      i = end + 2;
    }
    if (!open.isEmpty()) {
      Finding top = open.pop();
      return Optional.of(new Finding(top.line(), "'{% " + top.message() + " %}' is never closed with '{% end"
          + top.message() + " %}'"));
    }
    return Optional.empty();
  }

  private static int nextOpener(String s, int from) {
    int i = s.indexOf('{', from);
    while (i >= 0 && i + 1 < s.length()) {
      char c = s.charAt(i + 1);
      if (c == '%' || c == '{' || c == '#') {
        return i;
      }
      i = s.indexOf('{', i + 1);
    }
    return -1;
  }

  private static int lineOf(String s, int index) {
    int line = 1;
    for (int k = 0; k < index; k++) {
      if (s.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The opener and what follows it on its line, at most 30 characters. */
  private static String snippet(String s, int at) {
    int eol = s.indexOf('\n', at);
    String rest = s.substring(at, eol < 0 ? s.length() : eol).strip();
    return rest.length() > 30 ? rest.substring(0, 30) + "…" : rest;
  }
}
