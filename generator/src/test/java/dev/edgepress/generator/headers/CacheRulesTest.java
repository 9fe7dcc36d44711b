package dev.edgepress.generator.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.edgepress.headers.HeaderRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** site.yaml's cacheRules: read into HeaderRules before the pom's, and bad rules at their line. */
class CacheRulesTest {

  @TempDir Path dir;

  HeaderRules load(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return CacheRules.load(file);
  }

  List<String> problems(String yaml) throws IOException {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    HeaderRulesException e = catchThrowableOfType(HeaderRulesException.class, () -> CacheRules.load(file));
    assertThat(e).as("bad rules should be refused").isNotNull();
    return e.problems().stream().map(p -> p.toString().replace(file.toString(), "site.yaml")).toList();
  }

  @Test
  void cacheRulesOfSiteYamlComeFirstAndThePomsBeforeThem() throws Exception {
    HeaderRules rules = load("title: T\ncacheRules:\n"
        + "  - { glob: \"images/**\", cacheControl: \"public, max-age=86400\" }\n"
        + "  - glob: \"fonts/**\"\n    immutable: true\n");
    assertThat(rules.cacheControl("images/a/b.png")).isEqualTo("public, max-age=86400");
    assertThat(rules.cacheControl("fonts/x.woff2")).isEqualTo(HeaderRules.IMMUTABLE);
    assertThat(rules.isImmutable("fonts/x.woff2")).isTrue();
    assertThat(rules.cacheControl("index.html")).isEqualTo(HeaderRules.REVALIDATE);
    HeaderRules withPom = rules.overriddenBy(Map.of("images/**", "no-cache"));
    assertThat(withPom.cacheControl("images/a/b.png")).isEqualTo("no-cache");
    assertThat(withPom.cacheControl("fonts/x.woff2")).isEqualTo(HeaderRules.IMMUTABLE);
    assertThat(rules.withFingerprinted(Set.of("images/logo.1234567890.png")).cacheControl("images/logo.1234567890.png"))
        .as("a rule wins over the record").isEqualTo("public, max-age=86400");
    assertThat(load("title: T\n").cacheControl("images/a.png")).isEqualTo(HeaderRules.REVALIDATE);
  }

  @Test
  void eachBadRuleIsReportedAtItsLine() throws IOException {
    assertThat(problems("cacheRules: images/**\n")).containsExactly(
        "site.yaml:1: 'cacheRules' must be a list of rules, e.g. cacheRules: [ { glob: \"images/**\", cacheControl:"
            + " \"public, max-age=86400\" }, { glob: \"fonts/**\", immutable: true } ]");
    assertThat(problems("title: T\ncacheRules:\n"
        + "  - { glob: \"images/**\" }\n"
        + "  - { cacheControl: no-cache }\n"
        + "  - { glob: \"a/**\", cacheControl: \"no-cache\\nX: y\" }\n"
        + "  - { glob: \"b/**\", immutable: yes please }\n"
        + "  - { glob: \"c/**\", cacheControl: no-cache, immutable: true }\n"
        + "  - { glob: \"d/**\", cache: no-cache }\n"
        + "  - just a glob\n")).containsExactly(
        "site.yaml:3: rule 1 of 'cacheRules' needs cacheControl (e.g. \"public, max-age=86400\") or immutable: true"
            + " (for files that never change under their name)",
        "site.yaml:4: rule 2 of 'cacheRules' needs a glob, a path pattern in the site such as \"images/**\" or \"*.pdf\"",
        "site.yaml:5: 'cacheRules.2.cacheControl' must be a Cache-Control header on one line of plain ASCII, such as"
            + " \"public, max-age=86400\"",
        "site.yaml:6: 'cacheRules.3.immutable' must be true or false, not 'yes please'",
        "site.yaml:7: rule 5 of 'cacheRules' has both cacheControl and immutable: true; keep one (immutable: true means"
            + " \"public, max-age=31536000, immutable\")",
        "site.yaml:8: rule 6 of 'cacheRules' needs cacheControl (e.g. \"public, max-age=86400\") or immutable: true"
            + " (for files that never change under their name)",
        "site.yaml:8: unknown setting 'cache' in rule 6 of 'cacheRules' (known: glob, cacheControl, immutable)",
        "site.yaml:9: rule 7 of 'cacheRules' must be a mapping such as { glob: \"images/**\", cacheControl:"
            + " \"public, max-age=86400\" }");
  }
}
