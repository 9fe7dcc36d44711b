package dev.edgepress.generator.headers;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteYamlKey;
import dev.edgepress.generator.yaml.Fields;
import dev.edgepress.generator.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The security headers every response of the site carries. (Over 400 lines on purpose: each
 * header's default, its site.yaml reading and its validation belong together, and splitting them
 * would put a header's rules in two files.) This is the one place they are
 * defined: they are read from the {@code headers} key of site.yaml ({@link #read}, {@link #load}),
 * the preview server ({@code edgepress:serve}, and the sample site's browser tests) sends them with
 * every response, and the provisioner ({@code edgepress:provision}) maps them onto the site's own
 * CloudFront response headers policy, so that a page that breaks the Content-Security-Policy shows
 * it in the browser's console while it is written, not in production. Immutable; {@link
 * #builder()} starts from the {@linkplain #defaults() defaults}.
 *
 * <p>The defaults fit the default theme, which passes its policy with no violation: no inline
 * script or style, every file from the site itself.
 *
 * @param hstsMaxAgeSeconds Strict-Transport-Security max-age, 0 to 2147483647 (CloudFront takes an
 *     int); default two years
 * @param hstsIncludeSubDomains whether HSTS covers the subdomains too; default true
 * @param hstsPreload the {@code preload} flag, only when asked: it is a request to be built into
 *     browsers (hstspreload.org), hard to take back, and needs a max-age of a year or more and
 *     includeSubDomains
 * @param contentTypeOptions X-Content-Type-Options, always {@code nosniff}
 * @param frameOptions X-Frame-Options, {@code DENY} or {@code SAMEORIGIN} (the two CloudFront
 *     offers)
 * @param referrerPolicy Referrer-Policy, one of {@link #REFERRER_POLICIES}
 * @param permissionsPolicy Permissions-Policy, e.g. {@code camera=(), microphone=()}
 * @param contentSecurityPolicy Content-Security-Policy, at most {@value #MAX_CSP_LENGTH} characters
 */
public record SecurityHeaders(
    long hstsMaxAgeSeconds,
    boolean hstsIncludeSubDomains,
    boolean hstsPreload,
    String contentTypeOptions,
    String frameOptions,
    String referrerPolicy,
    String permissionsPolicy,
    String contentSecurityPolicy) {

  /** Two years, what hstspreload.org asks for. */
  public static final long DEFAULT_HSTS_MAX_AGE = 63_072_000L;

  /** The shortest max-age the browsers' HSTS preload list accepts: one year. */
  public static final long PRELOAD_MIN_MAX_AGE = 31_536_000L;

  public static final String NOSNIFF = "nosniff";

  public static final String DEFAULT_FRAME_OPTIONS = "DENY";

  public static final String DEFAULT_REFERRER_POLICY = "strict-origin-when-cross-origin";

  /**
   * Powerful features a site of articles has no use for, turned off for the page and anything it
   * embeds. Only features Chromium knows: it warns about each one it does not (Chromium 150 does
   * about {@code battery}, {@code ambient-light-sensor}, {@code document-domain}, {@code
   * bluetooth}, {@code web-share}); no {@code interest-cohort}, which only FLoC, long gone, used.
   */
  public static final String DEFAULT_PERMISSIONS_POLICY =
      "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

  /**
   * Everything from the site itself and nothing inline: {@code default-src 'self'} covers fonts,
   * media, frames, workers, the manifest and connections (the preview's reload events); scripts,
   * styles and images are named again so that loosening default-src does not loosen them and an
   * author sees where to add a source; no plugins; {@code <base>} and form targets only on the
   * site (neither falls back to default-src); no framing by any page (as X-Frame-Options DENY); and
   * an http:// URL still in a page is fetched over https. With {@code frameOptions: SAMEORIGIN}
   * and no policy of the site's own, the default has {@code frame-ancestors 'self'} instead, to
   * agree with it (browsers obey frame-ancestors over X-Frame-Options).
   */
  public static final String DEFAULT_CONTENT_SECURITY_POLICY = defaultCsp("'none'");

  /** The longest Content-Security-Policy a CloudFront response headers policy takes. */
  public static final int MAX_CSP_LENGTH = 1783;

  /** The X-Frame-Options values CloudFront's response headers policy accepts. */
  public static final List<String> FRAME_OPTIONS = List.of("DENY", "SAMEORIGIN");

  /** The Referrer-Policy values CloudFront's response headers policy accepts. */
  public static final List<String> REFERRER_POLICIES = List.of(
      "no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin",
      "strict-origin", "strict-origin-when-cross-origin", "unsafe-url");

  /**
   * Directives Chromium applies (checked in Chromium 150); it reports any other as unrecognized (a
   * typo, or one it dropped: prefetch-src, navigate-to, plugin-types, require-sri-for, webrtc).
   */
  private static final Set<String> CSP_DIRECTIVES = Set.of(
      "base-uri", "block-all-mixed-content", "child-src", "connect-src", "default-src", "fenced-frame-src",
      "font-src", "form-action", "frame-ancestors", "frame-src", "img-src", "manifest-src", "media-src",
      "object-src", "report-to", "report-uri", "require-trusted-types-for", "sandbox", "script-src",
      "script-src-attr", "script-src-elem", "style-src", "style-src-attr", "style-src-elem", "trusted-types",
      "upgrade-insecure-requests", "worker-src");

  private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7E]+");
  private static final Pattern PERMISSION =
      Pattern.compile("[a-z][a-z0-9-]*=(\\*|self|\\([^()]*\\)|\"[^\"]*\")");

  private static final String KEY = "headers";
  private static final List<String> KEYS =
      List.of("hsts", "contentSecurityPolicy", "permissionsPolicy", "frameOptions", "referrerPolicy");
  private static final List<String> HSTS_KEYS = List.of("maxAge", "includeSubDomains", "preload");

  /** @throws IllegalArgumentException saying which value is not valid and why */
  public SecurityHeaders {
    if (hstsMaxAgeSeconds < 0 || hstsMaxAgeSeconds > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("HSTS max-age must be 0 to " + Integer.MAX_VALUE + " seconds, not " + hstsMaxAgeSeconds);
    }
    if (hstsPreload && preloadProblem(hstsMaxAgeSeconds, hstsIncludeSubDomains) != null) {
      throw new IllegalArgumentException("HSTS preload " + preloadProblem(hstsMaxAgeSeconds, hstsIncludeSubDomains));
    }
    if (!NOSNIFF.equals(contentTypeOptions)) {
      throw new IllegalArgumentException("X-Content-Type-Options is always nosniff, not " + contentTypeOptions);
    }
    if (!FRAME_OPTIONS.contains(frameOptions)) {
      throw new IllegalArgumentException("X-Frame-Options must be DENY or SAMEORIGIN, not " + frameOptions);
    }
    if (!REFERRER_POLICIES.contains(referrerPolicy)) {
      throw new IllegalArgumentException("Referrer-Policy must be one of " + String.join(", ", REFERRER_POLICIES)
          + ", not " + referrerPolicy);
    }
    String p = permissionsPolicyProblem(permissionsPolicy);
    if (p != null) {
      throw new IllegalArgumentException("Permissions-Policy " + p);
    }
    p = contentSecurityPolicyProblem(contentSecurityPolicy);
    if (p != null) {
      throw new IllegalArgumentException("Content-Security-Policy " + p);
    }
  }

  /**
   * HSTS for two years with subdomains (no preload), nosniff, DENY, strict-origin-when-cross-origin,
   * {@link #DEFAULT_PERMISSIONS_POLICY} and {@link #DEFAULT_CONTENT_SECURITY_POLICY}.
   */
  public static SecurityHeaders defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The headers as a browser receives them, in a fixed order: Strict-Transport-Security,
   * X-Content-Type-Options, X-Frame-Options, Referrer-Policy, Permissions-Policy,
   * Content-Security-Policy.
   */
  public Map<String, String> asHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Strict-Transport-Security", "max-age=" + hstsMaxAgeSeconds
        + (hstsIncludeSubDomains ? "; includeSubDomains" : "") + (hstsPreload ? "; preload" : ""));
    h.put("X-Content-Type-Options", contentTypeOptions);
    h.put("X-Frame-Options", frameOptions);
    h.put("Referrer-Policy", referrerPolicy);
    h.put("Permissions-Policy", permissionsPolicy);
    h.put("Content-Security-Policy", contentSecurityPolicy);
    return Collections.unmodifiableMap(h);
  }

  /**
   * Reads only the {@code headers} of a site.yaml, without building the site: for a caller that
   * has no other access to the settings (the provision goal). A missing file gives the defaults,
   * as it does for a build.
   *
   * @throws SecurityHeadersException listing every bad value as {@code file:line: what is wrong and
   *     what to do}, when the file cannot be read, is not YAML, or has a bad {@code headers} value
   */
  public static SecurityHeaders load(Path siteYaml) throws SecurityHeadersException {
    return SiteYamlKey.read(siteYaml, defaults(), SecurityHeaders::read, SecurityHeadersException::new);
  }


  /**
   * Reads the {@code headers} key of a parsed site.yaml. Each bad value is reported to {@code
   * problems} with its line and what to do, and replaced by its default, so that one build lists
   * every problem.
   */
  public static SecurityHeaders read(YamlDocument siteYaml, Problems problems) {
    Fields f = new Fields(siteYaml, problems);
    Optional<Map<String, Object>> headers = f.mapping(KEY);
    if (headers.isEmpty()) {
      return defaults();
    }
    Builder b = builder();
    unknownKeys(siteYaml, KEY, headers.get(), KEYS, "{ hsts: { maxAge: 63072000 }, frameOptions: DENY }", problems);

    f.mapping(KEY + ".hsts").ifPresent(hsts -> {
      unknownKeys(siteYaml, KEY + ".hsts", hsts, HSTS_KEYS,
          "{ maxAge: 63072000, includeSubDomains: true, preload: false }", problems);
      String maxAgeKey = KEY + ".hsts.maxAge";
      Object age = siteYaml.get(maxAgeKey);
      if (age != null) {
        if ((age instanceof Integer || age instanceof Long) && ((Number) age).longValue() >= 0
            && ((Number) age).longValue() <= Integer.MAX_VALUE) {
          b.hstsMaxAgeSeconds(((Number) age).longValue());
        } else {
          problems.add(siteYaml.problem(maxAgeKey, "'" + maxAgeKey + "' must be a whole number of seconds from 0 to "
              + Integer.MAX_VALUE + " (63072000 is two years), not " + (age instanceof String ? "'" + age + "'" : age)));
        }
      }
      f.bool(KEY + ".hsts.includeSubDomains").ifPresent(b::hstsIncludeSubDomains);
      f.bool(KEY + ".hsts.preload").ifPresent(preload -> {
        String p = preload ? preloadProblem(b.hstsMaxAgeSeconds, b.hstsIncludeSubDomains) : null;
        if (p == null) {
          b.hstsPreload(preload);
        } else {
          problems.add(siteYaml.problem(KEY + ".hsts.preload", "'" + KEY + ".hsts.preload' " + p));
        }
      });
    });

    String frameKey = KEY + ".frameOptions";
    f.string(frameKey).ifPresent(v -> {
      String upper = v.trim().toUpperCase(Locale.ROOT);
      if (FRAME_OPTIONS.contains(upper)) {
        b.frameOptions(upper);
      } else {
        problems.add(siteYaml.problem(frameKey, "'" + frameKey + "' must be DENY or SAMEORIGIN, not '" + v + "'"
            + (upper.startsWith("ALLOW-FROM")
                ? " (ALLOW-FROM is obsolete: allow a framing site with frame-ancestors in contentSecurityPolicy)"
                : "")));
      }
    });

    String referrerKey = KEY + ".referrerPolicy";
    f.string(referrerKey).ifPresent(v -> {
      String lower = v.trim().toLowerCase(Locale.ROOT);
      if (REFERRER_POLICIES.contains(lower)) {
        b.referrerPolicy(lower);
      } else {
        problems.add(siteYaml.problem(referrerKey, "'" + referrerKey + "' must be one of "
            + String.join(", ", REFERRER_POLICIES) + " (the values CloudFront accepts), not '" + v + "'"));
      }
    });

    String permissionsKey = KEY + ".permissionsPolicy";
    f.string(permissionsKey).ifPresent(v -> {
      String p = permissionsPolicyProblem(v.trim());
      if (p == null) {
        b.permissionsPolicy(v.trim());
      } else {
        problems.add(siteYaml.problem(permissionsKey, "'" + permissionsKey + "' " + p));
      }
    });

    String cspKey = KEY + ".contentSecurityPolicy";
    f.string(cspKey).ifPresent(v -> {
      String p = contentSecurityPolicyProblem(v.trim());
      if (p == null) {
        b.contentSecurityPolicy(v.trim());
      } else {
        problems.add(siteYaml.problem(cspKey, "'" + cspKey + "' " + p));
      }
    });
    return b.build();
  }

  private static String defaultCsp(String frameAncestors) {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none';"
        + " base-uri 'self'; form-action 'self'; frame-ancestors " + frameAncestors + "; upgrade-insecure-requests";
  }

  private static void unknownKeys(YamlDocument doc, String path, Map<String, Object> map, List<String> known,
      String example, Problems problems) {
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        String child = path + "." + key;
        problems.add(Problem.at(doc.file(), doc.line(child), "unknown setting '" + child + "': '" + path
            + "' takes " + String.join(", ", known) + " (e.g. " + path.substring(path.lastIndexOf('.') + 1)
            + ": " + example + ")"));
      }
    }
  }

  private static String preloadProblem(long maxAge, boolean includeSubDomains) {
    if (maxAge < PRELOAD_MIN_MAX_AGE || !includeSubDomains) {
      return "needs maxAge of at least " + PRELOAD_MIN_MAX_AGE + " (one year) and includeSubDomains: true,"
          + " or browsers' preload list (hstspreload.org) refuses the site; set those or leave preload out";
    }
    return null;
  }

  /** What is wrong with a Content-Security-Policy value, or null when nothing is. */
  static String contentSecurityPolicyProblem(String csp) {
    String p = headerValueProblem(csp, "policy");
    if (p != null) {
      return p;
    }
    if (csp.length() > MAX_CSP_LENGTH) {
      return "is " + csp.length() + " characters long; a CloudFront response headers policy takes at most "
          + MAX_CSP_LENGTH + ": drop sources the pages do not use";
    }
    if (csp.contains(",")) {
      return "has a ',', which makes it two policies that must both pass; separate directives with ';'";
    }
    Set<String> seen = new HashSet<>();
    for (String directive : csp.split(";")) {
      String d = directive.trim();
      if (d.isEmpty()) {
        continue;
      }
      String name = d.split(" ", 2)[0].toLowerCase(Locale.ROOT);
      if (!CSP_DIRECTIVES.contains(name)) {
        return "has '" + name + "', which is not a directive browsers apply (a typo? e.g. script-src, style-src,"
            + " img-src, connect-src, font-src, frame-src, frame-ancestors, base-uri, form-action)";
      }
      if (!seen.add(name)) {
        return "has '" + name + "' twice; browsers ignore the second one: put all its sources in one";
      }
    }
    if (seen.isEmpty()) {
      return "has no directive; write directives separated by ';', e.g. \"default-src 'self'\"";
    }
    return null;
  }

  /** What is wrong with a Permissions-Policy value, or null when nothing is. */
  static String permissionsPolicyProblem(String policy) {
    String p = headerValueProblem(policy, "policy");
    if (p != null) {
      return p;
    }
    for (String item : policy.split(",")) {
      String i = item.trim();
      if (!PERMISSION.matcher(i).matches()) {
        return "has '" + i + "', which is not feature=allowlist: write e.g. camera=(), fullscreen=(self)"
            + (i.contains("'") ? " (\"camera 'none'\" is the old Feature-Policy form)" : "");
      }
    }
    return null;
  }

  private static String headerValueProblem(String value, String what) {
    if (value == null || value.isBlank()) {
      return "is empty; leave the key out to use the default " + what;
    }
    if (!HEADER_VALUE.matcher(value).matches()) {
      return "must be one line of printable ASCII characters (a long value can be written over several"
          + " lines as a folded block, '>-')";
    }
    return null;
  }

  /** Builds {@link SecurityHeaders}, starting from the defaults. */
  public static final class Builder {
    private long hstsMaxAgeSeconds = DEFAULT_HSTS_MAX_AGE;
    private boolean hstsIncludeSubDomains = true;
    private boolean hstsPreload;
    private String frameOptions = DEFAULT_FRAME_OPTIONS;
    private String referrerPolicy = DEFAULT_REFERRER_POLICY;
    private String permissionsPolicy = DEFAULT_PERMISSIONS_POLICY;
    private String contentSecurityPolicy;

    private Builder() {}

    public Builder hstsMaxAgeSeconds(long seconds) {
      this.hstsMaxAgeSeconds = seconds;
      return this;
    }

    public Builder hstsIncludeSubDomains(boolean include) {
      this.hstsIncludeSubDomains = include;
      return this;
    }

    public Builder hstsPreload(boolean preload) {
      this.hstsPreload = preload;
      return this;
    }

    /** DENY or SAMEORIGIN. */
    public Builder frameOptions(String value) {
      this.frameOptions = value;
      return this;
    }

    /** One of {@link SecurityHeaders#REFERRER_POLICIES}. */
    public Builder referrerPolicy(String value) {
      this.referrerPolicy = value;
      return this;
    }

    public Builder permissionsPolicy(String value) {
      this.permissionsPolicy = value;
      return this;
    }

    /** The whole policy; when not set, {@link #DEFAULT_CONTENT_SECURITY_POLICY} (frame-ancestors as frameOptions). */
    public Builder contentSecurityPolicy(String value) {
      this.contentSecurityPolicy = value;
      return this;
    }

    /** @throws IllegalArgumentException saying which value is not valid and why */
    public SecurityHeaders build() {
      String csp = contentSecurityPolicy != null ? contentSecurityPolicy
          : defaultCsp("SAMEORIGIN".equals(frameOptions) ? "'self'" : "'none'");
      return new SecurityHeaders(hstsMaxAgeSeconds, hstsIncludeSubDomains, hstsPreload, NOSNIFF, frameOptions,
          referrerPolicy, permissionsPolicy, csp);
    }
  }
}
