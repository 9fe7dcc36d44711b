package dev.edgepress.contact;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Web origins ({@code scheme://host[:port]}) in one spelling, so that they compare as strings: scheme and
 * host in lower case, the default port left out. Only http and https.
 */
final class Origins {

  private static final int MAX_LENGTH = 2048;

  private Origins() {}

  /**
   * The origin an {@code Origin} header or a configured site origin names: nothing but scheme, host and
   * port (a single trailing slash is tolerated). Empty when it is anything else, {@code null} included.
   */
  static Optional<String> parseOrigin(String value) {
    return parse(value).filter(u -> (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
        && u.getRawQuery() == null && u.getRawFragment() == null).flatMap(Origins::originOf);
  }

  /** The origin of a full URL, such as a {@code Referer} header's; empty when it is not an http(s) URL. */
  static Optional<String> originOfUrl(String value) {
    return parse(value).flatMap(Origins::originOf);
  }

  /** The origin of a same-origin request to {@code host} (a {@code Host} header) by the given scheme. */
  static Optional<String> originOfHost(String scheme, String host) {
    if (host == null || host.isEmpty() || host.indexOf('/') >= 0 || host.indexOf('@') >= 0) {
      return Optional.empty();
    }
    return parseOrigin(scheme + "://" + host.strip());
  }

  private static Optional<URI> parse(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || Text.hasControl(value)) {
      return Optional.empty();
    }
    try {
      URI u = new URI(value.strip());
      return u.isAbsolute() && !u.isOpaque() ? Optional.of(u) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> originOf(URI u) {
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost();
    if (!(scheme.equals("http") || scheme.equals("https")) || host == null || u.getRawUserInfo() != null) {
      return Optional.empty();
    }
    host = host.toLowerCase(Locale.ROOT);
    boolean ipv6 = host.startsWith("[");
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok = ipv6 ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.' || c == '['
          || c == ']' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '.';
      if (!ok) {
        return Optional.empty();
      }
    }
    int port = u.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return Optional.of(scheme + "://" + host + (defaultPort ? "" : ":" + port));
  }
}
