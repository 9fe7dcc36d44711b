package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in templates: each is reported once, at the file and line that has it, however many
 * pages it breaks; a typo is an error, not an empty string.
 */
class TemplateErrorsTest {

  @TempDir Path dir;
  Path site;
  Map<String, String> before;

  @BeforeEach
  void buildGoodSiteFirst() {
    site = TestSites.copySample(dir);
    TestSites.build(site);
    before = TestSites.digest(site.resolve("target/site"));
  }

  private Problem onlyProblem() {
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e).as("the build should fail").isNotNull();
    assertThat(TestSites.digest(site.resolve("target/site"))).isEqualTo(before);
    assertThat(e.problems()).as(e.getMessage()).hasSize(1);
    return e.problems().get(0);
  }

  /** A site override of page.html whose block has {@code body} from line 4 on. */
  private void pageTemplate(String body) {
    TestSites.write(site.resolve("templates/page.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n<article>\n" + body + "\n</article>\n{% endblock %}\n");
  }

  @Test
  void anUnknownFunctionInAnOverrideIsBlamedOnTheOverrideOncePerBuild() {
    pageTemplate("<h1>{{ page.title }}</h1>\n\n\n\n\n{{ noSuchFunction(page.title) }}");
    Problem p = onlyProblem();
    assertThat(p.toString()).startsWith("templates/page.html:9: template error: Function or Macro [noSuchFunction]"
        + " does not exist.");
    assertThat(p.message()).containsPattern("on \\d\\d pages, first content/[^ ]+\\.md, reported once");
  }

  @Test
  void aMisspelledFieldIsAnErrorWithASuggestion() {
    pageTemplate("<h1>{{ page.titel }}</h1>");
    assertThat(onlyProblem().toString())
        .startsWith("templates/page.html:4: template error: page has no field [titel]; did you mean 'title'?");
  }

  @Test
  void anUnknownVariableIsAnErrorAtItsLine() {
    pageTemplate("<h1>{{ page.title }}</h1>\n{{ nosuchvar.foo }}");
    assertThat(onlyProblem().toString())
        .startsWith("templates/page.html:5: template error: there is no variable [nosuchvar]");
  }

  @Test
  void definedDefaultNullAndMissingDataKeysAreAllowed() {
    pageTemplate("<h1>{{ page.title }}</h1>{% if nosuchvar is defined %}WRONG1{% endif %}"
        + "{{ page.titel | default('t1') }}{{ other | default('d1') }}{% set img = page.params.image %}"
        + "{% if img %}WRONG2{% endif %}{% if img is null %}n1{% endif %}{{ page.params.nothing }}{{ site.params.none }}"
        + "{% if prev is null and next is null %}{% endif %}");
    TestSites.build(site);
    assertThat(TestSites.read(site.resolve("target/site/about/index.html"))).contains("t1d1n1").doesNotContain("WRONG");
  }

  @Test
  void anUnclosedTagDelimiterIsReportedWhereItOpens() {
    pageTemplate("<h1>{{ page.title }}</h1>\n\n{% endif\n<p>x</p>\n\n\n\n\n\n\n\n\n\n\n<p>y & z</p>");
    assertThat(onlyProblem().toString()).startsWith(
        "templates/page.html:6: template syntax: '{% endif' is not closed with '%}' (Pebble stopped at line 18");
  }

  @Test
  void anIfNeverClosedIsReportedWhereItOpens() {
    pageTemplate("<h1>{{ page.title }}</h1>\n{% if page.date %}\n<p>dated</p>\n\n\n");
    assertThat(onlyProblem().toString())
        .startsWith("templates/page.html:5: template syntax: '{% if %}' is never closed with '{% endif %}'");
  }
}
