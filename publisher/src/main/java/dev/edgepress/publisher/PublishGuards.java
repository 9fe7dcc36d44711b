package dev.edgepress.publisher;

import dev.edgepress.headers.BuildRecord;
import dev.edgepress.publisher.PublishRefusedException.Reason;
import dev.edgepress.publisher.store.RemoteObject;
import dev.edgepress.publisher.sync.LocalFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks that keep an unsafe or empty site from being published. Each throws a {@link
 * PublishRefusedException} saying what is wrong and what to do; all run before the publisher
 * uploads or deletes anything, those about the site itself before it even reads the destination.
 */
final class PublishGuards {

  /**
   * Below this many HTML pages at the destination, deleting most of them is not refused: a small
   * site may well drop two of its three pages. From this many up, deleting more than half is.
   */
  static final int PAGES_FOR_DELETE_RULE = 10;

  private PublishGuards() {}

  /**
   * Refuses a built site with no content pages.
   *
   * <p>How the publisher knows: the build's record ({@link BuildRecord}, .edgepress/build.txt) counts
   * the pages it made from Markdown files, so a site that is only its home page (content/_index.md)
   * is published and an empty one is not. Without a record (a folder built by an older version or
   * by hand) the guard reads the built HTML: from an empty content/ the build still makes the home
   * page {@code index.html} and {@code 404.html} (besides feeds, sitemap and the theme's assets), and
   * any other HTML file exists only because of content or static/, so such a site has content pages
   * when it has an HTML file other than the root's index.html and 404.html.
   */
  static void requireContentPages(Path siteDirectory, List<LocalFile> local) {
    Optional<BuildRecord> record = BuildRecord.read(siteDirectory);
    boolean hasPage = record.isPresent() ? record.get().contentPages() > 0 : local.stream().map(LocalFile::path)
        .anyMatch(p -> isPage(p) && !p.equals("index.html") && !p.equals("404.html"));
    if (!hasPage) {
      throw new PublishRefusedException(Reason.NO_CONTENT_PAGES, "Nothing to publish: " + siteDirectory
          + " has no content pages: its only HTML pages are the home page and 404.html, which a build makes even"
          + " from an empty content/ folder. Publishing it would replace the site with an empty one. Add pages"
          + " to content/ (e.g. content/about.md; a page with 'draft: true', a future date or a past expiryDate"
          + " is not built), build again, then publish. Nothing was changed.");
    }
  }

  /**
   * Refuses, for a destination other than the local folder, a site without its settings file or
   * built for a localhost address: its canonical links, feeds and sitemap would point there.
   *
   * @param siteConfig the site's settings file (site.yaml), when the caller knows it
   */
  static void requirePublicSite(Path siteDirectory, Optional<Path> siteConfig, String destination) {
    if (siteConfig.isPresent() && !Files.isRegularFile(siteConfig.get())) {
      Path file = siteConfig.get().toAbsolutePath().normalize();
      throw new PublishRefusedException(Reason.NO_SITE_CONFIG, "Refusing to publish to " + destination
          + ": there is no " + file + ", so the site was built with the default settings (baseUrl"
          + " http://localhost/, title 'My Site'). Create " + file.getFileName() + " with the site's title and"
          + " public address, for example\n  title: My Site\n  baseUrl: https://www.example.com/\nthen build"
          + " again and publish (if your settings file is elsewhere, set <configFile> or -Dedgepress.configFile)."
          + " Publishing to the local folder (no <bucket> or <domain>) needs no site.yaml. Nothing was changed.");
    }
    Optional<BuildRecord> record = BuildRecord.read(siteDirectory);
    List<SiteUrl> urls = record.isPresent()
        ? List.of(new SiteUrl(record.get().baseUrl(), "its baseUrl, as the build recorded it in " + BuildRecord.PATH))
        : siteUrls(siteDirectory);
    for (SiteUrl url : urls) {
      if (isLocalHost(url.uri().getHost())) {
        String where = siteConfig.map(f -> " in " + f.toAbsolutePath().normalize()).orElse(" in site.yaml");
        throw new PublishRefusedException(Reason.LOCAL_BASE_URL, "Refusing to publish to " + destination
            + ": the site in " + siteDirectory + " was built for " + url.uri() + " (" + url.where() + "), a local"
            + " address, so its canonical links, feeds and sitemap would send visitors and search engines to"
            + " their own machine. Set baseUrl" + where + " to the site's public address (e.g. baseUrl:"
            + " https://www.example.com/), and do not override it with -Dedgepress.baseUrl, then build again"
            + " and publish. Publishing to the local folder (no <bucket> or <domain>) allows a local"
            + " baseUrl. Nothing was changed.");
      }
    }
  }

  /**
   * Refuses, unless forced, a publish that would delete more than half of the HTML pages (objects
   * ending .html or .htm, outside {@code .edgepress/}) the destination has, when it has at least
   * {@value #PAGES_FOR_DELETE_RULE}. That is what publishing the wrong folder, a half-built site or
   * under the wrong prefix looks like. It is apart from maxDeletes, which counts every object.
   */
  static Optional<PublishRefusedException> mostPagesDeleted(Map<String, RemoteObject> remote, List<String> deletes,
      String destination, String planFile) {
    long pages = remote.keySet().stream().filter(p -> isPage(p) && !p.startsWith(".edgepress/")).count();
    long deleted = deletes.stream().filter(PublishGuards::isPage).count();
    if (pages < PAGES_FOR_DELETE_RULE || deleted * 2 <= pages) {
      return Optional.empty();
    }
    return Optional.of(new PublishRefusedException(Reason.MOST_PAGES_DELETED, "The publish would delete "
        + deleted + " of the " + pages + " HTML pages " + destination + " has, more than half; nothing was"
        + " changed. Check that the site is fully built and that the destination (bucket and prefix) is the one"
        + " you mean (" + planFile + " lists the deletions), then run again with -Dedgepress.force"
        + " (<force>true</force>) if the site really lost those pages."));
  }

  static boolean isPage(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return p.endsWith(".html") || p.endsWith(".htm");
  }

  /** localhost (and *.localhost), the IPv4 loopback 127.0.0.0/8, 0.0.0.0, and the IPv6 loopback ::1. */
  static boolean isLocalHost(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
        || h.equals("0.0.0.0") || h.equals("::1") || h.matches("(0{1,4}:){7}0{0,3}1") || h.equals("::");
  }

  /** An absolute URL the build wrote for the site itself, and where it was found. */
  record SiteUrl(URI uri, String where) {}

  private static final Pattern LINK = Pattern.compile("<link\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern CANONICAL = Pattern.compile("\\brel\\s*=\\s*[\"']?canonical\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern HREF = Pattern.compile("\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern LOC = Pattern.compile("<loc>\\s*([^<\\s]+)\\s*</loc>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ROBOTS_SITEMAP = Pattern.compile("^\\s*sitemap\\s*:\\s*(\\S+)",
      Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

  /**
   * The site's own absolute URLs, from which its baseUrl shows: the home page's canonical link, the
   * sitemap's first {@code <loc>} and robots.txt's Sitemap line (the build writes all three from
   * baseUrl). A hand-made site may have none of them; then there is nothing to check.
   */
  static List<SiteUrl> siteUrls(Path siteDirectory) {
    List<SiteUrl> urls = new ArrayList<>();
    String home = head(siteDirectory.resolve("index.html"));
    Matcher link = LINK.matcher(home);
    while (link.find()) {
      if (CANONICAL.matcher(link.group()).find()) {
        Matcher href = HREF.matcher(link.group());
        if (href.find()) {
          String value = href.group(1) != null ? href.group(1) : href.group(2) != null ? href.group(2) : href.group(3);
          uri(value).ifPresent(u -> urls.add(new SiteUrl(u, "the canonical link of index.html")));
        }
        break;
      }
    }
    Matcher loc = LOC.matcher(head(siteDirectory.resolve("sitemap.xml")));
    if (loc.find()) {
      uri(loc.group(1)).ifPresent(u -> urls.add(new SiteUrl(u, "sitemap.xml")));
    }
    Matcher robots = ROBOTS_SITEMAP.matcher(head(siteDirectory.resolve("robots.txt")));
    if (robots.find()) {
      uri(robots.group(1)).ifPresent(u -> urls.add(new SiteUrl(u, "the Sitemap line of robots.txt")));
    }
    return urls;
  }

  private static Optional<URI> uri(String value) {
    try {
      URI u = new URI(value.replace("&amp;", "&").trim());
      return u.isAbsolute() && u.getHost() != null ? Optional.of(u) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** The first 64 KiB of a file (enough for a head or a first entry), or "" when it does not exist. */
  private static String head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
