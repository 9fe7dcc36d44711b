package dev.edgepress.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content-Type and Cache-Control: the build's fingerprinted copies, per-glob rules, first match wins. */
class HeaderRulesTest {

  @TempDir Path dir;

  @Test
  void onlyTheFilesTheBuildRecordedAreImmutable() throws IOException {
    HeaderRules rules = HeaderRules.defaults();
    assertThat(rules.cacheControl("report.20240315.pdf")).isEqualTo(HeaderRules.REVALIDATE);
    assertThat(rules.cacheControl("css/style.3f2a9c1d4e.css")).as("not recorded").isEqualTo(HeaderRules.REVALIDATE);

    Files.createDirectories(dir.resolve("site/.edgepress"));
    Files.write(dir.resolve("site/" + Fingerprinted.PATH), Fingerprinted.bytes(List.of("css/style.3f2a9c1d4e.css")));
    HeaderRules site = rules.forSite(dir.resolve("site"));
    assertThat(site.cacheControl("css/style.3f2a9c1d4e.css")).isEqualTo(HeaderRules.IMMUTABLE);
    assertThat(site.isImmutable("css/style.3f2a9c1d4e.css")).isTrue();
    assertThat(site.cacheControl("report.20240315.pdf")).isEqualTo(HeaderRules.REVALIDATE);
    assertThat(site.isImmutable("report.20240315.pdf")).isFalse();
  }

  @Test
  void theFirstMatchingGlobWinsOverTheRecordAndTheDefaults() {
    Map<String, String> globs = new LinkedHashMap<>();
    globs.put("images/**", "public, max-age=86400");
    globs.put("**.png", "no-cache");
    HeaderRules rules = HeaderRules.withOverrides(globs).withFingerprinted(Set.of("images/logo.1234567890.png"));
    assertThat(rules.cacheControl("images/logo.1234567890.png")).isEqualTo("public, max-age=86400");
    assertThat(rules.cacheControl("a/b.png")).isEqualTo("no-cache");
    assertThat(rules.cacheControl("index.html")).isEqualTo(HeaderRules.REVALIDATE);
    HeaderRules withPom = rules.overriddenBy(Map.of("images/**", "no-store"));
    assertThat(withPom.cacheControl("images/a.png")).isEqualTo("no-store");
    assertThat(HeaderRules.isImmutableValue("public, Immutable")).isTrue();
    assertThatThrownBy(() -> HeaderRules.withOverrides(Map.of("a/[", "no-cache")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a/['");
  }

  @Test
  void contentTypesComeFromTheBuiltInTable() {
    assertThat(HeaderRules.defaults().headersFor("blog/index.html"))
        .isEqualTo(new Headers("text/html; charset=utf-8", HeaderRules.REVALIDATE));
    assertThat(HeaderRules.contentType("fonts/X.WOFF2")).isEqualTo("font/woff2");
    assertThat(HeaderRules.contentType("data.bin")).isEqualTo("application/octet-stream");
    assertThat(HeaderRules.contentType("README")).isEqualTo("application/octet-stream");
  }

  @Test
  void theRecordIsSortedAndOnlyItsFolderIsTheBuildsOwn() throws IOException {
    assertThat(new String(Fingerprinted.bytes(List.of("b.css", "a.js")))).isEqualTo("a.js\nb.css\n");
    assertThat(Fingerprinted.read(dir)).as("no record").isEmpty();
    assertThat(Fingerprinted.isBuildOwn(Fingerprinted.PATH)).isTrue();
    assertThat(Fingerprinted.isBuildOwn("edgepress/x.html")).isFalse();
  }
}
