package dev.edgepress.headers;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which Content-Type and Cache-Control each file of the site is served with. One table, with no
 * AWS types, used by the publisher (S3 object metadata) and by the preview server, so that what an
 * author previews is what visitors get.
 *
 * <ul>
 *   <li>Content-Type from a built-in table (never the operating system's), with {@code
 *       charset=utf-8} on text types; unknown extensions are application/octet-stream.
 *   <li>Files the build fingerprinted itself with {@code asset()} (listed in the output's {@link
 *       Fingerprinted} record, never guessed from a name: {@code report.20240315.pdf} is not one)
 *       are cached by browsers and the CDN for a year: {@code public, max-age=31536000, immutable}.
 *   <li>Everything else (HTML, feeds, the sitemap, images, dated files) is kept by the CDN until
 *       invalidated and revalidated by browsers: {@code public, max-age=0, s-maxage=31536000,
 *       must-revalidate}.
 *   <li>Per-glob rules, site.yaml's {@code cacheRules} (e.g. {@code images/**} to {@code public,
 *       max-age=86400}, or {@code immutable: true} for files the author promises never change
 *       under their name), first match wins, take precedence.
 * </ul>
 *
 * <p>A file served with {@code immutable} is not invalidated when it changes: only the build's own
 * fingerprinted copies and the author's immutable globs are.
 *
 * <p>This module has no dependency but the JDK; the generator's {@code CacheRules} reads site.yaml's
 * rules (with their file:line problems) into a {@code HeaderRules}.
 */
public final class HeaderRules {

  public static final String IMMUTABLE = "public, max-age=31536000, immutable";
  public static final String REVALIDATE = "public, max-age=0, s-maxage=31536000, must-revalidate";

  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("json", "application/json; charset=utf-8"),
      Map.entry("xml", "application/xml; charset=utf-8"),
      Map.entry("svg", "image/svg+xml; charset=utf-8"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("webmanifest", "application/manifest+json; charset=utf-8"),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"),
      Map.entry("avif", "image/avif"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff", "font/woff"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("pdf", "application/pdf"),
      Map.entry("wasm", "application/wasm"));

  private record Override(String glob, PathMatcher matcher, String cacheControl) {}

  private final List<Override> overrides;
  private final Set<String> fingerprinted;

  private HeaderRules(List<Override> overrides, Set<String> fingerprinted) {
    this.overrides = List.copyOf(overrides);
    this.fingerprinted = Set.copyOf(fingerprinted);
  }

  /** No per-glob rules, and no file fingerprinted. */
  public static HeaderRules defaults() {
    return new HeaderRules(List.of(), Set.of());
  }

  /**
   * These rules for the files of a built site: its fingerprinted copies as its {@link
   * Fingerprinted} record lists them (read again on each call; none when there is no record).
   */
  public HeaderRules forSite(Path siteDir) {
    return withFingerprinted(Fingerprinted.read(siteDir));
  }

  /** These rules, with {@code paths} ('/' separated, in the site) the build's fingerprinted copies. */
  public HeaderRules withFingerprinted(Set<String> paths) {
    return new HeaderRules(overrides, paths);
  }

  /**
   * These rules with {@code cacheControlByGlob} (the pom's {@code <cacheRules>}) before them: where
   * both match a path, the pom's rule wins.
   *
   * @throws IllegalArgumentException naming a glob that is not valid
   */
  public HeaderRules overriddenBy(Map<String, String> cacheControlByGlob) {
    List<Override> list = new ArrayList<>(withOverrides(cacheControlByGlob).overrides);
    list.addAll(overrides);
    return new HeaderRules(list, fingerprinted);
  }

  /**
   * @param cacheControlByGlob glob (as in {@code FileSystem.getPathMatcher("glob:...")}, matched
   *     against the path in the site, e.g. {@code images/**}) to Cache-Control, in order
   * @throws IllegalArgumentException naming a glob that is not valid
   */
  public static HeaderRules withOverrides(Map<String, String> cacheControlByGlob) {
    List<Override> list = new ArrayList<>();
    new LinkedHashMap<>(cacheControlByGlob).forEach((glob, value) -> {
      try {
        list.add(new Override(glob, FileSystems.getDefault().getPathMatcher("glob:" + glob), value));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cache-control glob '" + glob + "' is not valid: " + e.getMessage(), e);
      }
    });
    return new HeaderRules(list, Set.of());
  }

  /** Headers for the file at {@code path} in the site ('/' separated, no leading '/'). */
  public Headers headersFor(String path) {
    return new Headers(contentType(path), cacheControl(path));
  }

  public static String contentType(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  public String cacheControl(String path) {
    if (!overrides.isEmpty()) {
      Path p = Path.of(path);
      for (Override o : overrides) {
        if (o.matcher().matches(p)) {
          return o.cacheControl();
        }
      }
    }
    return fingerprinted.contains(path) ? IMMUTABLE : REVALIDATE;
  }

  /**
   * Whether the file at {@code path} is served {@code immutable}: a copy the build fingerprinted, or
   * a file under an author's immutable rule. Such a file is never invalidated.
   */
  public boolean isImmutable(String path) {
    return isImmutableValue(cacheControl(path));
  }

  /** Whether a Cache-Control value has the {@code immutable} directive. */
  public static boolean isImmutableValue(String cacheControl) {
    for (String directive : cacheControl.split(",")) {
      if (directive.strip().equalsIgnoreCase("immutable")) {
        return true;
      }
    }
    return false;
  }
}
