package dev.edgepress.generator.links;

import dev.edgepress.generator.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Checks a built site on disk: every internal link and #anchor (as the build does), and, when asked,
 * every link to another site, at most one request at a time per host with a pause between them, each
 * with a timeout.
 */
public final class SiteCheck {

  /** A link to another site that did not answer well, with the pages that have it. */
  public record External(String url, String problem, Set<String> pages) {}

  /** @param externalPerHostDelay pause between two requests to one host */
  public record Options(boolean external, Duration timeout, Duration externalPerHostDelay, int threads) {}

  private final Path site;
  private final String siteOrigin;
  private final String basePath;

  public SiteCheck(Path site, URI baseUrl) {
    this.site = site;
    this.siteOrigin = baseUrl.getScheme() + "://" + baseUrl.getRawAuthority();
    this.basePath = baseUrl.getRawPath() == null || baseUrl.getRawPath().isEmpty() ? "/" : baseUrl.getRawPath();
  }

  /** Problems with internal links, as the build reports them. */
  public List<Problem> internal() {
    LinkIndex index = new LinkIndex(siteOrigin, basePath);
    Set<String> files = new HashSet<>();
    for (Path p : files()) {
      String rel = site.relativize(p).toString().replace('\\', '/');
      files.add(rel);
      if (rel.endsWith(".html")) {
        index.add(rel, rel, p, true, read(p));
      }
    }
    return index.check(files);
  }

  /**
   * Links to other sites, and to other paths of the site's own host, that fail: 4xx or 5xx, no
   * answer within the timeout, or no connection.
   */
  public List<External> external(Options options) {
    Map<String, Set<String>> pagesByUrl = new TreeMap<>();
    LinkIndex outside = new LinkIndex(siteOrigin, basePath);
    for (Path p : files()) {
      String rel = site.relativize(p).toString().replace('\\', '/');
      if (!rel.endsWith(".html")) {
        continue;
      }
      String page = "/" + rel.replaceFirst("index\\.html$", "");
      LinkIndex.scan(read(p), (name, value) -> {
        if (!name.equals("href") && !name.equals("src") && !name.equals("srcset")) {
          return;
        }
        // Links to other sites, and full URLs of this site's host outside its base path (the main
        // site beside a site under /blog/), which the build cannot check.
        String url = (value.startsWith("http://") || value.startsWith("https://")) && !value.startsWith(siteOrigin + "/")
            ? value.replace("&amp;", "&") : outside.outside(value);
        if (url != null) {
          pagesByUrl.computeIfAbsent(url, k -> new TreeSet<>()).add(page);
        }
      });
    }
    Map<String, List<String>> byHost = new TreeMap<>();
    for (String url : pagesByUrl.keySet()) {
      String host;
      try {
        host = URI.create(url).getHost();
      } catch (IllegalArgumentException e) {
        host = "";
      }
      byHost.computeIfAbsent(host == null ? "" : host, k -> new ArrayList<>()).add(url);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(options.timeout())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    Map<String, String> failures = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      // One worker per host at a time: hosts are checked in parallel, each host's links one by one.
      for (List<String> urls : byHost.values()) {
        futures.add(pool.submit(() -> {
          boolean first = true;
          for (String url : urls) {
            if (!first) {
              sleep(options.externalPerHostDelay());
            }
            first = false;
            String problem = check(http, url, options.timeout());
            if (problem != null) {
              failures.put(url, problem);
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("external link check interrupted", e);
    } finally {
      pool.shutdownNow();
    }
    List<External> out = new ArrayList<>();
    new TreeMap<>(failures).forEach((url, problem) ->
        out.add(new External(url, problem, Collections.unmodifiableSet(pagesByUrl.get(url)))));
    return out;
  }

  private static String check(HttpClient http, String url, Duration timeout) {
    try {
      URI uri = URI.create(url);
      HttpResponse<Void> head = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("User-Agent", "edgepress-link-check").build(),
          HttpResponse.BodyHandlers.discarding());
      int status = head.statusCode();
      if (status == 405 || status == 403 || status == 501) {
        // Some servers refuse HEAD: ask with GET before calling the link broken.
        status = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
            .header("User-Agent", "edgepress-link-check").build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      }
      return status >= 400 ? "HTTP " + status : null;
    } catch (java.net.http.HttpTimeoutException e) {
      return "no answer within " + timeout.toSeconds() + " s";
    } catch (IllegalArgumentException e) {
      return "not a valid URL";
    } catch (IOException e) {
      return "cannot connect (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Path> files() {
    try (Stream<Path> walk = Files.walk(site)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + site, e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }
}
