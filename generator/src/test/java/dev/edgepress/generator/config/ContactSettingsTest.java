package dev.edgepress.generator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.edgepress.generator.Problem;
import dev.edgepress.generator.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code contact} of site.yaml: defaults, each key, and each bad value at its line. */
class ContactSettingsTest {

  @TempDir Path dir;

  Optional<ContactSettings> load(String yaml) throws Exception {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    return ContactSettings.load(file);
  }

  List<String> problems(String yaml) throws IOException {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, yaml);
    ContactSettingsException e = catchThrowableOfType(ContactSettingsException.class, () -> ContactSettings.load(file));
    assertThat(e).as("a bad contact should be refused").isNotNull();
    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems().stream().map(Problem::toString).toList()));
    return e.problems().stream().map(p -> p.toString().replace(file.toString(), "site.yaml")).toList();
  }

  @Test
  void noFileOrNoContactKeyMeansNoForm() throws Exception {
    assertThat(ContactSettings.load(dir.resolve("missing.yaml"))).isEmpty();
    assertThat(load("title: Mine\n")).isEmpty();
    assertThat(load("")).isEmpty();
  }

  @Test
  void onlyTheAddressIsNeeded() throws Exception {
    ContactSettings c = load("title: Mine\ncontact: { to: me@example.com }\n").orElseThrow();
    assertThat(c).isEqualTo(new ContactSettings("me@example.com", Optional.empty(), "[Contact]", 3, 1.0, 5));
    assertThat(c).isEqualTo(ContactSettings.to("me@example.com"));
    assertThat(c.from("example.com")).isEqualTo("contact@example.com");
    assertThat(c.from("Blog.Example.COM")).isEqualTo("contact@blog.example.com");
  }

  @Test
  void everyKeyIsRead() throws Exception {
    ContactSettings c = load("""
        contact:
          to: ada+site@mail.example.org
          from: forms@example.com
          subjectPrefix: "[Ada's blog] "
          minFillSeconds: 0
          throttle: { rate: 0.5, burst: 2 }
        """).orElseThrow();
    assertThat(c).isEqualTo(new ContactSettings("ada+site@mail.example.org", Optional.of("forms@example.com"),
        "[Ada's blog]", 0, 0.5, 2));
    assertThat(c.from("example.net")).isEqualTo("forms@example.com");
    assertThat(load("contact:\n  to: me@example.com\n  throttle: { rate: 10 }\n").orElseThrow())
        .extracting(ContactSettings::throttleRate, ContactSettings::throttleBurst).containsExactly(10.0, 5);
  }

  @Test
  void badValuesAreAllListedWithTheirLines() throws Exception {
    assertThat(problems("""
        title: Mine
        contact:
          to: Ada <ada@example.com>
          from: forms
          subjectPrefix: [Blog]
          minFillSeconds: -1
          throttle:
            rate: 0
            burst: 2.5
            per: minute
          reply: yes
        """)).containsExactly(
        "site.yaml:3: 'contact.to' must be one plain email address such as me@example.com, with no name, no <>,"
            + " and no list: the address messages are sent to, not 'Ada <ada@example.com>'",
        "site.yaml:4: 'contact.from' must be a plain email address such as me@example.com: the sender, at a domain"
            + " you can verify with the mail service (leave it out for contact@ the site's domain), not 'forms'",
        "site.yaml:5: 'contact.subjectPrefix' must be text, not a list (e.g. contact.subjectPrefix: \"...\")",
        "site.yaml:6: 'contact.minFillSeconds' must be a whole number of seconds from 0 (no check) to 600, the least"
            + " time a person takes to fill in the form (default 3), not -1",
        "site.yaml:8: 'contact.throttle.rate' must be a number above 0, the requests a second the form's backend"
            + " lets through (e.g. 1, or 0.5 for one every two seconds), not 0",
        "site.yaml:9: 'contact.throttle.burst' must be a whole number of 1 or more, the requests the form's backend"
            + " lets through at once (e.g. 5), not 2.5",
        "site.yaml:10: unknown setting 'contact.throttle.per': 'contact.throttle' takes rate, burst"
            + " (e.g. throttle: { rate: 1, burst: 5 })",
        "site.yaml:11: unknown setting 'contact.reply': 'contact' takes to, from, subjectPrefix, minFillSeconds,"
            + " throttle (e.g. contact: { to: me@example.com, subjectPrefix: \"[Blog]\" })");
  }

  @Test
  void theAddressIsRequiredAndMustBeOne() throws Exception {
    assertThat(problems("contact:\n  subjectPrefix: Hi\n")).containsExactly(
        "site.yaml:1: 'contact' needs 'to', the address messages are sent to (it is never shown on the site),"
            + " e.g. contact: { to: me@example.com }");
    assertThat(problems("contact: me@example.com\n")).containsExactly(
        "site.yaml:1: 'contact' must be a mapping with at least the address messages go to, e.g."
            + " contact: { to: me@example.com }, not 'me@example.com'");
    assertThat(problems("contact: { to: \"a@example.com, b@example.com\" }\n")).singleElement().asString()
        .contains("must be one plain email address").contains("no list");
    assertThat(problems("contact: { to: [a@example.com] }\n")).singleElement().asString()
        .contains("'contact.to' must be an email address");
    assertThat(problems("contact: { to: \"me@example.com\\r\\nBcc: x@example.com\" }\n")).singleElement().asString()
        .contains("'contact.to' must be");
    assertThat(problems("contact: { to: me@localhost }\n")).singleElement().asString()
        .contains("must be a plain email address");
    assertThat(problems("contact: { to: \"\" }\n")).singleElement().asString().contains("is empty");
    assertThat(problems("contact:\n  to: me@example.com\n  throttle: fast\n")).containsExactly(
        "site.yaml:3: 'contact.throttle' must be a mapping such as { rate: 1, burst: 5 } (requests a second,"
            + " and at once), not 'fast'");
    assertThat(problems("contact:\n  to: me@example.com\n  subjectPrefix: \"" + "x".repeat(101) + "\"\n"))
        .singleElement().asString().contains("is 101 characters long; keep it to 100 or fewer");
  }

  @Test
  void theBuildReadsTheSameSettingsAndReportsTheSameProblems() throws IOException {
    Path file = dir.resolve("site.yaml");
    Files.writeString(file, "title: Mine\ncontact:\n  to: me@example.com\n");
    List<String> warnings = new ArrayList<>();
    Problems problems = new Problems();
    SiteConfig config = SiteConfigLoader.load(file, Optional.empty(), problems, warnings);
    assertThat(problems.isEmpty()).isTrue();
    assertThat(warnings).as("contact is a known key").isEmpty();
    assertThat(config.contact()).contains(ContactSettings.to("me@example.com"));

    Files.writeString(file, "title: Mine\ncontact:\n  to: me@example.com\n  minFillSeconds: soon\n");
    config = SiteConfigLoader.load(file, Optional.empty(), problems, warnings);
    assertThat(problems.list()).extracting(Problem::line).containsExactly(4);
    assertThat(config.contact()).as("a form with a bad setting is not built").isEmpty();
    assertThat(SiteConfigLoader.load(dir.resolve("none.yaml"), Optional.empty(), new Problems(), warnings)
        .contact()).isEmpty();
  }

  @Test
  void theRecordRefusesWhatTheBackendCouldNotUse() {
    assertThatThrownBy(() -> ContactSettings.to("not an address")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contact.to");
    assertThatThrownBy(() -> new ContactSettings("me@example.com", Optional.of("x"), "[C]", 3, 1, 5))
        .hasMessageContaining("contact.from");
    assertThatThrownBy(() -> new ContactSettings("me@example.com", Optional.empty(), "a\nBcc: b", 3, 1, 5))
        .hasMessageContaining("one line");
    assertThatThrownBy(() -> new ContactSettings("me@example.com", Optional.empty(), "[C]", -1, 1, 5))
        .hasMessageContaining("minFillSeconds");
    assertThatThrownBy(() -> new ContactSettings("me@example.com", Optional.empty(), "[C]", 3, Double.NaN, 5))
        .hasMessageContaining("rate");
    assertThatThrownBy(() -> new ContactSettings("me@example.com", Optional.empty(), "[C]", 3, 1, 0))
        .hasMessageContaining("burst");
  }
}
