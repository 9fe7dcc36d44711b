package dev.edgepress.provisioner.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients provisioning uses. ACM is always us-east-1 (CloudFront takes no certificate from
 * another region); CloudFront and Route 53 are global; S3 is in the bucket's region. Endpoints are
 * the SDK's own, so {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>} point them at
 * an emulator without any setting of ours.
 */
public record AwsServices(StsClient sts, Route53Client route53, AcmClient acm, CloudFrontClient cloudFront,
    S3Client s3) implements AutoCloseable {

  public static AwsServices create(AwsCredentialsProvider credentials, String bucketRegion) {
    return new AwsServices(
        StsClient.builder().region(Region.of(bucketRegion)).credentialsProvider(credentials)
            .httpClientBuilder(http()).overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build(),
        Route53Client.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials)
            .httpClientBuilder(http()).overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build(),
        AcmClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
            .httpClientBuilder(http()).overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build(),
        CloudFrontClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials)
            .httpClientBuilder(http()).overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build(),
        S3Client.builder().region(Region.of(bucketRegion)).credentialsProvider(credentials)
            .httpClientBuilder(http()).overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build());
  }

  private static ApacheHttpClient.Builder http() {
    return ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    sts.close();
    route53.close();
    acm.close();
    cloudFront.close();
    s3.close();
  }
}
