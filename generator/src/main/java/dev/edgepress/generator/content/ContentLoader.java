package dev.edgepress.generator.content;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteConfig;
import java.io.IOException;
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
        .map(p -> read(contentDir, p, config, problems))
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

  private static SourcePage read(Path contentDir, Path file, SiteConfig config, Problems problems) {
    String rel = slashed(contentDir.relativize(file));
    SourceText text;
    try {
      text = SourceText.read(file);
    } catch (SourceText.Unreadable e) {
      problems.add(e.problem());
      return null;
    }
    FrontMatter front = FrontMatter.parse(text, config, problems);
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
    if (name.equals("_index.md")) {
      return new SourcePage(file, rel, dir, SourcePage.Kind.INDEX, front);
    }
    // A bundle (posts/hello/index.md) belongs to the section above its folder.
    String section = dir;
    if (name.equals("index.md")) {
      section = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
    }
    return new SourcePage(file, rel, section, SourcePage.Kind.PAGE, front);
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
