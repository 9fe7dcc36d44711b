package dev.edgepress.provisioner.cdn;

import dev.edgepress.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The site's CloudFront Function, run on viewer requests: an alias host (www.example.com) is
 * redirected to the canonical domain, {@code /dir/} is served from {@code /dir/index.html}, and
 * {@code /dir} is redirected to {@code /dir/}. The code is the resource {@code viewer-request.js}
 * next to this class, with the site's hosts written in.
 *
 * <p>The code is deterministic: the same hosts give the same bytes, whatever their order or case,
 * so that the provisioner can compare it with the deployed function and update only on change.
 */
public final class ViewerRequestFunction {

  /** The CloudFront Functions runtime the code is written for. */
  public static final String RUNTIME = "cloudfront-js-2.0";

  /** CloudFront's quota on the size of a function's code, in bytes. */
  public static final int MAX_CODE_BYTES = 10 * 1024;

  static final String RESOURCE = "viewer-request.js";
  static final String CANONICAL_PLACEHOLDER = "\"__CANONICAL_HOST__\"";
  static final String REDIRECTS_PLACEHOLDER = "__REDIRECT_HOSTS__";

  /** Dot-separated labels of letters, digits and inner hyphens (no underscore, no IDN in Unicode form). */
  private static final Pattern HOSTNAME =
      Pattern.compile("(?=.{1,253}\\z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

  private ViewerRequestFunction() {}

  /**
   * The function's code for a site.
   *
   * @param canonicalHost the domain the site is served on, such as {@code example.com}
   * @param redirectHosts the aliases redirected to it, such as {@code www.example.com}; may be empty
   * @return the JavaScript code, at most {@link #MAX_CODE_BYTES} bytes in UTF-8
   * @throws IllegalArgumentException when a host is not a hostname (letters, digits, dots and
   *     hyphens; compared without case and without a final dot), or when the canonical host is
   *     also a redirect host (every request to it would redirect to itself)
   * @throws IllegalStateException when the code would exceed CloudFront's size quota
   */
  public static String code(String canonicalHost, List<String> redirectHosts) {
    Objects.requireNonNull(canonicalHost, "canonicalHost");
    Objects.requireNonNull(redirectHosts, "redirectHosts");
    String canonical = hostname(canonicalHost, "canonical host");
    SortedSet<String> redirects = new TreeSet<>();
    for (String host : redirectHosts) {
      redirects.add(hostname(host, "redirect host"));
    }
    if (redirects.contains(canonical)) {
      throw new IllegalArgumentException(
          "The canonical host " + canonical + " cannot also be a redirect host: it would redirect to itself");
    }

    String template = template();
    String code =
        replaceOnce(replaceOnce(template, CANONICAL_PLACEHOLDER, Json.string(canonical)), REDIRECTS_PLACEHOLDER,
            Json.value(List.copyOf(redirects)));
    int bytes = code.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_CODE_BYTES) {
      throw new IllegalStateException("The viewer-request function would be " + bytes
          + " bytes, over CloudFront's limit of " + MAX_CODE_BYTES + "; use fewer redirect hosts (" + redirects.size()
          + " given)");
    }
    return code;
  }

  /** Lower-cased, without a final dot, and checked: the form the function compares hosts in. */
  private static String hostname(String host, String what) {
    if (host == null) {
      throw new IllegalArgumentException("The " + what + " is missing (null)");
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (!HOSTNAME.matcher(h).matches()) {
      throw new IllegalArgumentException("The " + what + " '" + printable(host)
          + "' is not a hostname: use letters, digits, dots and hyphens only, such as www.example.com"
          + " (no scheme, port, path or spaces; an internationalized name in its xn-- form)");
    }
    return h;
  }

  /** The host as given, with control characters shown as escapes so that the message stays on one line. */
  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().limit(100).forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return s.length() > 100 ? out + "..." : out.toString();
  }

  private static String template() {
    try (InputStream in = ViewerRequestFunction.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + RESOURCE + " next to " + ViewerRequestFunction.class);
      }
      // Same bytes whatever the line endings of the checkout the jar was built from.
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  private static String replaceOnce(String text, String placeholder, String value) {
    int at = text.indexOf(placeholder);
    if (at < 0 || text.indexOf(placeholder, at + 1) >= 0) {
      throw new IllegalStateException(RESOURCE + " must contain " + placeholder + " exactly once");
    }
    return text.substring(0, at) + value + text.substring(at + placeholder.length());
  }
}
