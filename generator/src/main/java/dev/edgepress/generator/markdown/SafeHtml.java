package dev.edgepress.generator.markdown;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * {@code markdown: { unsafeHtml: false }}: raw HTML in Markdown cut down to safe tags and
 * attributes, for sites that take Markdown from contributors.
 */
final class SafeHtml {

  private final Safelist safelist = safelist();
  private final String baseUri;

  /** @param baseUri the site's origin and base path, against which relative links are kept */
  SafeHtml(String baseUri) {
    this.baseUri = baseUri;
  }

  /**
   * What raw HTML keeps: jsoup's relaxed list (no script, style, iframe, object, form or event
   * attribute; links only to http, https and mailto) plus what the renderer itself writes (heading
   * ids and anchors, task list checkboxes, footnotes, image sizes, highlighted code's classes).
   */
  static Safelist safelist() {
    return Safelist.relaxed()
        .addTags("hr", "del", "ins", "s", "section", "input", "figure", "figcaption", "kbd", "samp", "var",
            "mark", "abbr", "dfn", "time", "details", "summary")
        .addAttributes(":all", "class", "id", "title", "lang", "dir", "aria-hidden", "aria-label", "tabindex")
        .addAttributes("a", "rel", "data-footnote-ref", "data-footnote-backref", "data-footnote-backref-idx")
        .addAttributes("section", "data-footnotes")
        .addAttributes("img", "loading", "decoding")
        .addAttributes("input", "type", "checked", "disabled")
        .addAttributes("th", "align")
        .addAttributes("td", "align")
        .addAttributes("time", "datetime")
        .addAttributes("abbr", "title")
        .preserveRelativeLinks(true);
  }

  /** Whether HTML may hold a script: or data: URL, which only cleaning removes. */
  static boolean mayHoldScriptUrl(String html) {
    String lower = html.toLowerCase(Locale.ROOT);
    return lower.contains("script:") || lower.contains("data:");
  }

  /** The HTML cut down to the safelist; the Markdown's own HTML comes out as it went in. */
  String clean(String html) {
    Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
    return Jsoup.clean(html, baseUri, safelist, settings);
  }
}
