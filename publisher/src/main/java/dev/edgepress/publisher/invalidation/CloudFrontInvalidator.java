package dev.edgepress.publisher.invalidation;

import dev.edgepress.publisher.PublishException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationRequest;
import software.amazon.awssdk.services.cloudfront.model.InvalidationBatch;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.Paths;
import software.amazon.awssdk.services.cloudfront.model.TooManyInvalidationsInProgressException;

/**
 * One CreateInvalidation per publish. TooManyInvalidationsInProgress is retried with backoff; the
 * caller reference makes a retried publish return the invalidation already made.
 */
public final class CloudFrontInvalidator implements Invalidator {

  private final CloudFrontClient cloudFront;
  private final String distributionId;
  private final Duration firstBackoff;
  private final int attempts;
  private final Consumer<String> log;

  public CloudFrontInvalidator(CloudFrontClient cloudFront, String distributionId, Duration firstBackoff,
      int attempts, Consumer<String> log) {
    this.cloudFront = cloudFront;
    this.distributionId = distributionId;
    this.firstBackoff = firstBackoff;
    this.attempts = attempts;
    this.log = log;
  }

  @Override
  public String invalidate(List<String> paths, String callerReference, boolean waitForCompletion) {
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      try {
        CreateInvalidationResponse resp = cloudFront.createInvalidation(r -> r.distributionId(distributionId)
            .invalidationBatch(InvalidationBatch.builder().callerReference(callerReference)
                .paths(Paths.builder().quantity(paths.size()).items(paths).build()).build()));
        String id = resp.invalidation().id();
        if (waitForCompletion) {
          log.accept("Waiting for invalidation " + id + " to complete");
          cloudFront.waiter().waitUntilInvalidationCompleted(
              GetInvalidationRequest.builder().distributionId(distributionId).id(id).build());
        }
        return id;
      } catch (TooManyInvalidationsInProgressException e) {
        if (attempt >= attempts) {
          throw new PublishException("CloudFront has too many invalidations in progress for distribution "
              + distributionId + " and still did after " + attempts + " tries. The files are published;"
              + " run the publish again later to invalidate.", e);
        }
        log.accept("CloudFront has too many invalidations in progress; trying again in " + backoff.toSeconds() + " s");
        sleep(backoff);
        backoff = backoff.multipliedBy(2);
      } catch (NoSuchDistributionException e) {
        throw new PublishException("The CloudFront distribution '" + distributionId + "' does not exist."
            + " Fix <distributionId> / -Dedgepress.distributionId (the files are published).", e);
      } catch (CloudFrontException e) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        throw new PublishException((status == 403 ? "Access denied to invalidate" : "CloudFront refused to invalidate")
            + " distribution " + distributionId + " (" + status + " " + code + ")"
            + (status == 403 ? ": the credentials need cloudfront:CreateInvalidation." : ".")
            + " The files are published; run the publish again to invalidate.", e);
      } catch (SdkException e) {
        throw new PublishException("Cannot reach CloudFront to invalidate distribution " + distributionId + ": "
            + e.getMessage() + ". The files are published; run the publish again to invalidate.", e);
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while waiting to invalidate", e);
    }
  }
}
