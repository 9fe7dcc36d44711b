package dev.edgepress.generator.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.edgepress.generator.BuildException;
import dev.edgepress.generator.BuildListener;
import dev.edgepress.generator.BuildResult;
import dev.edgepress.generator.Generator;
import dev.edgepress.generator.Problem;
import dev.edgepress.generator.headers.CacheRules;
import dev.edgepress.generator.headers.HeaderRulesException;
import dev.edgepress.generator.headers.SecurityHeaders;
import dev.edgepress.generator.headers.SecurityHeadersException;
import dev.edgepress.headers.HeaderRules;
import dev.edgepress.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The preview an author keeps open beside the editor: builds the site, serves it as the CDN would,
 * watches the sources, rebuilds on every change and tells open pages to reload (server-sent events).
 * A build error is shown in the page as an overlay and in the console; the server keeps running and
 * the next good build clears it. Responses carry the site's {@link SecurityHeaders} (read again
 * after each build, so a change to them in site.yaml shows at once), and the reload script is a
 * file of the server's, not an inline script, so that it passes a Content-Security-Policy with
 * {@code script-src 'self'} as the site's own pages must.
 */
public final class DevServer implements AutoCloseable {

  static final String EVENTS = "/__edgepress/events";

  static final String RELOAD_JS = "/__edgepress/reload.js";

  /** Added to every HTML page while serving, and only then: the reload script, from the server ('self'). */
  static final String SCRIPT = "<script src=\"" + RELOAD_JS + "\"></script>";

  /**
   * Reloads the page after a build; shows a failed build's problems over the page. The overlay is
   * styled property by property through the CSSOM, which style-src does not govern: a style
   * attribute would be blocked by {@code style-src 'self'}, and so may cssText (MDN says so;
   * Chromium lets it through).
   */
  static final String RELOAD_SCRIPT = "(function(){var es=new EventSource('" + EVENTS + "');\n"
      + "es.addEventListener('reload',function(){location.reload();});\n"
      + "es.addEventListener('problems',function(e){var d=document.getElementById('edgepress-problems');\n"
      + "if(!d){d=document.createElement('pre');d.id='edgepress-problems';d.setAttribute('role','alert');\n"
      + "Object.assign(d.style,{position:'fixed',inset:'0',margin:'0',padding:'2rem',zIndex:'2147483647',"
      + "overflow:'auto',background:'rgba(20,20,20,.95)',color:'#ffb4b4',font:'14px/1.5 ui-monospace,monospace',"
      + "whiteSpace:'pre-wrap'});\n"
      + "document.body.appendChild(d);}d.textContent=JSON.parse(e.data);});})();\n";

  private final Generator generator;
  private final StaticServer server;
  private final Watcher watcher;
  private final BuildListener listener;
  private final List<OutputStream> clients = new CopyOnWriteArrayList<>();
  private volatile String problems;

  private DevServer(Generator generator, StaticServer server, List<Path> watched, BuildListener listener,
      boolean built) throws IOException {
    this.generator = generator;
    this.server = server;
    this.listener = listener;
    this.siteYamlRules = server.headerRules();
    server.htmlFilter(DevServer::inject);
    server.handle(EVENTS, this::events);
    server.handle(RELOAD_JS, DevServer::reloadScript);
    if (!built) {
      rebuild();
    }
    this.watcher = new Watcher(watched, this::rebuild, listener);
  }

  /**
   * Builds, then serves and watches.
   *
   * @param watched folders and files whose changes trigger a rebuild
   */
  public static DevServer start(Generator generator, InetAddress address, int port, String basePath,
      List<Path> watched, BuildListener listener) throws IOException {
    return start(generator, address, port, basePath, watched, listener, false);
  }

  /**
   * Serves and watches; builds first unless {@code built} says the generator's output is already in
   * place, built with its settings (by a build in another JVM, or found up to date).
   */
  public static DevServer start(Generator generator, InetAddress address, int port, String basePath,
      List<Path> watched, BuildListener listener, boolean built) throws IOException {
    SecurityHeaders headers;
    try {
      headers = SecurityHeaders.load(generator.configFile());
    } catch (SecurityHeadersException e) {
      headers = SecurityHeaders.defaults(); // the first build reports the problems
    }
    StaticServer server = StaticServer.start(generator.outputDirectory(), address, port,
        cacheRules(generator, HeaderRules.defaults()), headers, basePath);
    return new DevServer(generator, server, watched, listener, built);
  }

  public URI uri() {
    return server.uri();
  }

  /**
   * Answers requests to {@code path} (a path of the server, with the base path: {@code
   * /blog/api/contact}) with {@code handler} instead of the site's files, for the parts of a site
   * that are not files in production either (the contact form's endpoint). Its responses carry the
   * security headers too.
   */
  public void handle(String path, HttpHandler handler) {
    server.handle(path, handler);
  }

  /** The problems of the last build, or null when it succeeded. */
  public String problems() {
    return problems;
  }

  synchronized void rebuild() {
    long start = System.nanoTime();
    String event;
    String data;
    try {
      BuildResult r = generator.build();
      problems = null;
      listener.info(String.format("Rebuilt in %d ms: %d of %d files rendered, the others unchanged",
          (System.nanoTime() - start) / 1_000_000, r.rendered(), r.files()));
      event = "reload";
      data = "{}";
    } catch (BuildException e) {
      problems = e.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
      e.problems().forEach(p -> listener.warn(p.toString()));
      event = "problems";
      data = Json.string("The site has " + e.problems().size() + " problem(s); fix them and save:\n\n" + problems);
    } catch (RuntimeException e) {
      problems = String.valueOf(e);
      listener.warn("Build failed: " + e);
      event = "problems";
      data = Json.string("Build failed: " + e);
    }
    // The headers change before the pages are told to reload, so the reloaded page gets the new ones.
    try {
      server.securityHeaders(SecurityHeaders.load(generator.configFile()));
    } catch (SecurityHeadersException e) {
      // The build reported the same problems; the last good headers stay.
    }
    siteYamlRules = cacheRules(generator, siteYamlRules);
    server.headerRules(siteYamlRules.overriddenBy(pomCacheRules));
    send(event, data);
  }

  private volatile HeaderRules siteYamlRules;
  private volatile Map<String, String> pomCacheRules = Map.of();

  /**
   * Cache-Control rules by glob that come before site.yaml's (the pom's {@code <cacheRules>}, as the
   * publish goal uses them), so the preview answers as the published site will.
   *
   * @throws IllegalArgumentException naming a glob that is not valid
   */
  public void cacheRulesBefore(Map<String, String> cacheControlByGlob) {
    HeaderRules rules = siteYamlRules.overriddenBy(cacheControlByGlob);
    pomCacheRules = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cacheControlByGlob));
    server.headerRules(rules);
  }

  /** site.yaml's cacheRules, as the publisher uses them; {@code otherwise} when they have problems (the build reports them). */
  private static HeaderRules cacheRules(Generator generator, HeaderRules otherwise) {
    try {
      return CacheRules.load(generator.configFile());
    } catch (HeaderRulesException e) {
      return otherwise;
    }
  }

  private static void reloadScript(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = RELOAD_SCRIPT.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", HeaderRules.contentType("reload.js"));
      ex.getResponseHeaders().add("Cache-Control", "no-store");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
  }

  private void events(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().add("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
    if (problems != null) {
      out.write(("event: problems\ndata: " + Json.string(problems) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
    out.flush();
    clients.add(out);
  }

  private void send(String event, String data) {
    byte[] bytes = ("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    for (OutputStream out : clients) {
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        clients.remove(out);
      }
    }
  }

  static byte[] inject(byte[] html) {
    String page = new String(html, StandardCharsets.UTF_8);
    int at = page.lastIndexOf("</body>");
    String out = at < 0 ? page + SCRIPT : page.substring(0, at) + SCRIPT + page.substring(at);
    return out.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    watcher.close();
    for (OutputStream out : clients) {
      try {
        out.close();
      } catch (IOException e) {
        // gone
      }
    }
    server.close();
  }
}
