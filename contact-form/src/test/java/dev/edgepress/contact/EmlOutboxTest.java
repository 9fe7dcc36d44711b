package dev.edgepress.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmlOutboxTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:34:56.789Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  final List<String> log = new ArrayList<>();

  EmlOutbox outbox() {
    return new EmlOutbox(dir, log::add, CLOCK);
  }

  static ContactMessage message(String subject, String body) {
    return new ContactMessage("author@example.com", "contact@example.com", "ada@example.org", subject, body);
  }

  Eml writeAndRead(ContactMessage m) throws Exception {
    outbox().send(m);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return new Eml(Files.readAllBytes(all.get(0)));
    }
  }

  @Test
  void theFileIsAnRfc5322MessageWithCrlfHeadersABlankLineAndTheBody() throws Exception {
    Eml eml = writeAndRead(message("[Contact] Ada: Hello", "Name: Ada\n\nHello\n"));

    assertThat(eml.headerCounts().keySet()).containsExactly("Date", "From", "To", "Reply-To", "Subject", "Message-ID",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding");
    assertThat(eml.headerCounts().values()).containsOnly(1);
    assertThat(eml.header("Date")).isEqualTo("Sun, 1 Mar 2026 12:34:56 +0000");
    assertThat(eml.header("From")).isEqualTo("contact@example.com");
    assertThat(eml.header("To")).isEqualTo("author@example.com");
    assertThat(eml.header("Message-ID")).matches("<[0-9a-f-]{36}@example\\.com>");
    assertThat(eml.header("MIME-Version")).isEqualTo("1.0");
    assertThat(eml.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    assertThat(eml.header("Content-Transfer-Encoding")).isEqualTo("quoted-printable");
  }

  @Test
  void replyToIsTheVisitor() throws Exception {
    assertThat(writeAndRead(message("s", "b\n")).header("Reply-To")).isEqualTo("ada@example.org");
  }

  @Test
  void anAsciiSubjectIsWrittenAsIt() throws Exception {
    Eml eml = writeAndRead(message("[Contact] Ada Lovelace: Hello", "b\n"));

    assertThat(eml.header("Subject")).isEqualTo("[Contact] Ada Lovelace: Hello");
  }

  @Test
  void aNonAsciiSubjectIsEncodedAsUtf8EncodedWords() throws Exception {
    String subject = "[Contact] Zoë Ångström: Grüße aus Köln \uD83D\uDE00 " + "é".repeat(60);

    Eml eml = writeAndRead(message(subject, "b\n"));

    assertThat(eml.header("Subject")).startsWith("=?UTF-8?B?");
    assertThat(eml.subject()).isEqualTo(subject);
    assertThat(eml.headerLines).allMatch(l -> l.length() <= 78);
  }

  @Test
  void anAsciiSubjectThatLooksEncodedIsEncoded() throws Exception {
    Eml eml = writeAndRead(message("=?UTF-8?B?SGk=?=", "b\n"));

    assertThat(eml.subject()).isEqualTo("=?UTF-8?B?SGk=?=");
  }

  @Test
  void aLongAsciiSubjectIsFoldedAtSpaces() throws Exception {
    String subject = ("word ".repeat(39) + "end").strip();

    Eml eml = writeAndRead(message(subject, "b\n"));

    assertThat(eml.headerLines).allMatch(l -> l.length() <= 78);
    assertThat(eml.subject()).isEqualTo(subject);
  }

  @Test
  void theBodyRoundTrips() throws Exception {
    String body = "Name: Zoë\nEmail: ada@example.org\nIP: 203.0.113.7\n\nLine with = sign and trailing space \n"
        + "\ttabbed\n.\nFrom the start\n" + "long ".repeat(40) + "\n" + "ü".repeat(100) + "\n\uD83D\uDE00\n\n";

    assertThat(writeAndRead(message("s", body)).body()).isEqualTo(body);
  }

  @Test
  void filesAreNamedByTimeAndCounterSoTheySortInWriteOrder() throws Exception {
    EmlOutbox outbox = outbox();
    for (int i = 0; i < 3; i++) {
      outbox.send(message("s" + i, "b" + i + "\n"));
    }

    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(names).containsExactly("20260301T123456.789Z-000001.eml", "20260301T123456.789Z-000002.eml",
        "20260301T123456.789Z-000003.eml");
    assertThat(new Eml(Files.readAllBytes(dir.resolve(names.get(2)))).subject()).isEqualTo("s2");
  }

  @Test
  void eachMessageIsLoggedInOneLineWithTheVisitorAndThePath() throws Exception {
    outbox().send(message("s", "secret text\n"));

    assertThat(log).containsExactly("Contact form: message from ada@example.org written to "
        + dir.resolve("20260301T123456.789Z-000001.eml"));
  }

  @Test
  void noTemporaryFileIsLeft() throws Exception {
    outbox().send(message("s", "b\n"));

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".eml"));
    }
  }

  @Test
  void theDirectoryIsCreatedWhenMissing() throws Exception {
    Path nested = dir.resolve("target/edgepress/outbox");

    new EmlOutbox(nested, log::add, CLOCK).send(message("s", "b\n"));

    assertThat(nested).isDirectory();
  }

  @Test
  void aDirectoryThatCannotBeWrittenIsAMailException() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

    assertThatThrownBy(() -> new EmlOutbox(file, log::add, CLOCK).send(message("s", "very private text\n")))
        .isInstanceOf(MailException.class).hasMessageContaining("not-a-directory")
        .hasMessageNotContaining("very private text").matches(e -> !((MailException) e).throttled());
  }
}
