package dev.edgepress.generator.content;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.cache.BuildCache;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Reads content/: every Markdown file (front matter parsed) and every other file beside them. */
public final class ContentLoader {

  /** What content/ holds, in path order. */
  public record Content(List<SourcePage> pages, List<Resource> resources) {}

  private ContentLoader() {}

  public static Content load(Path contentDir, Path siteDir, SiteConfig config, Problems problems) {
    return load(contentDir, siteDir, config, problems, BuildCache.EMPTY, null);
  }

  /**
   * Reads content/, taking the front matter of every Markdown file whose size and modification time
   * are those in {@code previous} from there instead of parsing it again, and recording every file
   * read without problems in {@code next} (when not null). Symbolic links are followed only inside
   * {@code siteDir} ({@link SiteFiles}).
   */
  public static Content load(Path contentDir, Path siteDir, SiteConfig config, Problems problems,
      BuildCache previous, BuildCache.Writer next) {
    if (!Files.isDirectory(contentDir)) {
      problems.add(Problem.of(contentDir, "the content directory does not exist; create it and add Markdown files,"
          + " or set -Dedgepress.contentDirectory"));
      return new Content(List.of(), List.of());
    }
    // One walk gives every file with its size and time (a rebuild decides from them what to read).
    java.util.TreeMap<String, Listed> listed = new java.util.TreeMap<>();
    for (SiteFiles.Found f : SiteFiles.list(contentDir, siteDir, ContentLoader::isHidden, problems)) {
      listed.put(f.rel(), new Listed(f.file(), f.size(), f.modified()));
    }
    List<Map.Entry<String, Listed>> markdown = listed.entrySet().stream()
        .filter(e -> isMarkdown(e.getKey())).toList();
    // Front matter and UTF-8 checks run on all cores; the result keeps path order.
    List<SourcePage> pages = markdown.parallelStream()
        .map(e -> read(e.getValue().file(), e.getKey(), e.getValue().size(), e.getValue().modified(), config,
            problems, previous, next))
        .filter(Objects::nonNull)
        .toList();
    List<Resource> resources = new ArrayList<>();
    listed.forEach((rel, file) -> {
      if (!isMarkdown(rel)) {
        resources.add(Resource.ofFile(file.file(), rel, "content/" + rel));
      }
    });
    return new Content(pages, List.copyOf(resources));
  }

  private record Listed(Path file, long size, long modified) {}

  private static SourcePage read(Path file, String rel, long size, long modified, SiteConfig config,
      Problems problems, BuildCache previous, BuildCache.Writer next) {
    BuildCache.Source cached = previous.source(rel);
    if (cached != null && cached.size() == size && cached.modified() == modified && modified != -1) {
      if (cached.page() != null && cached.page().file().equals(file)) {
        if (next != null) {
          next.source(rel, cached);
        }
        return cached.page();
      }
      YamlDocument doc = YamlDocument.restore(file, cached.values(), cached.lines(), 2);
      FrontMatter front = FrontMatter.read(doc, new Body(file, cached.bodyOffset()), cached.bodyLine(), config,
          problems);
      SourcePage page = page(file, rel, front, cached.hash(), cached.frontHash());
      if (next != null) {
        next.source(rel, new BuildCache.Source(cached.size(), cached.modified(), cached.hash(), cached.frontHash(),
            cached.values(), cached.lines(), cached.bodyOffset(), cached.bodyLine(), page));
      }
      return page;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      problems.add(Problem.of(file, "cannot read the file: " + e));
      return null;
    }
    SourceText text;
    try {
      text = SourceText.decode(file, bytes);
    } catch (SourceText.Unreadable e) {
      problems.add(e.problem());
      return null;
    }
    Problems own = new Problems();
    FrontMatter front = FrontMatter.parse(text, config, own);
    own.list().forEach(problems::add);
    if (own.isEmpty() && isEmpty(rel, text, front)) {
      // A warning, not an error: a file just created (the preview builds on every save) or kept as a
      // placeholder should not stop the build. But it is not built either: a page titled after its
      // file name with nothing in it would go on the home page, in the feeds and in the sitemap.
      // Never recorded in the cache, so it is read (and warned about) again until it has text.
      problems.warn(Problem.at(file, 1, "is empty, so it is not built; write something or delete it"));
      return null;
    }
    long hash = Hash64.of(bytes);
    long frontHash = Hash64.of(text.text().substring(0, Math.min(front.body().offset(), text.text().length())));
    SourcePage page = page(file, rel, front, hash, frontHash);
    if (next != null && own.isEmpty() && BuildCache.storable(front.document().values())) {
      // A file changed in the last two seconds may change again within the file system's clock
      // tick, keeping its size and time: such a file is read again next time (its hash decides).
      long recent = System.currentTimeMillis() * 1_000_000L - 2_000_000_000L;
      next.source(rel, new BuildCache.Source(size, modified > recent ? -1 : modified, hash, frontHash,
          front.document().values(), front.document().lines(), front.body().offset(), front.bodyLine(), page));
    }
    return page;
  }

  private static SourcePage page(Path file, String rel, FrontMatter front, long hash, long frontHash) {
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
    if (name.equals("_index.md")) {
      return new SourcePage(file, rel, dir, SourcePage.Kind.INDEX, front, hash, frontHash);
    }
    // A bundle (posts/hello/index.md) belongs to the section above its folder.
    String section = dir;
    if (name.equals("index.md")) {
      section = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
    }
    return new SourcePage(file, rel, section, SourcePage.Kind.PAGE, front, hash, frontHash);
  }

  /**
   * A page with nothing to show: no text after its front matter, no title and no layout (a layout,
   * such as the contact form's, may show something of its own). A section's or the home page's
   * _index.md is never empty: the page lists the section's pages.
   */
  private static boolean isEmpty(String rel, SourceText text, FrontMatter front) {
    return !rel.equals("_index.md") && !rel.endsWith("/_index.md") && front.title().isEmpty() && front.layout().isEmpty()
        && text.text().substring(Math.min(front.body().offset(), text.text().length())).isBlank();
  }

  private static boolean isMarkdown(String rel) {
    return rel.endsWith(".md");
  }

  /** A name or folder starting with '.' or ending with '~' (editors' backups) is not content. */
  private static boolean isHidden(String rel) {
    for (int i = 0, n = rel.length(); i < n; i++) {
      char c = rel.charAt(i);
      if ((c == '.' && (i == 0 || rel.charAt(i - 1) == '/')) || (c == '~' && (i == n - 1 || rel.charAt(i + 1) == '/'))) {
        return true;
      }
    }
    return false;
  }
}
