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
  HttpURLConnection sse;

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
    sse = (HttpURLConnection) server.uri().resolve(DevServer.EVENTS).toURL().openConnection();
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
  void aServerStartedOnABuiltSiteServesItWithoutBuildingAndRebuildsOnAChange() throws Exception {
    // As serve starts after a build in another JVM, or on a preview found up to date.
    Path output = dir.resolve("prebuilt");
    Generator generator = Generator.builder(site).outputDirectory(output).includeDrafts(true).includeFuture(true)
        .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC)).build();
    List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
    BuildListener listener = new BuildListener() {
      @Override
      public void info(String message) {
        said.add(message);
      }

      @Override
      public void warn(String message) {
        said.add(message);
      }
    };
    Files.createDirectories(output);
    Files.writeString(output.resolve("marker.txt"), "left by the build before");
    try (DevServer built = DevServer.start(generator, InetAddress.getLoopbackAddress(), 0, "/",
        List.of(site.resolve("content")), listener, true)) {
      assertThat(said).noneMatch(m -> m.startsWith("Rebuilt"));
      HttpResponse<String> marker = http.send(HttpRequest.newBuilder(built.uri().resolve("/marker.txt")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(marker.body()).isEqualTo("left by the build before");
      Files.writeString(site.resolve("content/posts/new-one.md"), "---\ntitle: New\ndate: 2025-05-01\n---\nNew.\n");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (said.stream().noneMatch(m -> m.startsWith("Rebuilt")) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(said).anyMatch(m -> m.startsWith("Rebuilt"));
      assertThat(output.resolve("posts/new-one/index.html")).isRegularFile();
    }
  }

  @Test
  void servesLikeTheCdnAndInjectsTheReloadScript() throws Exception {
    HttpResponse<String> home = get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(home.headers().firstValue("Cache-Control")).contains("public, max-age=0, s-maxage=31536000, must-revalidate");
    assertThat(home.body()).contains("<script src=\"/__edgepress/reload.js\"></script></body>")
        .as("no inline script: script-src 'self' would block it").doesNotContain("<script>");
    HttpResponse<String> script = get(DevServer.RELOAD_JS);
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    assertThat(script.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(script.body()).contains("new EventSource('/__edgepress/events')")
        .as("the overlay is styled through the CSSOM, which style-src does not govern")
        .contains("Object.assign(d.style,").doesNotContain("cssText").doesNotContain("setAttribute('style'");
    HttpResponse<String> redirect = get("/posts");
    assertThat(redirect.statusCode()).isEqualTo(301);
    assertThat(redirect.headers().firstValue("Location")).contains("/posts/");
    HttpResponse<String> missing = get("/no/such/page/");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("Page not found");
    assertThat(get("/posts/draft-ideas/").statusCode()).as("drafts are shown while serving").isEqualTo(200);
  }

  /** What CloudFront sends, less upgrade-insecure-requests, which plain http cannot honour. */
  static final String PREVIEW_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  @Test
  void everyResponseCarriesTheSitesSecurityHeaders() throws Exception {
    String css = get("/").body().replaceAll("(?s).*href=\"(/css/style\\.[0-9a-f]+\\.css)\".*", "$1");
    for (String path : new String[] {"/", "/posts/hello-world/", css, "/favicon.svg", "/posts", "/no/such/page/",
        DevServer.RELOAD_JS}) {
      HttpResponse<String> r = get(path);
      assertThat(r.statusCode()).as(path).isIn(200, 301, 404);
      assertThat(r.headers().firstValue("Strict-Transport-Security")).as(path).contains("max-age=63072000; includeSubDomains");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("strict-origin-when-cross-origin");
      assertThat(r.headers().firstValue("Permissions-Policy")).as(path).contains(
          dev.edgepress.generator.headers.SecurityHeaders.DEFAULT_PERMISSIONS_POLICY);
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).contains(PREVIEW_CSP);
    }
    assertThat(sse.getHeaderField("Content-Security-Policy")).as("the events too").isEqualTo(PREVIEW_CSP);
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.uri().resolve("/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("X-Frame-Options")).contains("DENY");
  }

  @Test
  void aHandlerAddedForAPathAnswersItWithTheSecurityHeaders() throws Exception {
    // As edgepress:serve adds the contact form's endpoint: the generator knows nothing of the form.
    server.handle("/api/contact", ex -> {
      try (ex) {
        byte[] body = (ex.getRequestMethod() + " " + new String(ex.getRequestBody().readAllBytes(),
            StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(202, body.length);
        ex.getResponseBody().write(body);
      }
    });
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.uri().resolve("/api/contact"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"intent\":\"token\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(202);
    assertThat(post.body()).isEqualTo("POST {\"intent\":\"token\"}");
    assertThat(post.headers().firstValue("Content-Security-Policy")).contains(PREVIEW_CSP);
    assertThat(post.headers().firstValue("X-Frame-Options")).contains("DENY");
    assertThat(get("/about/").statusCode()).as("the site is still served").isEqualTo(200);
  }

  @Test
  void filesAreServedWithTheCacheRulesOfSiteYamlAndOnlyAssetCopiesAreImmutable() throws Exception {
    String css = get("/").body().replaceAll("(?s).*href=\"(/css/style\\.[0-9a-f]+\\.css)\".*", "$1");
    assertThat(get(css).headers().firstValue("Cache-Control")).as("asset()'s copy").contains(IMMUTABLE);
    assertThat(get("/images/diagram.svg").headers().firstValue("Cache-Control")).as("the sample's rule")
        .contains("public, max-age=86400");
    assertThat(get("/.edgepress/fingerprinted.txt").statusCode()).as("the build's record is not served").isEqualTo(404);

    Path config = site.resolve("site.yaml");
    Files.writeString(config, Files.readString(config).replaceAll("(?ms)^cacheRules:.*?(?=^\\S|\\z)", "")
        + "\ncacheRules:\n  - { glob: \"images/**\", cacheControl: \"public, max-age=600\" }\n");
    assertThat(next()).startsWith("reload");
    assertThat(get("/images/diagram.svg").headers().firstValue("Cache-Control")).contains("public, max-age=600");
    Files.writeString(site.resolve("static/report.20240315.pdf"), "%PDF-1.4 a dated report");
    assertThat(next()).startsWith("reload");
    assertThat(get("/report.20240315.pdf").headers().firstValue("Cache-Control")).as("a dated name is no fingerprint")
        .contains("public, max-age=0, s-maxage=31536000, must-revalidate");
    assertThat(get(css).headers().firstValue("Cache-Control")).contains(IMMUTABLE);
  }

  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  @Test
  void changedHeadersInSiteYamlAreSentAfterTheRebuild() throws Exception {
    Path config = site.resolve("site.yaml");
    Files.writeString(config, Files.readString(config).replace("frameOptions: DENY",
        "frameOptions: SAMEORIGIN\n  contentSecurityPolicy: \"default-src 'self'; img-src 'self' data:\""));
    assertThat(next()).startsWith("reload");
    HttpResponse<String> home = get("/");
    assertThat(home.headers().firstValue("X-Frame-Options")).contains("SAMEORIGIN");
    assertThat(home.headers().firstValue("Content-Security-Policy")).contains("default-src 'self'; img-src 'self' data:");

    Files.writeString(config, Files.readString(config).replace("SAMEORIGIN", "ALLOWALL"));
    assertThat(next()).startsWith("problems").contains("site.yaml:").contains("'headers.frameOptions' must be DENY or SAMEORIGIN");
    assertThat(get("/").headers().firstValue("X-Frame-Options")).as("the last good headers stay").contains("SAMEORIGIN");
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
  void aFolderLinkedIntoContentIsWatchedAllTheWayDown() throws Exception {
    // The build follows a folder link that stays in the site; so must the preview, below its top too.
    Path linked = site.resolve("notes/deep/linked.md");
    Files.createDirectories(linked.getParent());
    Files.writeString(linked, "---\ntitle: Linked\ndate: 2025-06-02\n---\n\nOld text.\n");
    Files.createSymbolicLink(site.resolve("content/notes"), Path.of("../notes"));
    assertThat(next()).startsWith("reload");
    assertThat(get("/notes/deep/linked/").body()).contains("Old text.");

    Files.writeString(linked, "---\ntitle: Linked\ndate: 2025-06-02\n---\n\nNew text.\n");
    assertThat(next()).startsWith("reload");
    assertThat(get("/notes/deep/linked/").body()).contains("New text.");
  }

  @Test
  void aBrokenFileShowsTheProblemsAndFixingItRecovers() throws Exception {
    Path post = site.resolve("content/posts/s3-basics.md");
    String good = Files.readString(post);
    Files.writeString(post, good.replace("date: 2025-01-24T09:00:00Z", "date: [oops"));
    String problems = next();
    assertThat(problems).startsWith("problems").contains("content/posts/s3-basics.md:3:7: malformed YAML");
    assertThat(get("/posts/s3-basics/").statusCode()).as("the last good site is still served").isEqualTo(200);
    assertThat(server.problems()).contains("s3-basics.md");

    Files.writeString(post, good);
    assertThat(next()).startsWith("reload");
    assertThat(server.problems()).isNull();
  }
}
