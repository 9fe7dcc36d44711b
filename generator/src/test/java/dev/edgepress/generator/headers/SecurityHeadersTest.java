package dev.edgepress.generator.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.config.SiteConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code headers} of site.yaml: defaults, each key, and each bad value at its line. */
class SecurityHeadersTest {

  @TempDir Path dir;

  SecurityHeaders load(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return SecurityHeaders.load(file);
  }

  List<String> problems(String yaml) throws IOException {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    SecurityHeadersException e = catchThrowableOfType(SecurityHeadersException.class, () -> SecurityHeaders.load(file));
    assertThat(e).as("bad headers should be refused").isNotNull();
    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems().stream().map(Problem::toString).toList()));
    return e.problems().stream().map(p -> p.toString().replace(file.toString(), "site.yaml")).toList();
  }

  @Test
  void defaultsAreAsBrowsersReceiveThem() {
    SecurityHeaders d = SecurityHeaders.defaults();
    assertThat(d.hstsMaxAgeSeconds()).isEqualTo(63_072_000L);
    assertThat(d.hstsIncludeSubDomains()).isTrue();
    assertThat(d.hstsPreload()).isFalse();
    assertThat(d.asHeaders()).containsExactly(
        entry("Strict-Transport-Security", "max-age=63072000; includeSubDomains"),
        entry("X-Content-Type-Options", "nosniff"),
        entry("X-Frame-Options", "DENY"),
        entry("Referrer-Policy", "strict-origin-when-cross-origin"),
        entry("Permissions-Policy",
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"),
        entry("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self';"
                + " form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests"));
    assertThat(d.contentSecurityPolicy()).doesNotContain("unsafe");
  }

  static java.util.Map.Entry<String, String> entry(String k, String v) {
    return java.util.Map.entry(k, v);
  }

  @Test
  void noFileOrNoHeadersKeyGivesTheDefaults() throws Exception {
    assertThat(SecurityHeaders.load(dir.resolve("missing.yaml"))).isEqualTo(SecurityHeaders.defaults());
    assertThat(load("title: Mine\n")).isEqualTo(SecurityHeaders.defaults());
    assertThat(load("")).isEqualTo(SecurityHeaders.defaults());
  }

  @Test
  void everyKeyIsRead() throws Exception {
    SecurityHeaders h = load("""
        title: Mine
        headers:
          hsts: { maxAge: 31536000, includeSubDomains: true, preload: true }
          contentSecurityPolicy: "default-src 'self'; img-src 'self' data:"
          permissionsPolicy: "camera=(), fullscreen=(self)"
          frameOptions: sameorigin
          referrerPolicy: no-referrer
        """);
    assertThat(h.asHeaders()).containsExactly(
        entry("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
        entry("X-Content-Type-Options", "nosniff"),
        entry("X-Frame-Options", "SAMEORIGIN"),
        entry("Referrer-Policy", "no-referrer"),
        entry("Permissions-Policy", "camera=(), fullscreen=(self)"),
        entry("Content-Security-Policy", "default-src 'self'; img-src 'self' data:"));
  }

  @Test
  void eachKeyIsOptional() throws Exception {
    SecurityHeaders h = load("headers:\n  hsts:\n    includeSubDomains: false\n");
    assertThat(h).isEqualTo(SecurityHeaders.builder().hstsIncludeSubDomains(false).build());
    assertThat(h.asHeaders().get("Strict-Transport-Security")).isEqualTo("max-age=63072000");
    assertThat(load("headers:\n  referrerPolicy: same-origin\n").frameOptions()).isEqualTo("DENY");
  }

  @Test
  void aLongPolicyCanBeFoldedOverLines() throws Exception {
    SecurityHeaders h = load("""
        headers:
          contentSecurityPolicy: >-
            default-src 'self';
            img-src 'self' https://images.example.com
        """);
    assertThat(h.contentSecurityPolicy()).isEqualTo("default-src 'self'; img-src 'self' https://images.example.com");
  }

  @Test
  void sameOriginFramingAlsoLoosensTheDefaultPolicysFrameAncestors() throws Exception {
    // Browsers obey frame-ancestors over X-Frame-Options: the default policy follows frameOptions.
    assertThat(load("headers:\n  frameOptions: SAMEORIGIN\n").contentSecurityPolicy())
        .contains("frame-ancestors 'self';").doesNotContain("frame-ancestors 'none'");
    assertThat(load("headers:\n  frameOptions: SAMEORIGIN\n  contentSecurityPolicy: \"default-src 'self'\"\n")
        .contentSecurityPolicy()).isEqualTo("default-src 'self'");
  }

  @Test
  void badValuesAreAllListedWithTheirLines() throws Exception {
    assertThat(problems("""
        title: Mine
        headers:
          hsts:
            maxAge: -1
            includeSubDomains: maybe
          frameOptions: ALLOW-FROM https://example.com/
          referrerPolicy: strict
          permissionsPolicy: "camera 'none'; microphone 'none'"
          contentSecurityPolicy: "default-src 'self'; script-scr 'self'"
        """)).containsExactly(
        "site.yaml:4: 'headers.hsts.maxAge' must be a whole number of seconds from 0 to 2147483647"
            + " (63072000 is two years), not -1",
        "site.yaml:5: 'headers.hsts.includeSubDomains' must be true or false, not 'maybe'"
            + " (e.g. headers.hsts.includeSubDomains: true)",
        "site.yaml:6: 'headers.frameOptions' must be DENY or SAMEORIGIN, not 'ALLOW-FROM https://example.com/'"
            + " (ALLOW-FROM is obsolete: allow a framing site with frame-ancestors in contentSecurityPolicy)",
        "site.yaml:7: 'headers.referrerPolicy' must be one of no-referrer, no-referrer-when-downgrade, origin,"
            + " origin-when-cross-origin, same-origin, strict-origin, strict-origin-when-cross-origin, unsafe-url"
            + " (the values CloudFront accepts), not 'strict'",
        "site.yaml:8: 'headers.permissionsPolicy' has 'camera 'none'; microphone 'none'', which is not"
            + " feature=allowlist: write e.g. camera=(), fullscreen=(self) (\"camera 'none'\" is the old"
            + " Feature-Policy form)",
        "site.yaml:9: 'headers.contentSecurityPolicy' has 'script-scr', which is not a directive browsers apply"
            + " (a typo? e.g. script-src, style-src, img-src, connect-src, font-src, frame-src, frame-ancestors,"
            + " base-uri, form-action)");
  }

  @Test
  void wrongTypesAndUnknownKeys() throws Exception {
    assertThat(problems("headers: strict\n")).containsExactly(
        "site.yaml:1: 'headers' must be a mapping, not 'strict' (e.g. headers: { key: value })");
    assertThat(problems("headers:\n  hsts: 5\n  csp: \"default-src 'self'\"\n")).containsExactly(
        "site.yaml:2: 'headers.hsts' must be a mapping, not the number 5 (e.g. headers.hsts: { key: value })",
        "site.yaml:3: unknown setting 'headers.csp': 'headers' takes hsts, contentSecurityPolicy,"
            + " permissionsPolicy, frameOptions, referrerPolicy (e.g. headers: { hsts: { maxAge: 63072000 },"
            + " frameOptions: DENY })");
    assertThat(problems("headers:\n  hsts:\n    max-age: 10\n    maxAge: 2592000000\n")).containsExactly(
        "site.yaml:3: unknown setting 'headers.hsts.max-age': 'headers.hsts' takes maxAge, includeSubDomains,"
            + " preload (e.g. hsts: { maxAge: 63072000, includeSubDomains: true, preload: false })",
        "site.yaml:4: 'headers.hsts.maxAge' must be a whole number of seconds from 0 to 2147483647"
            + " (63072000 is two years), not 2592000000");
  }

  @Test
  void preloadNeedsAYearAndSubdomains() throws Exception {
    assertThat(problems("headers:\n  hsts: { maxAge: 86400, preload: true }\n")).containsExactly(
        "site.yaml:2: 'headers.hsts.preload' needs maxAge of at least 31536000 (one year) and includeSubDomains:"
            + " true, or browsers' preload list (hstspreload.org) refuses the site; set those or leave preload out");
    assertThat(problems("headers:\n  hsts:\n    includeSubDomains: false\n    preload: true\n"))
        .singleElement().asString().startsWith("site.yaml:4: 'headers.hsts.preload' needs");
  }

  @Test
  void policiesMustBeOneLineOfPlainTextThatCloudFrontTakes() throws Exception {
    assertThat(problems("headers:\n  contentSecurityPolicy: \"\"\n")).containsExactly(
        "site.yaml:2: 'headers.contentSecurityPolicy' is empty; leave the key out to use the default policy");
    assertThat(problems("headers:\n  contentSecurityPolicy: |\n    default-src 'self';\n    img-src 'self'\n"))
        .singleElement().asString().contains("must be one line of printable ASCII characters");
    assertThat(problems("headers:\n  contentSecurityPolicy: \"default-src 'self' https://" + "a".repeat(1800) + "\"\n"))
        .singleElement().asString()
        .contains("is 1827 characters long; a CloudFront response headers policy takes at most 1783");
    assertThat(problems("headers:\n  contentSecurityPolicy: \"img-src 'self'; img-src data:\"\n"))
        .singleElement().asString()
        .contains("has 'img-src' twice; browsers ignore the second one: put all its sources in one");
    assertThat(problems("headers:\n  contentSecurityPolicy: \"default-src 'self', img-src 'self'\"\n"))
        .singleElement().asString().contains("has a ',', which makes it two policies");
    assertThat(problems("headers:\n  permissionsPolicy: \"camera=(); microphone=()\"\n"))
        .singleElement().asString().contains("has 'camera=(); microphone=()', which is not feature=allowlist");
  }

  @Test
  void malformedYamlIsReportedWithItsLine() throws IOException {
    assertThat(problems("title: Mine\nheaders:\n  frameOptions: [DENY\n")).singleElement().asString()
        .startsWith("site.yaml:3").contains("malformed YAML").contains("that opens here; the parser stopped at line 4");
  }

  @Test
  void theBuildReadsTheSameHeadersAndReportsTheSameProblems() throws IOException {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, "title: Mine\nheaders:\n  frameOptions: SAMEORIGIN\n");
    List<String> warnings = new ArrayList<>();
    Problems problems = new Problems();
    SiteConfig config = SiteConfigLoader.load(file, Optional.empty(), problems, warnings);
    assertThat(problems.isEmpty()).isTrue();
    assertThat(warnings).as("headers is a known key").isEmpty();
    assertThat(config.securityHeaders().frameOptions()).isEqualTo("SAMEORIGIN");

    Files.writeString(file, "title: Mine\nheaders:\n  frameOptions: NEVER\n");
    SiteConfigLoader.load(file, Optional.empty(), problems, warnings);
    assertThat(problems.list()).extracting(Problem::line).containsExactly(3);
    assertThat(SiteConfigLoader.load(dir.resolve("none.yaml"), Optional.empty(), new Problems(), warnings)
        .securityHeaders()).isEqualTo(SecurityHeaders.defaults());
  }

  @Test
  void theRecordRefusesValuesCloudFrontWouldRefuse() {
    assertThatThrownBy(() -> SecurityHeaders.builder().frameOptions("ALLOWALL").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DENY or SAMEORIGIN");
    assertThatThrownBy(() -> SecurityHeaders.builder().hstsPreload(true).hstsMaxAgeSeconds(60).build())
        .hasMessageContaining("hstspreload.org");
    assertThatThrownBy(() -> SecurityHeaders.builder().hstsMaxAgeSeconds(1L + Integer.MAX_VALUE).build())
        .hasMessageContaining("0 to 2147483647");
    assertThatThrownBy(() -> new SecurityHeaders(1, true, false, "sniff", "DENY", "no-referrer", "camera=()",
        "default-src 'self'")).hasMessageContaining("nosniff");
    assertThatThrownBy(() -> SecurityHeaders.builder().contentSecurityPolicy("default-src 'self'\r\nX: y").build())
        .hasMessageContaining("one line of printable ASCII");
  }
}
