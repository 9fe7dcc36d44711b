package dev.edgepress.generator.content;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.Taxonomy;
import dev.edgepress.generator.yaml.Fields;
import dev.edgepress.generator.yaml.YamlDocument;
import dev.edgepress.generator.yaml.YamlProblem;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML block between '---' lines at the top of a Markdown file, read into typed fields.
 *
 * @param bodyLine the 1-based line of the file where the Markdown body starts
 * @param params every front matter value, for templates ({@code page.params.x})
 */
public record FrontMatter(
    Optional<String> title,
    Optional<ZonedDateTime> date,
    Optional<ZonedDateTime> lastmod,
    boolean draft,
    Optional<ZonedDateTime> expiryDate,
    Optional<ZonedDateTime> publishDate,
    Optional<String> description,
    Map<String, List<String>> taxonomies,
    Optional<String> slug,
    Optional<String> url,
    List<String> aliases,
    int weight,
    Optional<String> layout,
    Optional<String> summary,
    Map<String, Object> params,
    YamlDocument document,
    Body body,
    int bodyLine) {

  /** Splits {@code text} into front matter and body and reads the front matter. */
  public static FrontMatter parse(SourceText source, SiteConfig config, Problems problems) {
    Path file = source.file();
    String text = source.text();
    YamlDocument doc = YamlDocument.empty(file, 2);
    int bodyOffset = 0;
    int bodyLine = 1;
    if (text.startsWith("---\n") || text.equals("---")) {
      int end = findClosing(text);
      if (end < 0) {
        problems.add(Problem.at(file, 1,
            "front matter opened with '---' on line 1 is never closed; add a line with just '---' after it"));
        bodyOffset = text.length();
      } else {
        String yaml = text.substring(4, end);
        int afterClose = text.indexOf('\n', end);
        bodyOffset = afterClose < 0 ? text.length() : afterClose + 1;
        bodyLine = 2 + countLines(yaml) + 1;
        try {
          doc = YamlDocument.parse(yaml, file, 2);
        } catch (YamlProblem e) {
          problems.add(e.problem());
        }
      }
    }
    return read(doc, new Body(file, bodyOffset), bodyLine, config, problems);
  }

  /** The typed fields of a front matter document (parsed now, or restored from the build cache). */
  public static FrontMatter read(YamlDocument doc, Body body, int bodyLine, SiteConfig config, Problems problems) {
    Fields f = new Fields(doc, problems);
    Map<String, List<String>> taxonomies = new LinkedHashMap<>();
    for (Taxonomy t : config.taxonomies()) {
      List<String> terms = f.strings(t.plural());
      if (!terms.isEmpty()) {
        taxonomies.put(t.plural(), terms);
      }
    }
    var zone = config.timeZone();
    return new FrontMatter(
        f.string("title"),
        f.date("date", zone),
        f.date("lastmod", zone),
        f.bool("draft").orElse(false),
        f.date("expiryDate", zone),
        f.date("publishDate", zone),
        f.string("description"),
        Map.copyOf(taxonomies),
        f.string("slug"),
        f.string("url"),
        f.strings("aliases"),
        f.integer("weight").orElse(0),
        f.string("layout"),
        f.string("summary"),
        doc.values(),
        doc,
        body,
        bodyLine);
  }

  /** Offset of the closing '---' (or '...') line, or -1. */
  private static int findClosing(String text) {
    int pos = 4;
    if (text.startsWith("---\n", 0) && text.length() >= 4 && text.startsWith("---", 4)) {
      // Empty front matter: "---\n---"
      if (text.length() == 7 || text.charAt(7) == '\n') {
        return 4;
      }
    }
    while (pos < text.length()) {
      int nl = text.indexOf('\n', pos);
      int lineEnd = nl < 0 ? text.length() : nl;
      String line = text.substring(pos, lineEnd).stripTrailing();
      if (line.equals("---") || line.equals("...")) {
        return pos;
      }
      if (nl < 0) {
        break;
      }
      pos = nl + 1;
    }
    return -1;
  }

  private static int countLines(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  /** The effective publication date: publishDate, else date. */
  public Optional<ZonedDateTime> published() {
    return publishDate.or(() -> date);
  }
}
