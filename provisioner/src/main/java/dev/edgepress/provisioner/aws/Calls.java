package dev.edgepress.provisioner.aws;

import dev.edgepress.provisioner.ProvisionException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Every AWS call of the provisioner goes through {@link #call}, named by its IAM action, so that a
 * refusal says which permission is missing and a network failure which service was unreachable.
 */
public final class Calls {

  private Calls() {}

  public static <T> T call(String action, Supplier<T> request) {
    try {
      return request.get();
    } catch (AwsServiceException e) {
      if (isAccessDenied(e)) {
        throw new ProvisionException("Access denied: the AWS credentials lack the permission " + action
            + ". Add it to the provisioning policy (README, 'From a domain to a live site') and run again;"
            + " what was done so far is kept and listed in target/edgepress/provision-report.json. AWS said: "
            + errorMessage(e), e);
      }
      if (isExpiredCredentials(e)) {
        throw new ProvisionException("AWS refused the credentials (" + errorCode(e) + ") calling " + action
            + ": they are invalid or expired. Refresh them (aws sso login, new keys) and run again.", e);
      }
      throw e;
    } catch (SdkClientException e) {
      throw new ProvisionException("Cannot call " + action + ": " + firstLine(e.getMessage())
          + ". Check the network and the AWS credentials (profile, environment), then run again.", e);
    }
  }

  public static void run(String action, Runnable request) {
    call(action, () -> {
      request.run();
      return null;
    });
  }

  public static boolean isAccessDenied(AwsServiceException e) {
    String code = errorCode(e);
    return code.equals("AccessDenied") || code.equals("AccessDeniedException")
        || (e.statusCode() == 403 && !code.equals("SignatureDoesNotMatch") && !code.equals("InvalidClientTokenId")
            && !code.equals("ExpiredToken") && !code.equals("InvalidAccessKeyId") && !code.equals("AllAccessDisabled"));
  }

  private static boolean isExpiredCredentials(AwsServiceException e) {
    String code = errorCode(e);
    return code.equals("ExpiredToken") || code.equals("ExpiredTokenException") || code.equals("InvalidClientTokenId")
        || code.equals("SignatureDoesNotMatch") || code.equals("InvalidAccessKeyId") || code.equals("UnrecognizedClientException");
  }

  public static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
  }

  /** The service's own message, for errors that are shown to the user. */
  public static String errorMessage(AwsServiceException e) {
    return e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
        ? firstLine(e.getMessage()) : e.awsErrorDetails().errorMessage();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
