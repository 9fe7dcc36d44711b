import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The least any build of these posts with commonmark-java and Pebble does, for scripts/bench.sh to
 * time beside Edgepress and Hugo: read each Markdown file, cut off its front matter, parse and
 * render it with the extensions Edgepress uses, put it into one small Pebble template and write the
 * page, on every core. No lists, tags, feeds, sitemap, highlighting, link check or cache; none of
 * Maven. Run it in a fresh JVM with the build's JVM options: what it takes is a floor under
 * Edgepress's own part of a clean build.
 *
 * <p>Usage: java -cp CLASSPATH Floor.java CONTENT_DIR OUTPUT_DIR (or compiled, as the script does).
 */
public final class Floor {

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    Path content = Path.of(args[0]);
    Path output = Path.of(args[1]);
    List<Extension> extensions = List.of(TablesExtension.create(), StrikethroughExtension.create(),
        AutolinkExtension.create(), TaskListItemsExtension.create(), FootnotesExtension.create());
    Parser parser = Parser.builder().extensions(extensions).build();
    HtmlRenderer renderer = HtmlRenderer.builder().extensions(extensions).build();
    PebbleTemplate template = new PebbleEngine.Builder().loader(new StringLoader()).build().getTemplate(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ title }}</title></head>"
            + "<body><main><h1>{{ title }}</h1>{{ content | raw }}</main></body></html>");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(content)) {
      files = walk.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
    ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    pool.submit(() -> files.parallelStream().forEach(file -> {
      try {
        String text = Files.readString(file);
        int end = text.startsWith("---") ? text.indexOf("\n---", 3) : -1;
        String front = end < 0 ? "" : text.substring(3, end);
        String body = end < 0 ? text : text.substring(text.indexOf('\n', end + 1) + 1);
        String title = front.lines().filter(l -> l.startsWith("title:")).findFirst().orElse("title:").substring(6).trim();
        String html = renderer.render(parser.parse(body));
        StringWriter page = new StringWriter(html.length() + 256);
        template.evaluate(page, Map.of("title", title, "content", html));
        String name = content.relativize(file).toString();
        Path target = output.resolve(name.substring(0, name.length() - 3)).resolve("index.html");
        Files.createDirectories(target.getParent());
        Files.write(target, page.toString().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    })).get();
    System.out.printf("%d pages in %d ms%n", files.size(), (System.nanoTime() - start) / 1_000_000);
  }
}
