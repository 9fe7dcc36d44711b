package dev.edgepress.publisher.aws;

import dev.edgepress.publisher.PublishException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the SDK clients a publish uses, from the settings a user gives: credentials (the SDK's
 * default chain, a named profile, or keys from Maven's settings.xml), region, and an endpoint for
 * S3-compatible stores. Retries with backoff on throttling and 5xx (the SDK's standard mode).
 */
public final class AwsClients {

  private AwsClients() {}

  /**
   * @param profile a profile of ~/.aws/config, or empty
   * @param accessKey with {@code secretKey}: keys from a settings.xml server, or empty
   */
  public static AwsCredentialsProvider credentials(Optional<String> profile, Optional<String> accessKey,
      Optional<String> secretKey, Optional<String> sessionToken) {
    if (accessKey.isPresent() && secretKey.isPresent()) {
      return StaticCredentialsProvider.create(sessionToken
          .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(t -> AwsSessionCredentials.create(accessKey.get(), secretKey.get(), t))
          .orElseGet(() -> AwsBasicCredentials.create(accessKey.get(), secretKey.get())));
    }
    if (profile.isPresent()) {
      return ProfileCredentialsProvider.create(profile.get());
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** The region given, else the SDK's (AWS_REGION, the profile), else a message saying to set one. */
  public static Region region(Optional<String> region, Optional<String> profile) {
    if (region.isPresent()) {
      return Region.of(region.get());
    }
    try {
      return DefaultAwsRegionProviderChain.builder().profileName(profile.orElse(null)).build().getRegion();
    } catch (RuntimeException e) {
      throw new PublishException("No AWS region is set for the bucket. Set <region> in the plugin's"
          + " configuration or -Dedgepress.region=eu-west-1 (or AWS_REGION).", e);
    }
  }

  public static S3Client s3(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint, int connections) {
    var builder = S3Client.builder()
        .region(region)
        .credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(Math.max(connections, 8))
            .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60)))
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
    if (endpoint.isPresent()) {
      // S3-compatible stores (MinIO, R2, Ceph, S3Proxy): path-style, and checksums only when required.
      builder.endpointOverride(endpoint.get()).forcePathStyle(true)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }
    return builder.build();
  }

  public static CloudFrontClient cloudFront(AwsCredentialsProvider credentials, Optional<URI> endpoint) {
    var builder = CloudFrontClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials)
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
