package dev.edgepress.generator.headers;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which Content-Type and Cache-Control each file of the site is served with. One table, with no
 * AWS types, used by the publisher (S3 object metadata) and by the preview server, so that what an
 * author previews is what visitors get.
 *
 * <ul>
 *   <li>Content-Type from a built-in table (never the operating system's), with {@code
 *       charset=utf-8} on text types; unknown extensions are application/octet-stream.
 *   <li>Fingerprinted assets ({@code style.3f2a9c1d.css}: a dot, 8 or more hex digits, a dot) are
 *       cached by browsers and the CDN for a year: {@code public, max-age=31536000, immutable}.
 *   <li>Everything else (HTML, feeds, the sitemap, images without a fingerprint) is kept by the CDN
 *       until invalidated and revalidated by browsers: {@code public, max-age=0,
 *       s-maxage=31536000, must-revalidate}.
 *   <li>Per-glob overrides (e.g. {@code images/**} to {@code public, max-age=86400}), first match
 *       wins, take precedence.
 * </ul>
 */
public final class HeaderRules {

  public static final String IMMUTABLE = "public, max-age=31536000, immutable";
  public static final String REVALIDATE = "public, max-age=0, s-maxage=31536000, must-revalidate";

  private static final Pattern FINGERPRINTED = Pattern.compile(".*\\.[0-9a-fA-F]{8,}\\.[A-Za-z0-9]+$");

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

  private HeaderRules(List<Override> overrides) {
    this.overrides = List.copyOf(overrides);
  }

  public static HeaderRules defaults() {
    return new HeaderRules(List.of());
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
    return new HeaderRules(list);
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
    return isFingerprinted(path) ? IMMUTABLE : REVALIDATE;
  }

  /** A name like style.3f2a9c1d.css, whose content never changes under that name. */
  public static boolean isFingerprinted(String path) {
    return FINGERPRINTED.matcher(path.substring(path.lastIndexOf('/') + 1)).matches();
  }
}
