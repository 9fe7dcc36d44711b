package dev.edgepress.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contact form as the build makes it (site.yaml {@code contact}, a page with {@code layout:
 * contact}): the default theme's form, no address in any page, and the thanks page the backend
 * sends a browser without JavaScript to.
 */
class ContactFormTest {

  @TempDir Path dir;

  static Document page(BuildResult r, String file) {
    return Jsoup.parse(TestSites.read(r.outputDirectory().resolve(file)), "https://sample.edgepress.dev/");
  }

  @Test
  void theContactLayoutShowsTheFormThatWorksWithoutJavaScript() {
    Path site = TestSites.copySample(dir);
    BuildResult r = TestSites.build(site);
    Document contact = page(r, "contact/index.html");
    Element form = contact.selectFirst("form#contact-form");
    assertThat(form).isNotNull();
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.attr("action")).isEqualTo("/api/contact");
    assertThat(form.select("input[name=name]").attr("autocomplete")).isEqualTo("name");
    assertThat(form.select("input[name=name]").attr("maxlength")).isEqualTo("100");
    assertThat(form.select("input[name=email]").attr("type")).isEqualTo("email");
    assertThat(form.select("input[name=email]").attr("autocomplete")).isEqualTo("email");
    assertThat(form.select("input[name=email]").attr("maxlength")).isEqualTo("254");
    assertThat(form.select("input[name=subject]").attr("maxlength")).isEqualTo("200");
    assertThat(form.select("input[name=subject]").hasAttr("required")).isFalse();
    assertThat(form.select("textarea[name=message]").attr("maxlength")).isEqualTo("5000");
    for (String name : new String[] {"name", "email", "message"}) {
      assertThat(form.select("[name=" + name + "]").hasAttr("required")).as(name).isTrue();
    }
    // Every visible field has a label.
    for (Element input : form.select("input:not([type=hidden]), textarea")) {
      assertThat(form.select("label[for=" + input.id() + "]")).as(input.attr("name")).hasSize(1);
    }
    Element honeypot = form.selectFirst("input[name=website]");
    assertThat(honeypot.attr("tabindex")).isEqualTo("-1");
    assertThat(honeypot.attr("autocomplete")).isEqualTo("off");
    assertThat(honeypot.parent().attr("aria-hidden")).isEqualTo("true");
    assertThat(honeypot.parent().hasClass("hp")).isTrue();
    assertThat(form.select("input[type=hidden][name=_ts]")).hasSize(1);
    assertThat(contact.selectFirst("#contact-summary").attr("role")).isEqualTo("alert");

    // The script: fingerprinted, with its integrity, deferred; nothing inline.
    Element script = contact.selectFirst("script[src]");
    assertThat(script.attr("src")).matches("/js/contact\\.[0-9a-f]{10}\\.js");
    assertThat(script.attr("integrity")).startsWith("sha384-");
    assertThat(script.hasAttr("defer")).isTrue();
    assertThat(r.outputDirectory().resolve(script.attr("src").substring(1))).isRegularFile();
    assertThat(contact.select("script:not([src]):not([type=application/ld+json])")).isEmpty();
    assertThat(contact.select("[style]")).isEmpty();
    assertThat(contact.select("style")).isEmpty();

    // Only the contact page loads the script and the form's styles.
    String about = TestSites.read(r.outputDirectory().resolve("about/index.html"));
    assertThat(about).doesNotContain("contact.").doesNotContain("<script src");
  }

  @Test
  void theAuthorsAddressIsInNoFileOfTheSite() throws IOException {
    Path site = TestSites.copySample(dir);
    String yaml = TestSites.read(site.resolve("site.yaml"));
    assertThat(yaml).contains("to: author@example.com");
    TestSites.write(site.resolve("site.yaml"), yaml.replace("to: author@example.com",
        "{ to: secret.author@example.com, from: forms@example.com, subjectPrefix: \"[Sample]\" }")
        .replace("contact:\n  {", "contact: {"));
    BuildResult r = TestSites.build(site);
    try (Stream<Path> files = Files.walk(r.outputDirectory())) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString())
          .doesNotContain("secret.author").doesNotContain("forms@example.com").doesNotContain("[Sample]");
      }
    }
    assertThat(r.outputDirectory().resolve("contact/index.html")).content().contains("<form");
  }

  @Test
  void theBuildMakesADefaultThanksPageUnlessTheSiteHasOne() {
    Path site = TestSites.copySample(dir);
    BuildResult r = TestSites.build(site);
    Document thanks = page(r, "contact/thanks/index.html");
    assertThat(thanks.select("h1").text()).isEqualTo("Thank you");
    assertThat(thanks.select("meta[name=robots]").attr("content")).isEqualTo("noindex");
    assertThat(TestSites.read(r.outputDirectory().resolve("sitemap.xml"))).doesNotContain("/contact/thanks/");

    TestSites.write(site.resolve("content/sent.md"), "---\ntitle: Sent\nurl: /contact/thanks/\n---\nMerci!\n");
    r = TestSites.build(site);
    assertThat(page(r, "contact/thanks/index.html").select("h1").text()).isEqualTo("Sent");
  }

  @Test
  void withoutContactInSiteYamlThereIsNoFormAndNoThanksPage() {
    Path site = TestSites.copySample(dir);
    String yaml = TestSites.read(site.resolve("site.yaml"));
    TestSites.write(site.resolve("site.yaml"), yaml.replace("contact:\n  to: author@example.com\n", ""));
    assertThat(TestSites.read(site.resolve("site.yaml"))).doesNotContain("contact:");
    BuildResult r = TestSites.build(site);
    Document contact = page(r, "contact/index.html");
    assertThat(contact.select("form")).isEmpty();
    assertThat(contact.select("script[src]")).isEmpty();
    assertThat(r.outputDirectory().resolve("contact/thanks/index.html")).doesNotExist();
  }

  @Test
  void anyThemeGetsTheBuiltInFormAndThanksPage() {
    Path site = TestSites.copySample(dir);
    Path theme = site.resolve("themes/bare");
    TestSites.write(theme.resolve("templates/page.html"), "<h1>{{ page.title }}</h1>");
    TestSites.write(site.resolve("site.yaml"), TestSites.read(site.resolve("site.yaml")) + "\ntheme: ./themes/bare\n");
    BuildResult r = TestSites.build(site);
    Document contact = page(r, "contact/index.html");
    assertThat(contact.select("form[method=post][action=/api/contact] textarea[name=message]")).hasSize(1);
    assertThat(page(r, "contact/thanks/index.html").select("h1").text()).isEqualTo("Thank you");
  }

  @Test
  void theFormFollowsTheBasePath() {
    Path site = TestSites.copySample(dir);
    BuildResult r = TestSites.generator(site).baseUrl("https://example.com/blog/").build().build();
    Document contact = page(r, "contact/index.html");
    assertThat(contact.selectFirst("form").attr("action")).isEqualTo("/blog/api/contact");
    assertThat(contact.selectFirst("script[src]").attr("src")).startsWith("/blog/js/contact.");
  }
}
