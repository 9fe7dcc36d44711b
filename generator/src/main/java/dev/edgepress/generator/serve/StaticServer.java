package dev.edgepress.generator.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.edgepress.generator.headers.SecurityHeaders;
import dev.edgepress.headers.Fingerprinted;
import dev.edgepress.headers.HeaderRules;
import dev.edgepress.headers.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Serves a built site the way the production CDN does: /dir/ serves dir/index.html, /dir redirects
 * to /dir/, an unknown path gets 404.html with status 404, and every response carries the
 * Content-Type and Cache-Control the publisher sets (the same {@link HeaderRules}, with the site's
 * {@link Fingerprinted} record read again whenever the build changed it; like the publisher, it does
 * not serve the build's own {@code .edgepress/} folder). Every response
 * (pages, files, redirects, 404s, and the paths given to {@link #handle(String,
 * com.sun.net.httpserver.HttpHandler)}) also carries the site's {@link SecurityHeaders}, the ones
 * CloudFront adds in production, so that a page that breaks the Content-Security-Policy shows it in
 * the browser while it is written. One directive is left out: {@code upgrade-insecure-requests},
 * because this server speaks plain http only, and a page viewed from another device (bound to
 * 0.0.0.0) would otherwise send every request to https and load nothing; on loopback, Chromium
 * does not upgrade anyway. Browsers ignore Strict-Transport-Security over http, so it is sent as
 * it is. Bound to loopback unless asked otherwise.
 */
public final class StaticServer implements AutoCloseable {

  private final HttpServer server;
  private final Path root;
  private volatile HeaderRules rules;
  private volatile SiteRules siteRules;
  private final String basePath;
  private volatile java.util.function.UnaryOperator<byte[]> htmlFilter = java.util.function.UnaryOperator.identity();
  private volatile SecurityHeaders securityHeaders;
  private volatile Map<String, String> sentHeaders;

  private StaticServer(HttpServer server, Path root, HeaderRules rules, SecurityHeaders securityHeaders,
      String basePath) {
    this.server = server;
    this.root = root.toAbsolutePath().normalize();
    this.rules = rules;
    this.basePath = basePath;
    securityHeaders(securityHeaders);
  }

  /**
   * @param port 0 for any free port
   * @param securityHeaders sent with every response; {@link SecurityHeaders#load(Path)} reads a
   *     site's own
   * @param basePath the base URL's path the site is served under, '/' or '/blog/'
   */
  public static StaticServer start(Path root, InetAddress address, int port, HeaderRules rules,
      SecurityHeaders securityHeaders, String basePath) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 64);
    StaticServer s = new StaticServer(http, root, rules, securityHeaders, basePath);
    http.createContext("/", s::handle);
    http.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "edgepress-serve");
      t.setDaemon(true);
      return t;
    }));
    http.start();
    return s;
  }

  /** The rules with the record they were completed with, so the record is read again only when it changed. */
  private record SiteRules(HeaderRules rules, Object recordKey, HeaderRules forSite) {}

  /** Changes the Cache-Control rules from now on (the preview, when site.yaml changed). */
  public void headerRules(HeaderRules rules) {
    this.rules = rules;
  }

  public HeaderRules headerRules() {
    return rules;
  }

  /** The rules for the site as it is now: {@link #rules} with the fingerprinted files its build recorded. */
  private HeaderRules siteRules() throws IOException {
    HeaderRules base = rules;
    Object key;
    try {
      var attrs = Files.readAttributes(root.resolve(Fingerprinted.PATH), java.nio.file.attribute.BasicFileAttributes.class);
      key = List.of(attrs.size(), attrs.lastModifiedTime(), attrs.fileKey() == null ? "" : attrs.fileKey());
    } catch (java.nio.file.NoSuchFileException e) {
      key = "none";
    }
    SiteRules cached = siteRules;
    if (cached != null && cached.rules() == base && cached.recordKey().equals(key)) {
      return cached.forSite();
    }
    HeaderRules forSite = base.forSite(root);
    siteRules = new SiteRules(base, key, forSite);
    return forSite;
  }

  /** Changes every HTML response before it is sent (the preview injects its reload script). */
  public void htmlFilter(java.util.function.UnaryOperator<byte[]> filter) {
    this.htmlFilter = filter;
  }

  /** Serves {@code path} with {@code handler} instead of files; its responses get the security headers too. */
  public void handle(String path, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(path, ex -> {
      addSecurityHeaders(ex);
      handler.handle(ex);
    });
  }

  /** Changes the security headers of the responses from now on (the preview, when site.yaml changed). */
  public void securityHeaders(SecurityHeaders headers) {
    Map<String, String> sent = new LinkedHashMap<>(headers.asHeaders());
    String csp = withoutUpgrade(sent.get("Content-Security-Policy"));
    if (csp.isEmpty()) {
      sent.remove("Content-Security-Policy");
    } else {
      sent.put("Content-Security-Policy", csp);
    }
    this.sentHeaders = java.util.Collections.unmodifiableMap(sent);
    this.securityHeaders = headers;
  }

  public SecurityHeaders securityHeaders() {
    return securityHeaders;
  }

  /** The policy without upgrade-insecure-requests, which over plain http would break the page (see above). */
  static String withoutUpgrade(String csp) {
    return Arrays.stream(csp.split(";")).map(String::trim)
        .filter(d -> !d.isEmpty() && !d.equalsIgnoreCase("upgrade-insecure-requests"))
        .collect(Collectors.joining("; "));
  }

  private void addSecurityHeaders(HttpExchange ex) {
    sentHeaders.forEach(ex.getResponseHeaders()::set);
  }

  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getHostString();
    return URI.create("http://" + host + ":" + a.getPort() + basePath);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      addSecurityHeaders(ex);
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().add("Allow", "GET, HEAD");
        ex.sendResponseHeaders(405, -1);
        return;
      }
      String raw = ex.getRequestURI().getRawPath();
      if (!raw.startsWith(basePath) && !(raw + "/").equals(basePath)) {
        notFound(ex);
        return;
      }
      String path = URLDecoder.decode(raw.substring(Math.min(raw.length(), basePath.length())), StandardCharsets.UTF_8);
      Path file = root.resolve(path).normalize();
      if (!file.startsWith(root) || Fingerprinted.isBuildOwn(root.relativize(file).toString().replace('\\', '/'))) {
        notFound(ex);
        return;
      }
      if (Files.isDirectory(file)) {
        if (!raw.endsWith("/")) {
          String query = ex.getRequestURI().getRawQuery();
          ex.getResponseHeaders().add("Location", raw + "/" + (query == null ? "" : "?" + query));
          ex.sendResponseHeaders(301, -1);
          return;
        }
        file = file.resolve("index.html");
        path = path + "index.html";
      }
      if (!Files.isRegularFile(file)) {
        notFound(ex);
        return;
      }
      send(ex, 200, path, Files.readAllBytes(file));
    }
  }

  private void notFound(HttpExchange ex) throws IOException {
    Path page = root.resolve("404.html");
    byte[] body = Files.isRegularFile(page) ? Files.readAllBytes(page) : "Not found".getBytes(StandardCharsets.UTF_8);
    send(ex, 404, "404.html", body);
  }

  private void send(HttpExchange ex, int status, String path, byte[] body) throws IOException {
    Headers h = siteRules().headersFor(path);
    if (h.contentType().startsWith("text/html")) {
      body = htmlFilter.apply(body);
    }
    ex.getResponseHeaders().add("Content-Type", h.contentType());
    ex.getResponseHeaders().add("Cache-Control", h.cacheControl());
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
