package dev.edgepress.generator.markdown;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.content.SourcePage;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Per page: highlights its fenced code blocks, warning (once per block) about those shown plain
 * because they are too big or their grammar failed.
 */
final class CodeBlocks {

  private final Highlighter highlighter;
  private final SourcePage page;
  private final String body;
  private final Problems problems;
  private final Set<String> warned = new HashSet<>();
  /** By block: a block before <!--more--> is rendered for the summary too, highlighted once. */
  private final Map<Node, Optional<String>> done = new IdentityHashMap<>();

  CodeBlocks(Highlighter highlighter, SourcePage page, String body, Problems problems) {
    this.highlighter = highlighter;
    this.page = page;
    this.body = body;
    this.problems = problems;
  }

  /** The renderer of fenced code blocks for one page's HTML renderer. */
  NodeRenderer renderer(HtmlNodeRendererContext context) {
    return new CodeBlockRenderer(context, this);
  }

  /** The block's highlighted HTML, or null to show it plain. */
  String highlight(Node block, String code, String language) {
    return done.computeIfAbsent(block, b -> Optional.ofNullable(highlight(code, language))).orElse(null);
  }

  private String highlight(String code, String language) {
    try {
      return highlighter.highlight(code, language).orElse(null);
    } catch (Highlighter.Unhighlightable e) {
      if (warned.add(language + "\n" + code)) {
        int at = body.indexOf(code);
        int line = page.front().bodyLine();
        for (int i = 0; i < at; i++) {
          if (body.charAt(i) == '\n') {
            line++;
          }
        }
        // The fence is the line before the code.
        problems.warn(Problem.at(page.file(), at < 0 ? line : line - 1, "the " + language
            + " code block " + e.getMessage() + "; it is shown without highlighting (split it, or"
            + " remove the language after the ``` to silence this)"));
      }
      return null;
    }
  }

  /**
   * Renders a fenced code block as commonmark does ({@code <pre><code class="language-xxx">}),
   * with the code highlighted when its language is known.
   */
  private static final class CodeBlockRenderer implements NodeRenderer {
    private final HtmlNodeRendererContext context;
    private final HtmlWriter html;
    private final CodeBlocks codeBlocks;

    CodeBlockRenderer(HtmlNodeRendererContext context, CodeBlocks codeBlocks) {
      this.context = context;
      this.html = context.getWriter();
      this.codeBlocks = codeBlocks;
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(FencedCodeBlock.class);
    }

    @Override
    public void render(Node node) {
      FencedCodeBlock block = (FencedCodeBlock) node;
      String literal = block.getLiteral();
      Map<String, String> attributes = new LinkedHashMap<>();
      String info = block.getInfo();
      String language = null;
      if (info != null && !info.isEmpty()) {
        int space = info.indexOf(' ');
        language = space < 0 ? info : info.substring(0, space);
        attributes.put("class", "language-" + language);
      }
      String highlighted = language == null ? null : codeBlocks.highlight(block, literal, language);
      html.line();
      html.tag("pre", context.extendAttributes(block, "pre", Map.of()));
      html.tag("code", context.extendAttributes(block, "code", attributes));
      if (highlighted == null) {
        html.text(literal);
      } else {
        html.raw(highlighted);
      }
      html.tag("/code");
      html.tag("/pre");
      html.line();
    }
  }
}
