package dev.edgepress.contact;

import static dev.edgepress.contact.Fixtures.FROM;
import static dev.edgepress.contact.Fixtures.TO;
import static dev.edgepress.contact.Fixtures.form;
import static dev.edgepress.contact.Fixtures.json;
import static dev.edgepress.contact.Fixtures.post;
import static dev.edgepress.contact.Fixtures.validForm;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactHandlerTest {

  final Fixtures f = new Fixtures();

  ContactResponse handle(Fixtures.Request request) {
    return f.handle(request.build());
  }

  @Nested
  class Sending {

    @Test
    void aValidFormIsSentAndTheBrowserIsSentToTheThanksPage() {
      ContactResponse r = handle(validForm("subject", "Hello"));

      assertThat(r.status()).isEqualTo(303);
      assertThat(r.headers()).containsEntry("Location", "/contact/thanks/");
      assertThat(f.mailer.sent).hasSize(1);
    }

    @Test
    void aValidJsonPostIsSentAndAnsweredOkTrue() {
      ContactResponse r = handle(json("{\"name\":\"Ada\",\"email\":\"ada@example.org\",\"message\":\"Hi\"}"));

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"ok\":true}");
      assertThat(r.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
      assertThat(f.mailer.sent).hasSize(1);
    }

    @Test
    void aFormPostThatAcceptsJsonIsAnsweredInJson() {
      ContactResponse r = handle(validForm().header("accept", "application/json"));

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void theMessageGoesToTheAuthorFromTheSenderWithTheVisitorOnlyAsReplyTo() {
      handle(validForm());

      ContactMessage m = f.mailer.sent.get(0);
      assertThat(m.to()).isEqualTo(TO);
      assertThat(m.from()).isEqualTo(FROM);
      assertThat(m.replyTo()).isEqualTo("ada@example.org");
    }

    @Test
    void theSubjectIsThePrefixTheNameAndTheVisitorsSubject() {
      handle(validForm("subject", "Hello"));

      assertThat(f.mailer.sent.get(0).subject()).isEqualTo("[Contact] Ada Lovelace: Hello");
    }

    @Test
    void withoutASubjectTheSubjectIsThePrefixAndTheName() {
      handle(validForm());

      assertThat(f.mailer.sent.get(0).subject()).isEqualTo("[Contact] Ada Lovelace");
    }

    @Test
    void theBodyStartsWithTheVisitorsNameAddressAndIpThenTheMessageWithLineFeeds() {
      handle(validForm("subject", "Hello"));

      assertThat(f.mailer.sent.get(0).body()).isEqualTo("Name: Ada Lovelace\nEmail: ada@example.org\nIP: 203.0.113.7\n"
          + "Subject: Hello\n\nHello,\nI liked your post.\n");
    }

    @Test
    void theIpIsCloudFrontsViewerAddressWhenTheRequestCameThroughCloudFront() {
      handle(validForm().header("cloudfront-viewer-address", "2001:db8::7:54321"));

      assertThat(f.mailer.sent.get(0).body()).contains("IP: 2001:db8::7\n");
    }

    @Test
    void theMessageKeepsTabsAndLineBreaksButDropsOtherControlCharacters() {
      handle(form("name", "Ada", "email", "ada@example.org", "message", "a\tb\r\nc\rd\u0000e\u001bf\u007fg\u0085h"));

      assertThat(f.mailer.sent.get(0).body()).endsWith("\n\na\tb\nc\ndefg\nh\n");
    }

    @Test
    void aSuccessIsLoggedWithoutTheMessageOrTheAddress() {
      handle(validForm());

      assertThat(f.log).containsExactly("Contact form: message sent (from 203.0.113.7)");
    }
  }

  @Nested
  class RequestChecks {

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "OPTIONS", "HEAD", "post"})
    void onlyPostIsAnswered(String method) {
      ContactResponse r = handle(validForm().method(method));

      assertThat(r.status()).isEqualTo(405);
      assertThat(r.headers()).containsEntry("Allow", "POST");
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void aBodyOver16KbIsRefusedBeforeItIsRead() {
      byte[] body = new byte[ContactHandler.MAX_BODY_BYTES + 1];
      Arrays.fill(body, (byte) 0xFF); // not even valid UTF-8: it is never parsed

      ContactResponse r = handle(post().header("content-type", "application/x-www-form-urlencoded").body(body));

      assertThat(r.status()).isEqualTo(413);
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void aBodyOfExactly16KbIsRead() {
      String form = Fixtures.urlEncode("name", "Ada", "email", "ada@example.org", "message", "Hi", "padding", "");
      String padded = form + "x".repeat(ContactHandler.MAX_BODY_BYTES - form.length());

      ContactResponse r = handle(post().header("content-type", "application/x-www-form-urlencoded").body(padded));

      assertThat(r.status()).isEqualTo(303);
    }

    @Test
    void aMissingOriginSecretIsForbiddenWithoutSayingWhy() {
      ContactResponse r = handle(validForm().without(ContactConfig.ORIGIN_SECRET_HEADER));

      assertThat(r.status()).isEqualTo(403);
      assertThat(r.body()).doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("header");
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void aWrongOriginSecretIsForbidden() {
      ContactResponse r = handle(validForm().header(ContactConfig.ORIGIN_SECRET_HEADER, Fixtures.SECRET + "x"));

      assertThat(r.status()).isEqualTo(403);
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void withoutAConfiguredSecretTheHeaderIsNotChecked() {
      f.config = ContactConfig.builder(TO, FROM).signingKey(Fixtures.KEY).build();

      ContactResponse r = handle(validForm().without(ContactConfig.ORIGIN_SECRET_HEADER).header("origin",
          "http://localhost:8080").header("host", "localhost:8080"));

      assertThat(r.status()).isEqualTo(303);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "https://example.com.evil.example", "http://example.com",
        "https://example.com:8443", "null", "https://user@example.com", "file://", "not an origin"})
    void aForeignOriginIsForbidden(String origin) {
      ContactResponse r = handle(validForm().header("origin", origin));

      assertThat(r.status()).isEqualTo(403);
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void theSiteOriginIsComparedWithoutCaseAndDefaultPort() {
      assertThat(handle(validForm().header("origin", "HTTPS://Example.COM:443")).status()).isEqualTo(303);
    }

    @Test
    void withoutAnOriginAForeignRefererIsForbidden() {
      ContactResponse r = handle(validForm().without("origin").header("referer", "https://evil.example/contact/"));

      assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void withoutAnOriginARefererFromTheSiteIsAllowed() {
      ContactResponse r = handle(validForm().without("origin").header("referer", "https://example.com/contact/?a=1"));

      assertThat(r.status()).isEqualTo(303);
    }

    @Test
    void withoutOriginAndRefererTheRequestIsAllowed() {
      assertThat(handle(validForm().without("origin")).status()).isEqualTo(303);
    }

    @Test
    void withoutSiteOriginsTheOriginMustBeTheHost() {
      f.config = ContactConfig.builder(TO, FROM).signingKey(Fixtures.KEY).build();

      assertThat(handle(validForm().header("origin", "http://localhost:8080").header("host", "localhost:8080"))
          .status()).isEqualTo(303);
      assertThat(handle(validForm().header("origin", "http://evil.example").header("host", "localhost:8080"))
          .status()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "multipart/form-data; boundary=x", "application/xml",
        "application/x-www-form-urlencoded; charset=iso-8859-1", "application/json; charset=utf-16", ""})
    void otherContentTypesAreUnsupported(String contentType) {
      ContactResponse r = handle(validForm().header("content-type", contentType));

      assertThat(r.status()).isEqualTo(415);
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void aMissingContentTypeIsUnsupported() {
      assertThat(handle(validForm().without("content-type")).status()).isEqualTo(415);
    }

    @Test
    void aFormInUtf8IsAccepted() {
      ContactResponse r = handle(validForm().header("content-type", "application/x-www-form-urlencoded;charset=UTF-8"));

      assertThat(r.status()).isEqualTo(303);
    }

    @Test
    void everyAnswerIsUncachedTypedWithACharsetNotSniffedAndWithoutCors() {
      List<ContactResponse> answers = List.of(handle(validForm()), handle(validForm().method("GET")),
          handle(validForm().without(ContactConfig.ORIGIN_SECRET_HEADER)), handle(form("name", "")),
          handle(json("{\"intent\":\"token\"}")), handle(validForm().header("content-type", "text/plain")),
          handle(json("[1]")), handle(validForm().header("origin", "https://evil.example")));

      for (ContactResponse r : answers) {
        assertThat(r.headers()).containsEntry("Cache-Control", "no-store")
            .containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(r.headers().get("Content-Type")).contains("charset=utf-8");
        assertThat(r.headers().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
      }
    }
  }

  @Nested
  class Bodies {

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":{\"first\":\"Ada\"}}", "{\"name\":[\"Ada\"]}", "{\"name\":\"Ada\",\"name\":\"Eve\"}",
        "{\"name\":1}", "{\"name\":true}", "{\"name\":null}", "{\"name\":\"Ada\"} x", "[\"Ada\"]", "\"Ada\"",
        "{\"name\":\"\\ud800\"}", "{\"name\":\"\\udc00x\"}", "{\"name\":\"a\u0001b\"}", "{\"name\":\"\\x41\"}",
        "{name:\"Ada\"}", "{\"name\":\"Ada\",}", "{\"name\":\"Ada\"", "", "\ufeff{}"})
    void malformedJsonIsRefused(String body) {
      ContactResponse r = handle(json(body));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).startsWith("{\"ok\":false,\"error\":");
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void jsonThatIsNotUtf8IsRefused() {
      byte[] body = "{\"name\":\"Ada \u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

      assertThat(handle(json("").body(body)).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name=Ada%", "name=Ada%4", "name=Ada%zz", "name=%FF%FE", "name=%C3", "name=Ada&name=Eve",
        "name=A da", "name=Ada\r\n"})
    void malformedFormsAreRefused(String body) {
      ContactResponse r = handle(post().header("content-type", "application/x-www-form-urlencoded").body(body));

      assertThat(r.status()).isEqualTo(400);
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void aFormWithRawNonAsciiBytesIsRefused() {
      byte[] body = "name=Ad\u00e4".getBytes(StandardCharsets.UTF_8);

      assertThat(handle(post().header("content-type", "application/x-www-form-urlencoded").body(body)).status())
          .isEqualTo(400);
    }

    @Test
    void unknownFieldsAreIgnored() {
      ContactResponse r = handle(validForm("newsletter", "yes", "topic", "a", "topic", "b"));

      assertThat(r.status()).isEqualTo(303);
      assertThat(f.mailer.sent.get(0).body()).doesNotContain("newsletter").doesNotContain("topic");
    }
  }

  @Nested
  class Fields {

    @Test
    void everyRequiredFieldIsAskedFor() {
      ContactResponse r = handle(json("{}"));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"ok\":false,\"errors\":{\"name\":\"Please enter your name.\",\"email\":"
          + "\"Please enter your email address, so that your message can be answered.\",\"message\":"
          + "\"Please enter your message.\"}}");
    }

    @Test
    void blankFieldsCountAsMissing() {
      ContactResponse r = handle(form("name", " \t ", "email", "  ", "message", "\r\n \r\n"));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("Please enter your name.").contains("Please enter your message.");
    }

    @Test
    void aNameOfMoreThan100CharactersIsRefused() {
      ContactResponse r = handle(json(jsonFields("name", "a".repeat(101), "email", "ada@example.org", "message", "Hi")));

      assertThat(r.body()).isEqualTo("{\"ok\":false,\"errors\":{\"name\":"
          + "\"Please shorten your name to 100 characters or fewer.\"}}");
    }

    @Test
    void lengthsAreCountedInCharactersAfterTrimming() {
      String hundredEmoji = "\uD83D\uDE00".repeat(100); // 200 UTF-16 units, 100 characters

      ContactResponse r = handle(form("name", "  " + hundredEmoji + "  ", "email", "ada@example.org", "message", "Hi"));

      assertThat(r.status()).isEqualTo(303);
    }

    @Test
    void aSubjectOfMoreThan200CharactersIsRefused() {
      ContactResponse r = handle(validForm("subject", "s".repeat(201)));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("Please shorten the subject to 200 characters or fewer.");
    }

    @Test
    void aMessageOfMoreThan5000CharactersIsRefused() {
      ContactResponse r = handle(json(jsonFields("name", "Ada", "email", "ada@example.org", "message", "m".repeat(5001))));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("\"message\":\"Please shorten your message to 5,000 characters or fewer (it has 5,001).\"");
    }

    @Test
    void anAddressOfMoreThan254CharactersIsRefused() {
      String address = "a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + ".example";

      ContactResponse r = handle(json(jsonFields("name", "Ada", "email", address, "message", "Hi")));

      assertThat(address.length()).isGreaterThan(254);
      assertThat(r.body()).contains("254 characters or fewer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "ada@", "@example.org", "ada@example", "ada @example.org", "ada@exa mple.org",
        "ada@@example.org", "ada@b@example.org", "ada@example.org,eve@example.net", "ada@example.org;eve@example.net",
        "<ada@example.org>", "Ada <ada@example.org>", "\"ada\"@example.org", "\"a d a\"@example.org", ".ada@example.org",
        "ada.@example.org", "a..da@example.org", "ada@-example.org", "ada@example-.org", "ada@example..org",
        "ada@127.0.0.1", "ada@[127.0.0.1]", "ad\u00e4@example.org", "ada@ex\u00e4mple.org", "ada@example.org.",
        "ada(comment)@example.org", "ada@example.o_rg", "ada\\@example.org"})
    void malformedAddressesAreRefused(String address) {
      ContactResponse r = handle(json(jsonFields("name", "Ada", "email", address, "message", "Hi")));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"ok\":false,\"errors\":{\"email\":"
          + "\"Please enter a valid email address, such as name@example.com.\"}}");
      assertThat(f.mailer.sent).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.org", "Ada.Lovelace+notes@mail.example.co.uk", "o'brien@example.ie",
        "x@a-b.example", "user_1@xn--exmple-cua.example"})
    void plainAddressesAreAccepted(String address) {
      ContactResponse r = handle(json(jsonFields("name", "Ada", "email", address, "message", "Hi")));

      assertThat(r.status()).isEqualTo(200);
      assertThat(f.mailer.sent.get(0).replyTo()).isEqualTo(address);
    }

    @Test
    void lineBreaksInTheNameNeverReachAHeader() {
      handle(form("name", "Ada\r\nBcc: eve@example.net\r\n", "email", "ada@example.org", "message", "Hi"));

      ContactMessage m = f.mailer.sent.get(0);
      assertThat(m.subject()).isEqualTo("[Contact] Ada Bcc: eve@example.net");
      assertThat(m.to()).isEqualTo(TO);
      assertThat(m.body()).startsWith("Name: Ada Bcc: eve@example.net\nEmail: ada@example.org\n");
    }

    @Test
    void lineBreaksAndSeparatorsInTheSubjectNeverReachAHeader() {
      handle(validForm("subject", "Hi\r\nBcc: eve@example.net\u2028To: x@example.net\u0085\u202eevil"));

      assertThat(f.mailer.sent.get(0).subject()).isEqualTo(
          "[Contact] Ada Lovelace: Hi Bcc: eve@example.net To: x@example.net evil");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.org\r\nBcc: eve@example.net", "ada@example.org\r\n", "ada@example.org\n",
        "\rada@example.org", "ada@example.org\u0000", "ada@example.org\u2028"})
    void anAddressWithALineBreakOrControlCharacterIsRefused(String address) {
      ContactResponse r = handle(form("name", "Ada", "email", address, "message", "Hi"));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("Please enter a valid email address");
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void aVeryLongSubjectLineIsCutWithAnEllipsis() {
      handle(form("name", "n".repeat(100), "email", "ada@example.org", "subject", "s".repeat(200), "message", "Hi"));

      String subject = f.mailer.sent.get(0).subject();
      assertThat(subject.codePointCount(0, subject.length())).isEqualTo(ContactHandler.MAX_SUBJECT_LINE);
      assertThat(subject).endsWith("\u2026");
      assertThat(f.mailer.sent.get(0).body()).contains("Subject: " + "s".repeat(200) + "\n");
    }
  }

  @Nested
  class Relaying {

    @Test
    void recipientAndSenderFieldsInAFormChangeNothing() {
      handle(validForm("to", "eve@example.net", "bcc", "eve@example.net", "cc", "eve@example.net", "from",
          "eve@example.net", "reply-to", "eve@example.net", "recipient", "eve@example.net", "sender", "eve@example.net"));

      ContactMessage m = f.mailer.sent.get(0);
      assertThat(List.of(m.to(), m.from(), m.replyTo(), m.subject(), m.body())).noneMatch(s -> s.contains("eve@"));
      assertThat(m.to()).isEqualTo(TO);
      assertThat(m.from()).isEqualTo(FROM);
    }

    @Test
    void recipientAndSenderFieldsInJsonChangeNothing() {
      handle(json("{\"name\":\"Ada\",\"email\":\"ada@example.org\",\"message\":\"Hi\",\"to\":\"eve@example.net\","
          + "\"Bcc\":\"eve@example.net\",\"reply_to\":\"eve@example.net\"}"));

      ContactMessage m = f.mailer.sent.get(0);
      assertThat(m.to()).isEqualTo(TO);
      assertThat(m.from()).isEqualTo(FROM);
      assertThat(m.replyTo()).isEqualTo("ada@example.org");
      assertThat(m.body()).doesNotContain("eve@");
    }

    @Test
    void anAttemptToSetTheRecipientIsLoggedByFieldName() {
      handle(validForm("to", "eve@example.net", "bcc", "eve@example.net"));

      assertThat(f.log).contains(
          "Contact form: ignored the field \"to\": recipient and sender come only from the configuration (from 203.0.113.7)",
          "Contact form: ignored the field \"bcc\": recipient and sender come only from the configuration (from 203.0.113.7)");
      assertThat(String.join("\n", f.log)).doesNotContain("eve@");
    }
  }

  @Nested
  class Robots {

    @Test
    void aFilledHoneypotIsAnsweredAsASuccessButNothingIsSent() {
      ContactResponse r = handle(validForm("website", "https://spam.example"));

      assertThat(r.status()).isEqualTo(303);
      assertThat(r.headers()).containsEntry("Location", "/contact/thanks/");
      assertThat(f.mailer.sent).isEmpty();
      assertThat(f.log).containsExactly("Contact form: the honeypot field was filled; message dropped (from 203.0.113.7)");
    }

    @Test
    void aFilledHoneypotInJsonIsAnsweredOkTrue() {
      ContactResponse r = handle(json("{\"name\":\"Ada\",\"email\":\"ada@example.org\",\"message\":\"Hi\",\"website\":\"x\"}"));

      assertThat(r.body()).isEqualTo("{\"ok\":true}");
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void theAnswerToARobotIsTheAnswerToAPerson() {
      ContactResponse robot = handle(validForm("website", "x"));
      ContactResponse person = handle(validForm());

      assertThat(robot).isEqualTo(person);
    }

    @Test
    void aFormSentTooSoonAfterItsTokenIsAskedToWaitAndKeepsTheFields() {
      ContactResponse r = handle(validForm("_ts", f.tokenIssuedAgo(Duration.ofSeconds(1)), "subject", "Hello"));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("Please take a moment to check your message, then send it again.")
          .contains("value=\"Ada Lovelace\"").contains("value=\"Hello\"").contains("I liked your post.");
      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void aFormSentTooSoonInJsonGetsTheSameRequest() {
      ContactResponse r = handle(json(jsonFields("name", "Ada", "email", "ada@example.org", "message", "Hi", "_ts",
          f.tokenIssuedAgo(Duration.ofSeconds(2)))));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).isEqualTo("{\"ok\":false,\"error\":"
          + "\"Please take a moment to check your message, then send it again.\"}");
    }

    @Test
    void aFormSentAfterTheMinimumFillTimeIsSent() {
      ContactResponse r = handle(validForm("_ts", f.tokenIssuedAgo(Duration.ofSeconds(3))));

      assertThat(r.status()).isEqualTo(303);
      assertThat(f.mailer.sent).hasSize(1);
    }

    @Test
    void aTokenOlderThan24HoursIsAskedToSendAgain() {
      ContactResponse r = handle(validForm("_ts", f.tokenIssuedAgo(Duration.ofHours(24).plusSeconds(1))));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("Please take a moment");
      assertThat(f.mailer.sent).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1772366390.0000000000000000000000000000000000000000000000000000000000000000", "1772366390",
        "1772366390.abc", "-1.0000000000000000000000000000000000000000000000000000000000000000", "nonsense"})
    void aForgedOrMalformedTokenIsAnsweredAsASuccessButNothingIsSent(String token) {
      ContactResponse r = handle(validForm("_ts", token));

      assertThat(r.status()).isEqualTo(303);
      assertThat(f.mailer.sent).isEmpty();
      assertThat(f.log).anyMatch(l -> l.contains("forged or malformed fill-time token"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsForged() {
      String foreign = new FillTimeToken("another key of 32 bytes.........".getBytes(StandardCharsets.US_ASCII))
          .issue(Fixtures.NOW.minusSeconds(60));

      handle(validForm("_ts", foreign));

      assertThat(f.mailer.sent).isEmpty();
    }

    @Test
    void withoutATokenThereIsNoFillTimeCheck() {
      assertThat(handle(validForm()).status()).isEqualTo(303);
    }

    @Test
    void aJsonIntentTokenIsAnsweredWithAFreshSignedToken() {
      ContactResponse r = handle(json("{\"intent\":\"token\"}"));

      assertThat(r.status()).isEqualTo(200);
      Matcher m = Pattern.compile("\\{\"token\":\"(([0-9]+)\\.[0-9a-f]{64})\"\\}").matcher(r.body());
      assertThat(m.matches()).isTrue();
      assertThat(Long.parseLong(m.group(2))).isEqualTo(Fixtures.NOW.getEpochSecond());
      assertThat(f.mailer.sent).isEmpty();

      f.now = Fixtures.NOW.plusSeconds(5);
      assertThat(handle(validForm("_ts", m.group(1))).status()).isEqualTo(303);
      assertThat(f.mailer.sent).hasSize(1);
    }

    @Test
    void aTokenIsIssuedOnlyThroughCloudFrontAndToTheSite() {
      assertThat(handle(json("{\"intent\":\"token\"}").without(ContactConfig.ORIGIN_SECRET_HEADER)).status())
          .isEqualTo(403);
      assertThat(handle(json("{\"intent\":\"token\"}").header("origin", "https://evil.example")).status())
          .isEqualTo(403);
    }

    @Test
    void anUnknownIntentIsRefused() {
      assertThat(handle(json("{\"intent\":\"send\"}")).status()).isEqualTo(400);
    }
  }

  @Nested
  class Pages {

    @Test
    void anInvalidFormGetsACompleteAccessiblePageWithTheTypedValuesEscaped() {
      ContactResponse r = handle(form("name", "<script>alert(1)</script>", "email", "\"><img src=x onerror=alert(1)>",
          "subject", "a & b", "message", "</textarea><script>alert(2)</script>"));

      assertThat(r.status()).isEqualTo(400);
      assertThat(r.headers()).containsEntry("Content-Type", "text/html; charset=utf-8");
      String page = r.body();
      assertThat(page).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">").contains("<title>")
          .contains("<h2 id=\"error-summary-title\">There is a problem</h2>")
          .contains("<li><a href=\"#email\">Please enter a valid email address, such as name@example.com.</a></li>")
          .contains("<form id=\"contact-form\" method=\"post\" action=\"/api/contact\"")
          .contains("<label for=\"name\">").contains("<label for=\"email\">").contains("<label for=\"message\">")
          .contains("autocomplete=\"name\"").contains("autocomplete=\"email\"").contains(" required")
          .contains("aria-invalid=\"true\" aria-describedby=\"email-error\"")
          .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")
          .contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"").contains("value=\"a &amp; b\"")
          .contains("&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>")
          .contains("<a href=\"/contact/\">");
      assertThat(page).doesNotContain("<script").doesNotContain("<style").doesNotContain("style=")
          .doesNotContain("<img");
    }

    @Test
    void theErrorSummaryComesFirstAndLinksEveryFieldInError() {
      String page = handle(form("name", "", "email", "x", "message", "")).body();

      assertThat(page.indexOf("error-summary")).isLessThan(page.indexOf("<form"));
      assertThat(page).contains("href=\"#name\"").contains("href=\"#email\"").contains("href=\"#message\"");
      assertThat(page).contains("<input id=\"name\"").contains("<input id=\"email\"").contains("<textarea id=\"message\"");
    }

    @Test
    void jsonErrorsNameEachField() {
      ContactResponse r = handle(json(jsonFields("name", "Ada", "email", "nope", "message", "Hi")));

      assertThat(r.body()).isEqualTo("{\"ok\":false,\"errors\":{\"email\":"
          + "\"Please enter a valid email address, such as name@example.com.\"}}");
    }

    @Test
    void theHoneypotIsInTheFormButHidden() {
      String page = handle(form("name", "")).body();

      assertThat(page).contains("<div hidden>").contains("name=\"website\"").contains("tabindex=\"-1\"");
    }

    @Test
    void theFormPostsToTheConfiguredEndpoint() {
      f.config = ContactConfig.builder(TO, FROM).originSecret(Fixtures.SECRET).siteOrigins(List.of(Fixtures.SITE))
          .endpointPath("/blog/api/contact").formPath("/blog/contact/").build();

      assertThat(handle(form("name", "")).body()).contains("action=\"/blog/api/contact\"")
          .contains("href=\"/blog/contact/\"");
    }
  }

  @Nested
  class MailFailures {

    @Test
    void aThrottledMailerIsAnswered429WithRetryAfterAndTheMessageKept() {
      f.mailer.failure = new MailException("SES SendEmail failed: TooManyRequestsException (HTTP 429)", true, null);

      ContactResponse r = handle(validForm());

      assertThat(r.status()).isEqualTo(429);
      assertThat(r.headers()).containsEntry("Retry-After", "60");
      assertThat(r.body()).contains("Your message was not sent. Please try again in a minute.")
          .contains("I liked your post.").contains("value=\"ada@example.org\"");
    }

    @Test
    void aFailingMailerIsAnswered503WithRetryAfterAndTheMessageKept() {
      f.mailer.failure = new MailException("SES SendEmail failed: MessageRejected (HTTP 400)", false, null);

      ContactResponse r = handle(validForm());

      assertThat(r.status()).isEqualTo(503);
      assertThat(r.headers()).containsEntry("Retry-After", "60");
      assertThat(r.body()).contains("I liked your post.");
    }

    @Test
    void aFailureInJsonIsAnErrorWithTheSameSentence() {
      f.mailer.failure = new MailException("failed", true, null);

      ContactResponse r = handle(json(jsonFields("name", "Ada", "email", "ada@example.org", "message", "Hi")));

      assertThat(r.status()).isEqualTo(429);
      assertThat(r.body()).isEqualTo("{\"ok\":false,\"error\":\"Your message was not sent. Please try again in a minute.\"}");
    }

    @Test
    void theFailureIsLoggedWithoutTheMessageNorTheVisitorsAddress() {
      f.mailer.failure = new MailException("SES SendEmail failed: BadRequest: Illegal address ADA@example.org", false,
          new IllegalStateException("cause"));

      handle(validForm());

      assertThat(f.log).containsExactly("Contact form: message not sent: SES SendEmail failed: BadRequest: Illegal"
          + " address <visitor> [java.lang.IllegalStateException]");
    }

    @Test
    void aMailerThatThrowsUncheckedIsAFailureToo() {
      f.mailer.bug = new IllegalStateException("boom I liked your post.");

      ContactResponse r = handle(validForm());

      assertThat(r.status()).isEqualTo(503);
      assertThat(f.log).containsExactly("Contact form: message not sent: the mailer failed with"
          + " java.lang.IllegalStateException");
    }
  }

  @Nested
  class NeverThrows {

    @Test
    void aNullRequestIsABadRequest() {
      assertThat(f.handle(null).status()).isEqualTo(400);
    }

    @Test
    void anErrorIsAnswered500WithAGenericPageAndLoggedByClass() {
      Mailer broken = m -> {
        throw new StackOverflowError("deep");
      };
      ContactHandler h = new ContactHandler(f.config, broken, java.time.Clock.systemUTC(), f.log::add);

      ContactResponse r = h.handle(validForm().build());

      assertThat(r.status()).isEqualTo(500);
      assertThat(r.body()).contains("Something went wrong").doesNotContain("StackOverflow").doesNotContain("at dev.");
      assertThat(f.log).containsExactly(
          "Contact form: unexpected java.lang.StackOverflowError while answering a request; answered 500");
    }

    @Test
    void aFailingLoggerDoesNotChangeTheAnswer() {
      ContactHandler h = new ContactHandler(f.config, f.mailer, java.time.Clock.systemUTC(), line -> {
        throw new IllegalStateException("log is full");
      });

      assertThat(h.handle(validForm().build()).status()).isEqualTo(303);
    }
  }

  static String jsonFields(String... namesAndValues) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.append(i == 0 ? "" : ",").append(Json.quote(namesAndValues[i])).append(':').append(Json.quote(namesAndValues[i + 1]));
    }
    return b.append('}').toString();
  }
}
