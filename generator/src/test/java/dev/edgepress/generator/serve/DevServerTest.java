package dev.edgepress.generator.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.Generator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview: served like the CDN, rebuilt on every change, pages told to reload, errors shown. */
class DevServerTest {

  static final Path SAMPLE = Path.of("..", "sample-site").toAbsolutePath().normalize();

  @TempDir Path dir;
  Path site;
  DevServer server;
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  Thread reader;

  @BeforeEach
  void start() throws Exception {
    site = dir.resolve("site");
    for (String part : new String[] {"site.yaml", "content", "static", "data"}) {
      copy(SAMPLE.resolve(part), site.resolve(part));
    }
    Files.createDirectories(site.resolve("templates"));
    Generator generator = Generator.builder(site).includeDrafts(true).includeFuture(true)
        .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC)).build();
    server = DevServer.start(generator, InetAddress.getLoopbackAddress(), 0, "/",
        List.of(site.resolve("content"), site.resolve("static"), site.resolve("templates"), site.resolve("data"),
            site.resolve("site.yaml")), BuildListener.SILENT);
    HttpURLConnection sse = (HttpURLConnection) server.uri().resolve(DevServer.EVENTS).toURL().openConnection();
    sse.setReadTimeout(0);
    BufferedReader in = new BufferedReader(new InputStreamReader(sse.getInputStream(), StandardCharsets.UTF_8));
    reader = new Thread(() -> {
      try {
        String line;
        String event = null;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ") && event != null) {
            events.add(event + " " + line.substring(6));
            event = null;
          }
        }
      } catch (IOException e) {
        // closed
      }
    });
    reader.setDaemon(true);
    reader.start();
    Thread.sleep(200);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.createDirectories(t.getParent());
          Files.copy(p, t);
        }
      }
    }
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  String next() throws InterruptedException {
    String e = events.poll(20, TimeUnit.SECONDS);
    assertThat(e).as("an event within 20 s").isNotNull();
    return e;
  }

  @Test
  void servesLikeTheCdnAndInjectsTheReloadScript() throws Exception {
    HttpResponse<String> home = get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(home.headers().firstValue("Cache-Control")).contains("public, max-age=0, s-maxage=31536000, must-revalidate");
    assertThat(home.body()).contains("new EventSource('/__edgepress/events')");
    HttpResponse<String> redirect = get("/posts");
    assertThat(redirect.statusCode()).isEqualTo(301);
    assertThat(redirect.headers().firstValue("Location")).contains("/posts/");
    HttpResponse<String> missing = get("/no/such/page/");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("Page not found");
    assertThat(get("/posts/draft-ideas/").statusCode()).as("drafts are shown while serving").isEqualTo(200);
  }

  @Test
  void editAddDeleteAndTemplateChangesReloadThePages() throws Exception {
    Path post = site.resolve("content/posts/hello-world.md");
    Files.writeString(post, Files.readString(post).replace("The first post on the new site.", "An edited first post."));
    assertThat(next()).startsWith("reload");
    assertThat(get("/posts/hello-world/").body()).contains("An edited first post.");

    Files.writeString(site.resolve("content/posts/brand-new.md"), "---\ntitle: Brand new\ndate: 2025-06-01\n---\n\nFresh.\n");
    assertThat(next()).startsWith("reload");
    assertThat(get("/posts/brand-new/").statusCode()).isEqualTo(200);
    assertThat(get("/").body()).contains("Brand new");

    Files.delete(site.resolve("content/posts/brand-new.md"));
    assertThat(next()).startsWith("reload");
    assertThat(get("/posts/brand-new/").statusCode()).isEqualTo(404);

    Files.createDirectories(site.resolve("templates/partials"));
    Files.writeString(site.resolve("templates/partials/footer.html"), "<footer>Preview footer</footer>");
    assertThat(next()).startsWith("reload");
    assertThat(get("/about/").body()).contains("Preview footer");
  }

  @Test
  void aBrokenFileShowsTheProblemsAndFixingItRecovers() throws Exception {
    Path post = site.resolve("content/posts/s3-basics.md");
    String good = Files.readString(post);
    Files.writeString(post, good.replace("date: 2025-01-24T09:00:00Z", "date: [oops"));
    String problems = next();
    assertThat(problems).startsWith("problems").contains("content/posts/s3-basics.md:4:12: malformed YAML");
    assertThat(get("/posts/s3-basics/").statusCode()).as("the last good site is still served").isEqualTo(200);
    assertThat(server.problems()).contains("s3-basics.md");

    Files.writeString(post, good);
    assertThat(next()).startsWith("reload");
    assertThat(server.problems()).isNull();
  }
}
