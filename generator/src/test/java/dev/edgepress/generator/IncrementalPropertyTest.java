package dev.edgepress.generator;

import static dev.edgepress.generator.TestSites.read;
import static dev.edgepress.generator.TestSites.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The property the build cache must keep: after any sequence of edits, an incremental build writes
 * exactly what a clean build writes, byte for byte, and fails exactly when a clean build fails.
 * Random edits to a copy of the sample site (posts, front matter, templates, partials, static and
 * data files, site.yaml, images); each step builds incrementally and cleanly and compares. A seed
 * is printed with any failure; -Dedgepress.seed=N replays one.
 */
class IncrementalPropertyTest {

  @TempDir Path tmp;

  @Test
  void incrementalEqualsCleanAfterRandomEdits() {
    run(20261121L, 50);
    String given = System.getProperty("edgepress.seed");
    run(given != null ? Long.parseLong(given) : System.nanoTime(), 50);
  }

  private void run(long seed, int steps) {
    Path dir = tmp.resolve("seed-" + seed);
    Site s = new Site(TestSites.copySample(dir), new Random(seed), dir);
    s.footer();
    s.ageAll();
    s.check("initial build");
    for (int step = 1; step <= steps; step++) {
      s.step = step;
      String what = s.randomEdit();
      s.check("seed " + seed + ", step " + step + ": " + what);
    }
  }

  private static final class Site {
    final Path root;
    final Random random;
    final Path dir;
    final Path out;
    final Instant old = Instant.now().minusSeconds(86_400);
    int step;
    int cleanBuilds;
    /** Files as they were before this step's edit, to undo an edit that breaks the site. */
    final Map<Path, byte[]> undo = new HashMap<>();

    Site(Path root, Random random, Path dir) {
      this.root = root;
      this.random = random;
      this.dir = dir;
      this.out = root.resolve("target/site");
    }

    void check(String what) {
      String incremental = outcome(TestSites.generator(root));
      // A new folder each time: a clean build's output folder must not exist yet.
      Path clean = dir.resolve("clean-" + (++cleanBuilds));
      String expected = outcome(TestSites.generator(root).incremental(false).outputDirectory(clean));
      assertThat(incremental).as(what + ": incremental build outcome").isEqualTo(expected);
      if (expected.equals("ok")) {
        assertThat(TestSites.digest(out)).as(what + ": incremental output equals clean output")
            .isEqualTo(TestSites.digest(clean));
      } else {
        // Undo the edit that broke the site; the next build must still converge.
        undo.forEach((file, bytes) -> {
          try {
            if (bytes == null) {
              Files.deleteIfExists(file);
            } else {
              Files.createDirectories(file.getParent());
              Files.write(file, bytes);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        undo.clear();
        check(what + " (undone)");
      }
      undo.clear();
    }

    private static String outcome(Generator.Builder builder) {
      try {
        builder.build().build();
        return "ok";
      } catch (BuildException e) {
        return e.problems().toString();
      }
    }

    String randomEdit() {
      List<Path> posts = posts();
      Path post = posts.get(random.nextInt(posts.size()));
      String name = root.relativize(post).toString();
      int n = step;
      switch (random.nextInt(19)) {
        case 0:
          change(post, t -> t + "\nAnother paragraph " + n + " with a few more words.\n");
          return "append a paragraph to " + name;
        case 1:
          change(post, t -> {
            int body = t.indexOf("\n---\n", 4) + 5;
            return t.substring(0, body) + "\nIntro " + n + ".\n" + t.substring(body);
          });
          return "new first paragraph (summary) in " + name;
        case 2:
          setField(post, "title", "\"Title " + n + "\"");
          return "new title for " + name;
        case 3:
          setField(post, "date", (2024 + random.nextInt(3)) + "-0" + (1 + random.nextInt(9)) + "-1"
              + random.nextInt(10) + "T09:00:00Z");
          return "new date for " + name;
        case 4: {
          List<String> tags = new ArrayList<>(List.of("news", "aws", "howto", "performance", "tag-" + n));
          java.util.Collections.shuffle(tags, random);
          setField(post, "tags", "[" + String.join(", ", tags.subList(0, random.nextInt(4))) + "]");
          return "new tags for " + name;
        }
        case 5: {
          Path added = root.resolve("content/posts/generated-" + n + ".md");
          String link = random.nextBoolean() && !post.getFileName().toString().equals("index.md")
              ? "See [another post](" + post.getFileName() + ")." : "No links.";
          change(added, t -> "---\ntitle: \"Generated " + n + "\"\ndate: 2025-0" + (1 + random.nextInt(9))
              + "-02T10:00:00Z\ntags: [" + (random.nextBoolean() ? "news" : "generated") + "]\n---\n\nPost " + n
              + ". " + link + "\n");
          return "add " + root.relativize(added);
        }
        case 6:
          change(post, t -> null);
          return "delete " + name;
        case 7:
          setField(post, "draft", random.nextBoolean() ? "true" : "false");
          return "draft flag of " + name;
        case 8: {
          Path footer = root.resolve("templates/partials/footer.html");
          if (Files.exists(footer) && random.nextBoolean()) {
            change(footer, t -> null);
            return "delete the site's footer override";
          }
          footer();
          return "footer override that shows data, recent posts, tag counts and sections";
        }
        case 9: {
          Path template = root.resolve("templates/posts/page.html");
          if (Files.exists(template) && random.nextBoolean()) {
            change(template, t -> null);
            return "delete the posts page template";
          }
          change(template, t -> "{% extends \"base.html\" %}{% block main %}<article><h1>{{ page.title }}</h1>"
              + "<p>v" + n + " {{ page.readingTime }} min</p>{{ page.content }}"
              + "{% if next != null %}<a href=\"{{ next.url }}\">{{ next.title }}</a>{% endif %}</article>{% endblock %}");
          return "a template for posts";
        }
        case 10: {
          Path file = root.resolve("static/notes-" + random.nextInt(3) + ".txt");
          if (Files.exists(file) && random.nextBoolean()) {
            change(file, t -> null);
            return "delete " + root.relativize(file);
          }
          change(file, t -> "note " + n + "\n");
          return "static file " + root.relativize(file);
        }
        case 11:
          change(root.resolve("data/team.yaml"), t -> "- name: Author " + n + "\n  role: Writer\n");
          return "data/team.yaml";
        case 12:
          change(root.resolve("content/posts/_index.md"), t -> t + "\nMore about the blog, " + n + ".\n");
          return "posts/_index.md";
        case 13:
          change(root.resolve("site.yaml"), t -> t.replaceFirst("(?m)^title: .*$", "title: Sample " + n));
          return "site title in site.yaml";
        case 14:
          setField(post, "weight", String.valueOf(random.nextInt(3)));
          return "weight of " + name;
        case 15: {
          Path banner = root.resolve("content/posts/image-sizes/banner.png");
          Path square = root.resolve("content/posts/image-sizes/square.png");
          byte[] a = bytes(banner);
          byte[] b = bytes(square);
          undo.putIfAbsent(banner, a);
          undo.putIfAbsent(square, b);
          writeBytes(banner, b);
          writeBytes(square, a);
          return "swap the bundle's two images";
        }
        case 16:
          setField(post, "slug", "slug-" + n);
          return "new slug for " + name;
        case 17: {
          Path css = root.resolve("static/css/style.css");
          change(css, t -> "/* site css " + n + " */ body { margin: 0 }\n");
          change(root.resolve("templates/partials/header.html"), t -> "<header><link rel=\"stylesheet\" href=\""
              + "{{ asset('/css/style.css') }}\"><a href=\"{{ url('/') }}\">{{ site.title }}</a></header>\n");
          return "a site stylesheet used through asset()";
        }
        default:
          change(post, t -> t + "\nSee [the about page](" + (post.getFileName().toString().equals("index.md") ? "../../" : "../")
              + "about.md) and [a heading](#details).\n");
          return "links in " + name;
      }
    }

    /** A footer on every page that shows what many pages share: data, recent posts, tag counts, sections. */
    void footer() {
      int n = step;
      change(root.resolve("templates/partials/footer.html"), t -> "<footer>Footer " + n
          + " {% if data.team != null %}by {{ data.team[0].name }}{% endif %}"
          + " Recent: {% for p in site.pages %}{% if loop.index < 2 %}<a href=\"{{ p.url }}\">{{ p.title }}</a>"
          + "{% endif %}{% endfor %} Tags: {% for t in site.taxonomies.tags %}{{ t.name }} ({{ t.count }}) {% endfor %}"
          + " Sections: {% for s in site.sections %}{{ s.name }}: {{ s.pages | length }} {% endfor %}"
          + "</footer>\n");
    }

    List<Path> posts() {
      try (Stream<Path> walk = Files.walk(root.resolve("content/posts"))) {
        return walk.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("_index.md"))
            .sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Edits a file (null deletes it); half the time its time is set far back, as an old file has. */
    void change(Path file, java.util.function.UnaryOperator<String> edit) {
      undo.putIfAbsent(file, Files.exists(file) ? bytes(file) : null);
      String before = Files.exists(file) ? read(file) : "";
      String after = edit.apply(before);
      try {
        if (after == null) {
          Files.deleteIfExists(file);
          return;
        }
        write(file, after);
        if (random.nextBoolean()) {
          Files.setLastModifiedTime(file, FileTime.from(old.plusSeconds(step)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void setField(Path post, String field, String value) {
      change(post, t -> {
        int end = t.indexOf("\n---\n", 4);
        String front = t.substring(4, end);
        String rest = t.substring(end);
        String line = field + ": " + value;
        front = front.matches("(?s).*(^|\n)" + field + ":.*") ? front.replaceFirst("(?m)^" + field + ":.*$", line)
            : front + "\n" + line;
        return "---\n" + front + rest;
      });
    }

    void ageAll() {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          if (Files.isRegularFile(p)) {
            Files.setLastModifiedTime(p, FileTime.from(old));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static byte[] bytes(Path p) {
      try {
        return Files.readAllBytes(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void writeBytes(Path p, byte[] bytes) {
      try {
        Files.write(p, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
