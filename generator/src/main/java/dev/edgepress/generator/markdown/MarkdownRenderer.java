package dev.edgepress.generator.markdown;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.content.Urls;
import dev.edgepress.generator.images.ImageSize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemMarker;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Markdown to HTML with GFM tables, strikethrough, autolinks, task lists, footnotes and stable
 * heading ids. Links to other .md files become their pages' URLs. Fenced code blocks in a known
 * language are highlighted ({@link Highlighter}) unless site.yaml says {@code highlight: false};
 * raw HTML passes through unless it says {@code markdown: { unsafeHtml: false }}, which keeps only
 * safe tags and attributes. Built once, shared by all threads.
 */
public final class MarkdownRenderer {

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
  private static final String MORE = "<!--more-->";

  private static final List<Extension> EXTENSIONS =
      List.of(
          TablesExtension.create(),
          StrikethroughExtension.create(),
          new Autolinks(),
          TaskListItemsExtension.create(),
          FootnotesExtension.create());

  private final Parser parser;
  private final String basePath;
  private final String siteOrigin;
  /** Whether code is highlighted; the grammars (about 80 ms to prepare) are made when a page first renders. */
  private final boolean highlight;
  private final SafeHtml safeHtml;

  /**
   * @param basePath the base URL's path, '/' or '/blog/', put before site-root links
   * @param siteOrigin https://example.com: links elsewhere get rel="noopener"
   */
  public MarkdownRenderer(String basePath, String siteOrigin) {
    this(basePath, siteOrigin, true, true);
  }

  /**
   * @param highlight whether fenced code blocks in a known language are highlighted
   * @param unsafeHtml whether raw HTML in Markdown passes through as written; when false only
   *     {@link SafeHtml#safelist()}'s tags and attributes are kept and links to script URLs lose their href
   */
  public MarkdownRenderer(String basePath, String siteOrigin, boolean highlight, boolean unsafeHtml) {
    this.parser = Parser.builder().extensions(EXTENSIONS).build();
    this.basePath = basePath;
    this.siteOrigin = siteOrigin;
    this.highlight = highlight;
    this.safeHtml = unsafeHtml ? null : new SafeHtml(siteOrigin + basePath);
  }

  /** An HTML renderer for one page: its attribute provider looks image sizes up in the page's targets. */
  private HtmlRenderer htmlRenderer(LinkTargets targets, CodeBlocks codeBlocks) {
    HtmlRenderer.Builder builder = HtmlRenderer.builder()
        .extensions(EXTENSIONS)
        .attributeProviderFactory(context -> new PageAttributes(basePath, siteOrigin, targets::image));
    if (codeBlocks != null) {
      builder.nodeRendererFactory(codeBlocks::renderer);
    }
    return builder.build();
  }

  /**
   * Per render call: heading ids in document order; images get their width and height, and all but
   * the first are loaded lazily; links to other sites get rel="noopener".
   */
  private static final class PageAttributes implements AttributeProvider {
    private final HeadingIds ids = new HeadingIds();
    private final String basePath;
    private final String siteOrigin;
    private final Function<String, Optional<ImageSize>> images;
    private int imageCount;

    PageAttributes(String basePath, String siteOrigin, Function<String, Optional<ImageSize>> images) {
      this.basePath = basePath;
      this.siteOrigin = siteOrigin;
      this.images = images;
    }

    @Override
    public void setAttributes(Node node, String tagName, java.util.Map<String, String> attributes) {
      if (node instanceof Heading heading) {
        attributes.put("id", ids.next(heading));
      } else if (node instanceof Image image) {
        String src = image.getDestination();
        if (src != null && src.startsWith(basePath)) {
          images.apply(src.substring(basePath.length())).ifPresent(size -> {
            attributes.put("width", String.valueOf(size.width()));
            attributes.put("height", String.valueOf(size.height()));
          });
        }
        if (imageCount++ > 0) {
          attributes.put("loading", "lazy");
          attributes.put("decoding", "async");
        }
      } else if (node instanceof TaskListItemMarker marker) {
        // A checkbox needs a name for screen readers.
        attributes.put("aria-label", marker.isChecked() ? "Done" : "To do");
      } else if (node instanceof Link link) {
        String href = link.getDestination();
        if (href != null && (href.startsWith("http://") || href.startsWith("https://") || href.startsWith("//"))
            && !href.startsWith(siteOrigin + "/")) {
          attributes.put("rel", "noopener");
        }
      }
    }
  }

  public RenderedMarkdown render(SourcePage page, LinkTargets targets, Problems problems) {
    String body = page.front().body().text();
    HtmlRenderer renderer = htmlRenderer(targets,
        highlight ? new CodeBlocks(Highlighter.shared(), page, body, problems) : null);
    Node document = parser.parse(body);
    Prepare prepare = new Prepare(page, body, targets, problems);
    document.accept(prepare);

    String summary;
    boolean truncated;
    List<Node> beforeMore = beforeMoreMarker(document);
    if (page.front().summary().isPresent()) {
      summary = renderer.render(parser.parse(page.front().summary().get()));
      truncated = true;
    } else if (beforeMore != null) {
      StringBuilder sb = new StringBuilder();
      for (Node n : beforeMore) {
        sb.append(renderer.render(n));
      }
      summary = sb.toString();
      truncated = true;
    } else {
      Node first = document.getFirstChild();
      while (first != null && !(first instanceof Paragraph)) {
        first = first.getNext();
      }
      summary = first == null ? "" : renderer.render(first);
      truncated = first != null && (first.getNext() != null || first.getPrevious() != null);
    }
    String html = renderer.render(document);
    if (safeHtml != null) {
      // Raw HTML, or a Markdown link to a script: or data: URL, sends the page through the cleaner.
      boolean unsafe = prepare.rawHtml || SafeHtml.mayHoldScriptUrl(html);
      if (unsafe) {
        html = safeHtml.clean(html);
      }
      if (unsafe || page.front().summary().isPresent()) {
        summary = safeHtml.clean(summary);
      }
    }
    // Lists and feeds show the summary on other pages: its links relative to this page (#fragments of
    // its headings and footnotes, ../other-post/) must lead where they lead here.
    Optional<String> own = targets.page(page.sourcePath());
    if (own.isPresent()) {
      summary = fromPage(summary, basePath + own.get().substring(1), prepare.unresolved);
    }
    return new RenderedMarkdown(html, summary, truncated, List.copyOf(prepare.toc), prepare.words);
  }

  /** The top-level nodes before a {@code <!--more-->} line (which is removed), or null. */
  private static List<Node> beforeMoreMarker(Node document) {
    List<Node> before = new ArrayList<>();
    for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof HtmlBlock block && block.getLiteral().strip().equals(MORE)) {
        n.unlink();
        return before;
      }
      before.add(n);
    }
    return null;
  }

  /** Rewrites links, collects headings and counts words, in one walk of the tree. */
  private final class Prepare extends AbstractVisitor {
    private final SourcePage page;
    private final String body;
    private final LinkTargets targets;
    private final Problems problems;
    private final HeadingIds ids = new HeadingIds();
    final List<TocEntry> toc = new ArrayList<>();
    int words;
    int rawImages;
    boolean rawHtml;
    /** Links to Markdown files that are no pages, reported and left as written. */
    final Set<String> unresolved = new HashSet<>();

    Prepare(SourcePage page, String body, LinkTargets targets, Problems problems) {
      this.page = page;
      this.body = body;
      this.targets = targets;
      this.problems = problems;
    }

    @Override
    public void visit(Link link) {
      link.setDestination(rewrite(link.getDestination()));
      visitChildren(link);
    }

    @Override
    public void visit(Image image) {
      image.setDestination(rewrite(image.getDestination()));
      visitChildren(image);
    }

    @Override
    public void visit(Heading heading) {
      String id = ids.next(heading);
      toc.add(new TocEntry(heading.getLevel(), HeadingIds.textOf(heading).strip(), id));
      visitChildren(heading);
      // A link to the heading itself, for readers who want to share a section.
      HtmlInline anchor = new HtmlInline();
      anchor.setLiteral(" <a class=\"anchor\" href=\"#" + id + "\" aria-hidden=\"true\" tabindex=\"-1\">#</a>");
      heading.appendChild(anchor);
    }

    @Override
    public void visit(HtmlBlock block) {
      rawHtml = true;
      block.setLiteral(polishRawHtml(block.getLiteral(), true));
    }

    @Override
    public void visit(HtmlInline inline) {
      rawHtml = true;
      inline.setLiteral(polishRawHtml(inline.getLiteral(), false));
    }

    /**
     * Raw HTML an author wrote in the Markdown gets the same polish as Markdown images and links:
     * parsed with jsoup only when it holds an img or a link, which is rare, so pages stay fast.
     */
    private String polishRawHtml(String html, boolean block) {
      if (!html.contains("<img") && !html.contains("<a ")) {
        return html;
      }
      if (!block && !html.contains("<img")) {
        // An inline <a ...> opening tag alone: add rel to an external link without re-parsing.
        if (html.matches("(?s)<a\\s[^>]*href=\"https?://[^\"]*\"[^>]*>") && !html.contains(" rel=")
            && !html.contains("href=\"" + siteOrigin + "/")) {
          return html.substring(0, html.length() - 1) + " rel=\"noopener\">";
        }
        return html;
      }
      org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parseBodyFragment(html);
      doc.outputSettings().prettyPrint(false);
      for (org.jsoup.nodes.Element img : doc.select("img[src]")) {
        String src = rewrite(img.attr("src"));
        img.attr("src", src);
        if (!img.hasAttr("width") && !img.hasAttr("height") && src.startsWith(basePath)) {
          targets.image(src.substring(basePath.length())).ifPresent(size -> {
            img.attr("width", String.valueOf(size.width()));
            img.attr("height", String.valueOf(size.height()));
          });
        }
        if (img.hasAttr("srcset")) {
          img.attr("srcset", Urls.replaceSrcsetUrls(img.attr("srcset"), this::rewrite));
        }
        if (rawImages++ > 0 && !img.hasAttr("loading")) {
          img.attr("loading", "lazy").attr("decoding", "async");
        }
      }
      for (org.jsoup.nodes.Element a : doc.select("a[href^=http]")) {
        if (!a.attr("href").startsWith(siteOrigin + "/") && !a.hasAttr("rel")) {
          a.attr("rel", "noopener");
        }
      }
      String out = doc.body().html();
      return block && html.endsWith("\n") ? out + "\n" : out;
    }

    @Override
    public void visit(Text text) {
      words += countWords(text.getLiteral());
    }

    @Override
    public void visit(Code code) {
      words += countWords(code.getLiteral());
    }

    private String rewrite(String destination) {
      if (destination == null || destination.isEmpty() || destination.startsWith("#")
          || destination.startsWith("//") || SCHEME.matcher(destination).matches()) {
        return destination;
      }
      int cut = indexOfAny(destination, '#', '?');
      String path = cut < 0 ? destination : destination.substring(0, cut);
      String rest = cut < 0 ? "" : destination.substring(cut);
      // Links may be percent-encoded (../%C3%9Cber%20uns.md): files are looked up by their names.
      String decoded = Urls.decodePath(path);
      if (path.endsWith(".md")) {
        String contentPath = decoded.startsWith("/") ? decoded.substring(1) : resolve(page.directory(), decoded);
        Optional<String> url = contentPath == null ? Optional.empty() : targets.page(contentPath);
        if (url.isPresent()) {
          return basePath + url.get().substring(1) + rest;
        }
        String why = contentPath == null ? "" : targets.whyNotBuilt(contentPath).map(w -> " (" + w + ")").orElse("");
        targets.unresolved(destination);
        unresolved.add(destination);
        problems.add(Problem.at(page.file(), lineOf(destination),
            "link to '" + destination + "' does not match a page"
                + (contentPath == null ? "" : ": there is no built page content/" + contentPath)
                + why + "; fix the path, relative to this file or to content/ when it starts with '/'"));
        return destination;
      }
      if (path.startsWith("/")) {
        return basePath.equals("/") ? destination : basePath + destination.substring(1);
      }
      String local = resolve(page.directory(), path);
      String localFile = resolve(page.directory(), decoded);
      if (local != null && localFile != null && targets.resource(localFile)) {
        return basePath + local + rest;
      }
      return destination;
    }

    private int lineOf(String destination) {
      int at = body.indexOf("(" + destination);
      if (at < 0) {
        at = body.indexOf(destination);
      }
      if (at < 0) {
        return page.front().bodyLine();
      }
      int line = page.front().bodyLine();
      for (int i = 0; i < at; i++) {
        if (body.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }
  }

  private static final Pattern LINK_ATTRIBUTE = Pattern.compile("\\s(href|src|srcset)=\"([^\"]*)\"");

  /**
   * {@code html} with the values of its href and src attributes, and the URLs of its srcset
   * attributes, that are relative to the page at {@code pageUrl} (/blog/posts/a/, or
   * /blog/legal.html) made relative to the site's root instead, but for {@code keep} (links
   * reported already, left as the author wrote them).
   */
  static String fromPage(String html, String pageUrl, Set<String> keep) {
    Matcher m = LINK_ATTRIBUTE.matcher(html);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String value = m.group(2);
      String rooted = m.group(1).equals("srcset")
          ? Urls.replaceSrcsetUrls(value, link -> fromPage(link, pageUrl, keep::contains))
          : fromPage(value, pageUrl, keep::contains);
      if (rooted.equals(value)) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(html.length() + 64);
      }
      out.append(html, last, m.start(2)).append(rooted);
      last = m.end(2);
    }
    return out == null ? html : out.append(html, last, html.length()).toString();
  }

  /** One link of a page's HTML made relative to the site's root when it is relative to the page (and not kept). */
  private static String fromPage(String link, String pageUrl, java.util.function.Predicate<String> kept) {
    if (link.isEmpty() || link.startsWith("/") || SCHEME.matcher(link).matches() || kept.test(Urls.unescapeAttribute(link))) {
      return link;
    }
    return link.startsWith("#") ? pageUrl + link : againstFolder(pageUrl.substring(0, pageUrl.lastIndexOf('/') + 1), link);
  }

  /** A relative URL path (../b/?q#x) resolved against a folder's URL path (/posts/a/): /posts/b/?q#x. */
  private static String againstFolder(String folder, String relative) {
    int cut = indexOfAny(relative, '#', '?');
    String path = cut < 0 ? relative : relative.substring(0, cut);
    return Urls.removeDotSegments(folder + path) + (cut < 0 ? "" : relative.substring(cut));
  }

  /** Resolves a relative path against a content directory; null when it climbs above content/. */
  static String resolve(String directory, String relative) {
    Path base = Path.of(directory.isEmpty() ? "." : directory);
    Path resolved = base.resolve(relative.replace('/', java.io.File.separatorChar)).normalize();
    String s = resolved.toString().replace('\\', '/');
    if (s.startsWith("..") || s.isEmpty()) {
      return null;
    }
    return s;
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    if (i < 0) {
      return j;
    }
    if (j < 0) {
      return i;
    }
    return Math.min(i, j);
  }

  static int countWords(String s) {
    // A plain array loop: this runs on every text node of every page, and the build JVM compiles
    // with C1 only, which does not make String.charAt cheap.
    char[] chars = s.toCharArray();
    int n = 0;
    boolean inWord = false;
    for (char c : chars) {
      boolean ws = c <= ' ' || (c > 127 && Character.isWhitespace(c));
      if (!ws && !inWord) {
        n++;
      }
      inWord = !ws;
    }
    return n;
  }

}
