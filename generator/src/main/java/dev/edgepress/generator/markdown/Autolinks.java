package dev.edgepress.generator.markdown;

import java.util.EnumSet;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.autolink.internal.AutolinkPostProcessor;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.parser.PostProcessor;

/**
 * commonmark's autolink extension (URLs, e-mail addresses and www. links in text become links),
 * handed only the text that can hold one. The extension's scanner reads every character of every
 * text node, a twentieth of a clean build; its links all start at a ':' (a URL's scheme), an '@'
 * or "www.", and a text without any of them it leaves as it is. So the output is the extension's,
 * text for text ({@code AutolinksTest}).
 */
final class Autolinks implements Parser.ParserExtension {

  private final PostProcessor autolink = new AutolinkPostProcessor(EnumSet.allOf(AutolinkType.class));

  @Override
  public void extend(Parser.Builder builder) {
    builder.postProcessor(node -> {
      node.accept(new AbstractVisitor() {
        int inLink;

        @Override
        public void visit(Link link) {
          // As the extension does: a link's own text is not linked again.
          inLink++;
          visitChildren(link);
          inLink--;
        }

        @Override
        public void visit(Text text) {
          if (inLink == 0 && mayLink(text.getLiteral())) {
            autolink.process(text);
          }
        }
      });
      return node;
    });
  }

  static boolean mayLink(String text) {
    return text.indexOf(':') >= 0 || text.indexOf('@') >= 0 || text.contains("www.");
  }
}
