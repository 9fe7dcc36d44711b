package dev.edgepress.generator.markdown;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;

/**
 * Stable heading ids in GitHub's style: lower case, spaces to '-', punctuation dropped, repeats
 * numbered (intro, intro-1). One instance per document, used in document order.
 */
final class HeadingIds {

  private final Map<String, Integer> seen = new HashMap<>();

  String next(Heading heading) {
    String base = slug(textOf(heading));
    if (base.isEmpty()) {
      base = "section";
    }
    Integer n = seen.get(base);
    seen.put(base, n == null ? 1 : n + 1);
    return n == null ? base : base + "-" + n;
  }

  static String textOf(Node node) {
    StringBuilder sb = new StringBuilder();
    node.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        sb.append(text.getLiteral());
      }

      @Override
      public void visit(Code code) {
        sb.append(code.getLiteral());
      }
    });
    return sb.toString();
  }

  static String slug(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    String lower = text.strip().toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        sb.append(c);
      } else if (c == ' ') {
        sb.append('-');
      }
    }
    return sb.toString();
  }
}
