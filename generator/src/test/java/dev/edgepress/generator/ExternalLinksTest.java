package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.edgepress.generator.links.SiteCheck;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The opt-in check of links to other sites: status, timeout, one host paced. */
class ExternalLinksTest {

  @TempDir Path dir;

  @Test
  void reportsBrokenAndSlowLinksAndPacesEachHost() throws Exception {
    List<Long> times = new CopyOnWriteArrayList<>();
    HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext("/", ex -> {
      times.add(System.nanoTime());
      String path = ex.getRequestURI().getPath();
      try {
        if (path.equals("/slow")) {
          Thread.sleep(3000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int status = path.equals("/gone") ? 404 : path.equals("/nohead") && ex.getRequestMethod().equals("HEAD") ? 405 : 200;
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    other.start();
    try {
      String base = "http://127.0.0.1:" + other.getAddress().getPort();
      TestSites.write(dir.resolve("site/index.html"), "<a href=\"" + base + "/ok\">ok</a> <a href=\"" + base
          + "/gone\">gone</a> <a href=\"" + base + "/slow\">slow</a> <a href=\"" + base + "/nohead\">nohead</a>"
          + " <a href=\"https://example.com/about/\">own site</a>");
      TestSites.write(dir.resolve("site/about/index.html"), "<a href=\"" + base + "/gone\">gone again</a>");
      SiteCheck check = new SiteCheck(dir.resolve("site"), URI.create("https://example.com/"));
      List<SiteCheck.External> broken = check.external(
          new SiteCheck.Options(true, Duration.ofSeconds(1), Duration.ofMillis(200), 4));
      assertThat(broken).extracting(SiteCheck.External::url).containsExactly(base + "/gone", base + "/slow");
      assertThat(broken.get(0).problem()).isEqualTo("HTTP 404");
      assertThat(broken.get(0).pages()).containsExactly("/", "/about/");
      assertThat(broken.get(1).problem()).isEqualTo("no answer within 1 s");
      long paced = 0;
      for (int i = 1; i < times.size(); i++) {
        if (times.get(i) - times.get(i - 1) >= 180_000_000L) {
          paced++;
        }
      }
      // Four links on one host: three pauses between them (a GET after a refused HEAD follows at once).
      assertThat(paced).as("gaps of at least the per-host delay").isGreaterThanOrEqualTo(3);
    } finally {
      other.stop(0);
    }
  }

  @Test
  void underABasePathFullUrlsOfTheRestOfTheHostAreCheckedWithTheOtherSites() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    host.createContext("/", ex -> {
      asked.add(ex.getRequestURI().toString());
      ex.sendResponseHeaders(ex.getRequestURI().getPath().startsWith("/gone") ? 404 : 200, -1);
      ex.close();
    });
    host.start();
    try {
      String origin = "http://127.0.0.1:" + host.getAddress().getPort();
      // The site is at /blog/ of that host; the rest of the host is another site's.
      TestSites.write(dir.resolve("site/posts/a/index.html"), "<a href=\"" + origin + "/shop/?item=1#top\">shop</a>"
          + " <a href=\"" + origin + "/gone/\">gone</a> <img src=\"x.png\" srcset=\"x.png 1x, " + origin
          + "/gone-too.png 2x\" alt=\"\"> <a href=\"" + origin + "/\">home</a> <a href=\"../../\">the blog</a>"
          + " <a href=\"" + origin + "/blog/about/\">about</a> <a href=\"/elsewhere/\">the build's to report</a>");
      SiteCheck check = new SiteCheck(dir.resolve("site"), URI.create(origin + "/blog/"));
      List<SiteCheck.External> broken = check.external(
          new SiteCheck.Options(true, Duration.ofSeconds(2), Duration.ofMillis(10), 2));
      assertThat(broken).extracting(SiteCheck.External::url).containsExactly(origin + "/gone-too.png", origin + "/gone/");
      assertThat(broken.get(1).pages()).containsExactly("/posts/a/");
      assertThat(asked).filteredOn(u -> !u.startsWith("/gone"))
          .containsExactlyInAnyOrder("/", "/shop/?item=1");
    } finally {
      host.stop(0);
    }
  }
}
