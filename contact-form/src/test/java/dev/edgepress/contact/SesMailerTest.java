package dev.edgepress.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

class SesMailerTest {

  static final String BODY = "Name: Ada\nEmail: ada@example.org\nIP: 203.0.113.7\n\nThe private text of the message.\n";
  static final ContactMessage MESSAGE = new ContactMessage("author@example.com", "contact@example.com",
      "ada@example.org", "[Contact] Zoë: Grüße", BODY);

  /** SES in memory: records each SendEmail, or throws what it is told to. */
  static final class InMemorySes implements SesV2Client {
    final List<SendEmailRequest> requests = new ArrayList<>();
    RuntimeException failure;

    @Override
    public SendEmailResponse sendEmail(SendEmailRequest request) {
      requests.add(request);
      if (failure != null) {
        throw failure;
      }
      return SendEmailResponse.builder().messageId("0100018e-test").build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {}
  }

  final InMemorySes ses = new InMemorySes();

  static AwsErrorDetails details(String code, String message) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SesV2").build();
  }

  MailException failureFor(RuntimeException e) {
    ses.failure = e;
    return catchThrowableOfType(() -> new SesMailer(ses).send(MESSAGE), MailException.class);
  }

  @Test
  void sendsFromTheSenderToTheAuthorWithTheVisitorAsReplyToInUtf8() throws MailException {
    new SesMailer(ses).send(MESSAGE);

    SendEmailRequest r = ses.requests.get(0);
    assertThat(r.fromEmailAddress()).isEqualTo("contact@example.com");
    assertThat(r.destination().toAddresses()).containsExactly("author@example.com");
    assertThat(r.destination().hasCcAddresses()).isFalse();
    assertThat(r.destination().hasBccAddresses()).isFalse();
    assertThat(r.replyToAddresses()).containsExactly("ada@example.org");
    assertThat(r.content().simple().subject().data()).isEqualTo("[Contact] Zoë: Grüße");
    assertThat(r.content().simple().subject().charset()).isEqualTo("UTF-8");
    assertThat(r.content().simple().body().text().data()).isEqualTo(BODY);
    assertThat(r.content().simple().body().text().charset()).isEqualTo("UTF-8");
    assertThat(r.content().simple().body().html()).isNull();
    assertThat(r.content().raw()).isNull();
    assertThat(r.content().template()).isNull();
  }

  @Test
  void tooManyRequestsIsThrottled() {
    MailException e = failureFor(TooManyRequestsException.builder().statusCode(429)
        .awsErrorDetails(details("TooManyRequestsException", "Maximum sending rate exceeded.")).requestId("r-1")
        .build());

    assertThat(e.throttled()).isTrue();
    assertThat(e).hasMessage("SES SendEmail failed: TooManyRequestsException (HTTP 429, request r-1): "
        + "\"Maximum sending rate exceeded.\"");
  }

  @Test
  void limitExceededIsThrottled() {
    MailException e = failureFor(LimitExceededException.builder().statusCode(400)
        .awsErrorDetails(details("LimitExceededException", "Daily message quota exceeded.")).build());

    assertThat(e.throttled()).isTrue();
  }

  @Test
  void anyServiceErrorWithStatus429IsThrottled() {
    MailException e = failureFor(SesV2Exception.builder().statusCode(429).awsErrorDetails(details("Whatever", "slow"))
        .build());

    assertThat(e.throttled()).isTrue();
  }

  @Test
  void aThrottlingErrorCodeIsThrottled() {
    MailException e = failureFor(SesV2Exception.builder().statusCode(400).awsErrorDetails(details("Throttling",
        "Rate exceeded")).build());

    assertThat(e.throttled()).isTrue();
  }

  @Test
  void aRejectedMessageIsAFailureNamingTheSesError() {
    MailException e = failureFor(MessageRejectedException.builder().statusCode(400)
        .awsErrorDetails(details("MessageRejected", "Email address is not verified.")).requestId("r-2").build());

    assertThat(e.throttled()).isFalse();
    assertThat(e).hasMessage("SES SendEmail failed: MessageRejected (HTTP 400, request r-2): "
        + "\"Email address is not verified.\"").hasCauseInstanceOf(MessageRejectedException.class);
  }

  @Test
  void aServerErrorIsAFailure() {
    MailException e = failureFor(SesV2Exception.builder().statusCode(500).awsErrorDetails(details("InternalFailure",
        "")).build());

    assertThat(e.throttled()).isFalse();
  }

  @Test
  void aNetworkFailureIsAFailure() {
    MailException e = failureFor(SdkClientException.create("Unable to execute HTTP request: Connect timed out"));

    assertThat(e.throttled()).isFalse();
    assertThat(e).hasMessageContaining("SdkClientException").hasMessageContaining("Connect timed out");
  }

  @Test
  void aGenericAwsErrorWithoutDetailsIsStillDescribed() {
    MailException e = failureFor(AwsServiceException.builder().statusCode(403).message("denied").build());

    assertThat(e.throttled()).isFalse();
    assertThat(e).hasMessageStartingWith("SES SendEmail failed: AwsServiceException (HTTP 403)");
  }

  @Test
  void noFailureTextHoldsTheMessageBody() {
    List<RuntimeException> failures = List.of(
        TooManyRequestsException.builder().statusCode(429).awsErrorDetails(details("TooManyRequestsException", "x"))
            .build(),
        MessageRejectedException.builder().statusCode(400).awsErrorDetails(details("MessageRejected", "y")).build(),
        SdkClientException.create("z"), new IllegalStateException(BODY));

    for (RuntimeException failure : failures) {
      assertThat(failureFor(failure).getMessage()).doesNotContain("private text");
    }
  }
}
