package dev.edgepress.contact;

import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Sends through Amazon SES (API v2, SendEmail with simple content): From is the configured sender, To the
 * author, Reply-To the visitor; subject and text in UTF-8. Throttling (a sending rate or quota) becomes
 * a throttled {@link MailException}; any other failure a plain one. The exception's text names the SES
 * error, never the message's body.
 */
public final class SesMailer implements Mailer {

  static final String CHARSET = "UTF-8";
  private static final Set<String> THROTTLING_CODES = Set.of("TooManyRequests", "TooManyRequestsException",
      "Throttling", "ThrottlingException", "ThrottledException", "LimitExceeded", "LimitExceededException",
      "RequestLimitExceeded", "SlowDown");

  private final SesV2Client ses;

  public SesMailer(SesV2Client ses) {
    this.ses = Objects.requireNonNull(ses, "ses");
  }

  @Override
  public void send(ContactMessage message) throws MailException {
    SendEmailRequest request = SendEmailRequest.builder()
        .fromEmailAddress(message.from())
        .destination(Destination.builder().toAddresses(message.to()).build())
        .replyToAddresses(message.replyTo())
        .content(EmailContent.builder().simple(Message.builder()
            .subject(Content.builder().data(message.subject()).charset(CHARSET).build())
            .body(Body.builder().text(Content.builder().data(message.body()).charset(CHARSET).build()).build())
            .build()).build())
        .build();
    try {
      ses.sendEmail(request);
    } catch (AwsServiceException e) {
      throw new MailException(describe(e), isThrottling(e), e);
    } catch (SdkException e) {
      throw new MailException("SES SendEmail failed: " + e.getClass().getSimpleName() + ": "
          + Text.quote(String.valueOf(e.getMessage()), 300), false, e);
    } catch (RuntimeException e) {
      throw new MailException("SES SendEmail failed: " + e.getClass().getName(), false, e);
    }
  }

  static boolean isThrottling(AwsServiceException e) {
    if (e instanceof TooManyRequestsException || e instanceof LimitExceededException || e.statusCode() == 429) {
      return true;
    }
    AwsErrorDetails details = e.awsErrorDetails();
    return (details != null && details.errorCode() != null && THROTTLING_CODES.contains(details.errorCode()))
        || e.isThrottlingException();
  }

  private static String describe(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details != null && details.errorCode() != null ? details.errorCode() : e.getClass().getSimpleName();
    String text = details != null && details.errorMessage() != null ? details.errorMessage() : "";
    return "SES SendEmail failed: " + code + " (HTTP " + e.statusCode()
        + (e.requestId() == null ? "" : ", request " + e.requestId()) + ")" + (text.isEmpty() ? "" : ": "
        + Text.quote(text, 300));
  }
}
