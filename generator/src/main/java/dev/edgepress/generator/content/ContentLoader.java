package dev.edgepress.generator.content;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.cache.BuildCache;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/** Reads content/: every Markdown file (front matter parsed) and every other file beside them. */
public final class ContentLoader {

  /** What content/ holds, in path order. */
  public record Content(List<SourcePage> pages, List<Resource> resources) {}

  private ContentLoader() {}

  public static Content load(Path contentDir, SiteConfig config, Problems problems) {
    return load(contentDir, config, problems, BuildCache.EMPTY, null);
  }

  /**
   * Reads content/, taking the front matter of every Markdown file whose size and modification time
   * are those in {@code previous} from there instead of parsing it again, and recording every file
   * read without problems in {@code next} (when not null).
   */
  public static Content load(Path contentDir, SiteConfig config, Problems problems, BuildCache previous,
      BuildCache.Writer next) {
    if (!Files.isDirectory(contentDir)) {
      problems.add(Problem.of(contentDir, "the content directory does not exist; create it and add Markdown files,"
          + " or set -Dedgepress.contentDirectory"));
      return new Content(List.of(), List.of());
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(contentDir)) {
      // Sort on the relative path computed once per file, not once per comparison.
      files = walk.filter(Files::isRegularFile)
          .map(p -> Map.entry(slashed(contentDir.relativize(p)), p))
          .filter(e -> !isHidden(Path.of(e.getKey())))
          .sorted(Map.Entry.comparingByKey())
          .map(Map.Entry::getValue)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + contentDir, e);
    }
    List<Path> markdown = files.stream().filter(ContentLoader::isMarkdown).toList();
    // Front matter and UTF-8 checks run on all cores; the result keeps path order.
    List<SourcePage> pages = markdown.parallelStream()
        .map(p -> read(contentDir, p, config, problems, previous, next))
        .filter(Objects::nonNull)
        .toList();
    List<Resource> resources = new ArrayList<>();
    for (Path p : files) {
      if (!isMarkdown(p)) {
        String rel = slashed(contentDir.relativize(p));
        resources.add(Resource.ofFile(p, rel, "content/" + rel));
      }
    }
    return new Content(pages, List.copyOf(resources));
  }

  private static SourcePage read(Path contentDir, Path file, SiteConfig config, Problems problems,
      BuildCache previous, BuildCache.Writer next) {
    String rel = slashed(contentDir.relativize(file));
    long size;
    long modified;
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      size = attrs.size();
      modified = nanos(attrs.lastModifiedTime());
    } catch (IOException e) {
      size = -1;
      modified = -1;
    }
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

  /** A file time in nanoseconds since the epoch, as precise as the file system keeps it. */
  public static long nanos(FileTime time) {
    java.time.Instant i = time.toInstant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  private static boolean isMarkdown(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".md");
  }

  private static boolean isHidden(Path rel) {
    for (Path part : rel) {
      String s = part.toString();
      if (s.startsWith(".") || s.endsWith("~")) {
        return true;
      }
    }
    return false;
  }

  public static String slashed(Path rel) {
    return rel.toString().replace('\\', '/');
  }
}
