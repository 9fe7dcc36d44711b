package dev.edgepress.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input, generated from a fixed seed: random bytes, random Content-Types and headers, and forms
 * and JSON whose values mix line breaks, every kind of control character, separators, bidi overrides,
 * emoji, huge strings and injection attempts. Whatever comes in, the handler answers below 500 without
 * throwing, and no header field of a message (nor a header line of its .eml file) carries anything
 * injected.
 */
class ContactHandlerFuzzTest {

  static final long SEED = 20260301L;
  static final int ITERATIONS = 20_000;

  static final String[] NAMES = {"Ada", "Zoë Ångström", "李小龙", "Ada\r\nBcc: eve@example.net", "Ada\nTo: x@example.net",
      "Ada\rCc: x", "\u202eevil", "Ada\u2028Bcc: x", "=?UTF-8?B?SGk=?=", "<script>", " ", "", "\t\u0000\u0085"};
  static final String[] EMAILS = {"ada@example.org", "ada@example.org\r\nBcc: eve@example.net", "ada@example.org\n",
      "eve@example.net, x@example.net", "Ada <ada@example.org>", "ada", "o'brien@example.ie", "a+b@mail.example.co.uk",
      "\"x\"@example.org", "ada@example.org\u0000", "ada@ex\u00e4mple.org", ""};
  static final String[] CONTENT_TYPES = {"application/x-www-form-urlencoded", "application/json",
      "application/json; charset=utf-8", "text/plain", "multipart/form-data; boundary=--x", "application/json\r\nX: y",
      "", "application/x-www-form-urlencoded; charset=\"UTF-8\"", "application/x-www-form-urlencoded;charset=latin1"};
  static final String[] ORIGINS = {Fixtures.SITE, Fixtures.SITE, Fixtures.SITE, "https://evil.example", "null", "",
      "https://example.com\r\n", "http://[::1]:8080", "https://example.com:99999", "%%%"};
  static final int[] SPECIAL = {'\r', '\n', '\t', 0, 0x0B, 0x0C, 0x1B, 0x7F, 0x80, 0x85, 0x9F, 0x2028, 0x2029,
      0x202E, 0x2066, 0x200E, 0xFEFF, 0x1F600, 0x10FFFF, '"', '\\', '<', '>', '&', '=', '%', '+', ':', ';', ',', '@',
      '?', ' ', 0xA0, 0x3000, 0x4E2D, 0xE9};

  @Test
  void randomRequestsNeverFailNorPutAControlCharacterIntoAHeader() {
    Fixtures f = new Fixtures();
    ContactHandler handler = f.handler();
    Random random = new Random(SEED);

    for (int i = 0; i < ITERATIONS; i++) {
      ContactRequest request = randomRequest(random, f);
      ContactResponse response;
      try {
        response = handler.handle(request);
      } catch (Throwable t) {
        throw new AssertionError("iteration " + i + " threw", t);
      }
      if (response.status() >= 500) {
        fail("iteration " + i + " answered " + response.status() + "; log: " + f.log);
      }
      response.headers().forEach((name, value) -> assertHeaderSafe("response header " + name, value));
    }

    assertThat(f.mailer.sent).as("enough messages got through to test them").hasSizeGreaterThan(ITERATIONS / 20);
    for (ContactMessage m : f.mailer.sent) {
      assertHeaderSafe("to", m.to());
      assertHeaderSafe("from", m.from());
      assertHeaderSafe("replyTo", m.replyTo());
      assertHeaderSafe("subject", m.subject());
      assertThat(m.to()).isEqualTo(Fixtures.TO);
      assertThat(m.from()).isEqualTo(Fixtures.FROM);
      assertThat(EmailAddress.isValid(m.replyTo())).isTrue();
    }
    assertThat(f.log).allSatisfy(line -> assertHeaderSafe("log line", line));
  }

  @Test
  void acceptedMessagesWrittenAsEmlFilesHaveNoInjectedHeaderLine(@TempDir Path dir) throws Exception {
    Fixtures f = new Fixtures();
    EmlOutbox outbox = new EmlOutbox(dir, line -> {}, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    List<ContactMessage> written = new ArrayList<>();
    ContactHandler handler = new ContactHandler(f.config, m -> {
      outbox.send(m);
      written.add(m);
    }, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC), f.log::add);
    Random random = new Random(SEED + 1);

    for (int i = 0; i < ITERATIONS / 10; i++) {
      assertThat(handler.handle(randomRequest(random, f)).status()).isLessThan(500);
    }

    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.sorted().toList();
    }
    assertThat(files).hasSize(written.size()).hasSizeGreaterThan(50);
    for (int i = 0; i < files.size(); i++) {
      Eml eml = new Eml(Files.readAllBytes(files.get(i)));
      ContactMessage m = written.get(i);
      assertThat(eml.headerCounts()).as(files.get(i).toString()).isEqualTo(Map.of("Date", 1, "From", 1, "To", 1,
          "Reply-To", 1, "Subject", 1, "Message-ID", 1, "MIME-Version", 1, "Content-Type", 1,
          "Content-Transfer-Encoding", 1));
      assertThat(eml.header("From")).isEqualTo(Fixtures.FROM);
      assertThat(eml.header("To")).isEqualTo(Fixtures.TO);
      assertThat(eml.header("Reply-To")).isEqualTo(m.replyTo());
      assertThat(eml.subject()).isEqualTo(m.subject());
      assertThat(eml.body()).isEqualTo(m.body());
    }
  }

  static void assertHeaderSafe(String what, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
        fail(what + " has the control character U+%04X: %s", (int) c, value);
      }
    }
  }

  static ContactRequest randomRequest(Random r, Fixtures f) {
    Fixtures.Request req = Fixtures.post();
    int secret = r.nextInt(20);
    if (secret == 0) {
      req.without(ContactConfig.ORIGIN_SECRET_HEADER);
    } else if (secret == 1) {
      req.header(ContactConfig.ORIGIN_SECRET_HEADER, text(r, 40));
    }
    if (r.nextInt(20) == 0) {
      req.method(pick(r, new String[] {"GET", "PUT", "DELETE", "", "POST\r\n", "post"}));
    }
    int origin = r.nextInt(10);
    if (origin == 0) {
      req.without("origin");
      if (r.nextBoolean()) {
        req.header("referer", r.nextBoolean() ? Fixtures.SITE + "/contact/" : text(r, 60));
      }
    } else if (origin == 1) {
      req.header("origin", pick(r, ORIGINS));
    }
    if (r.nextInt(10) == 0) {
      req.header("accept", pick(r, new String[] {"application/json", "*/*", "text/html;q=0.1, application/json;q=0.2",
          "application/json;q=x", text(r, 30)}));
    }
    if (r.nextInt(10) == 0) {
      req.header("cloudfront-viewer-address", r.nextBoolean() ? "192.0.2.1:443" : text(r, 50));
    }
    boolean json = r.nextBoolean();
    req.header("content-type", r.nextInt(10) == 0 ? pick(r, CONTENT_TYPES)
        : json ? "application/json" : "application/x-www-form-urlencoded");
    int kind = r.nextInt(10);
    if (kind < 2) {
      byte[] bytes = new byte[r.nextInt(20) == 0 ? ContactHandler.MAX_BODY_BYTES + r.nextInt(100) : r.nextInt(300)];
      r.nextBytes(bytes);
      req.body(bytes);
    } else {
      List<String> fields = new ArrayList<>();
      fields.add("name");
      fields.add(r.nextInt(3) == 0 ? text(r, r.nextInt(10) == 0 ? 150 : 30) : pick(r, NAMES));
      fields.add("email");
      fields.add(r.nextInt(8) == 0 ? text(r, 30) : pick(r, EMAILS));
      fields.add("message");
      fields.add(text(r, r.nextInt(15) == 0 ? 6000 : 400));
      if (r.nextBoolean()) {
        fields.add("subject");
        fields.add(r.nextInt(10) == 0 ? text(r, 250) : text(r, 40));
      }
      if (r.nextInt(5) == 0) {
        fields.add(pick(r, new String[] {"to", "bcc", "cc", "from", "reply-to", "Recipient", "headers"}));
        fields.add(pick(r, EMAILS));
      }
      if (r.nextInt(20) == 0) {
        fields.add("website");
        fields.add(text(r, 10));
      }
      if (r.nextInt(5) == 0) {
        fields.add("_ts");
        fields.add(r.nextBoolean() ? f.tokenIssuedAgo(Duration.ofSeconds(r.nextInt(200_000) - 100)) : text(r, 70));
      }
      if (r.nextInt(30) == 0) {
        fields.add("intent");
        fields.add(r.nextBoolean() ? "token" : text(r, 5));
      }
      String body = json ? ContactHandlerTest.jsonFields(fields.toArray(String[]::new))
          : Fixtures.urlEncode(fields.toArray(String[]::new));
      if (r.nextInt(20) == 0) {
        body = mangle(r, body);
      }
      req.body(body.getBytes(StandardCharsets.UTF_8));
    }
    return req.build();
  }

  /** Text of up to {@code max} code points: letters, spaces, and often something hostile. */
  static String text(Random r, int max) {
    int n = r.nextInt(max + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      int p = r.nextInt(10);
      int cp = p < 5 ? 'a' + r.nextInt(26) : p < 6 ? ' ' : p < 8 ? SPECIAL[r.nextInt(SPECIAL.length)]
          : p < 9 ? r.nextInt(0x80) : randomCodePoint(r);
      b.appendCodePoint(cp);
    }
    return b.toString();
  }

  private static int randomCodePoint(Random r) {
    while (true) {
      int cp = r.nextInt(0x110000);
      if (!(cp >= 0xD800 && cp <= 0xDFFF)) {
        return cp;
      }
    }
  }

  /** A body with a few characters changed, cut, or repeated. */
  static String mangle(Random r, String body) {
    StringBuilder b = new StringBuilder(body);
    for (int k = 0; k < 3 && b.length() > 0; k++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(4)) {
        case 0 -> b.setCharAt(at, (char) SPECIAL[r.nextInt(SPECIAL.length)]);
        case 1 -> b.setLength(at);
        case 2 -> b.insert(at, "\\u" + Integer.toHexString(0xD800 + r.nextInt(0x800)));
        default -> b.insert(at, b.substring(0, at));
      }
    }
    return b.toString();
  }

  static <T> T pick(Random r, T[] values) {
    return values[r.nextInt(values.length)];
  }
}
