package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site overrides one template; a theme comes from a folder or from another jar. */
class ThemeTest {

  @TempDir Path dir;

  @Test
  void aSiteTemplateOverridesOnePartialOfTheTheme() {
    Path site = TestSites.copySample(dir);
    TestSites.write(site.resolve("templates/partials/footer.html"), "<footer class=\"mine\">My footer</footer>");
    BuildResult r = TestSites.build(site);
    String about = TestSites.read(r.outputDirectory().resolve("about/index.html"));
    assertThat(about).contains("<footer class=\"mine\">My footer</footer>").contains("<a class=\"skip\"");
  }

  @Test
  void aThemeFolderNamedInSiteYaml() {
    Path site = TestSites.copySample(dir);
    Path theme = site.resolve("themes/plain");
    TestSites.write(theme.resolve("templates/_base.html"), "<!DOCTYPE html><html lang=\"{{ site.language }}\"><title>{{ page.title }}</title>"
        + "<link rel=\"stylesheet\" href=\"{{ asset('/plain.css').url }}\"><main>{% block main %}{% endblock %}</main></html>");
    for (String kind : new String[] {"page", "home", "section", "term", "taxonomy", "404"}) {
      TestSites.write(theme.resolve("templates/" + kind + ".html"),
          "{% extends \"_base.html\" %}{% block main %}<h1 class=\"plain\">{{ page.title }}</h1>{{ page.content }}{% endblock %}");
    }
    TestSites.write(theme.resolve("static/plain.css"), "body{font-family:serif}");
    TestSites.write(site.resolve("site.yaml"), TestSites.read(site.resolve("site.yaml")) + "\ntheme: ./themes/plain\n");
    BuildResult r = TestSites.build(site);
    String about = TestSites.read(r.outputDirectory().resolve("about/index.html"));
    assertThat(about).contains("<h1 class=\"plain\">About</h1>").containsPattern("plain\\.[0-9a-f]{10}\\.css");
  }

  @Test
  void aThemeFromAnotherJarOnTheClasspath() throws Exception {
    Path jarRoot = dir.resolve("jar");
    TestSites.write(jarRoot.resolve("edgepress/themes/mono/theme.yaml"), "name: mono\n");
    TestSites.write(jarRoot.resolve("edgepress/themes/mono/templates/page.html"), "<p class=\"mono\">{{ page.title }}</p>");
    TestSites.write(jarRoot.resolve("edgepress/themes/mono/static/mono.txt"), "mono");
    Path site = TestSites.copySample(dir);
    TestSites.write(site.resolve("site.yaml"), TestSites.read(site.resolve("site.yaml")) + "\ntheme: mono\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jarRoot.toUri().toURL()}, getClass().getClassLoader())) {
      BuildResult r = TestSites.generator(site).themeClassLoader(loader).build().build();
      assertThat(TestSites.read(r.outputDirectory().resolve("about/index.html"))).isEqualTo("<p class=\"mono\">About</p>");
      assertThat(r.outputDirectory().resolve("mono.txt")).hasContent("mono");
    }
  }

  @Test
  void anUnknownThemeSaysWhereItLooked() {
    Path site = TestSites.copySample(dir);
    TestSites.write(site.resolve("site.yaml"), TestSites.read(site.resolve("site.yaml")) + "\ntheme: fancy\n");
    BuildException e = catchThrowableOfType(BuildException.class, () -> TestSites.build(site));
    assertThat(e.getMessage()).contains("theme 'fancy' not found").contains("edgepress/themes/fancy/theme.yaml")
        .contains("<dependency> of edgepress-maven-plugin");
  }
}
