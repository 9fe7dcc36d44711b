package dev.edgepress.provisioner.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients provisioning uses. ACM is always us-east-1 (CloudFront takes no certificate from
 * another region); CloudFront, Route 53 and IAM are global; S3, Lambda, API Gateway and SES are in
 * the site's region. Endpoints are the SDK's own, so {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>} point them at an emulator without any setting of ours. All use
 * the Apache HTTP client: API Gateway v2 updates are PATCH requests, which the URL-connection
 * client cannot send.
 */
public record AwsServices(StsClient sts, Route53Client route53, AcmClient acm, CloudFrontClient cloudFront,
    S3Client s3, IamClient iam, LambdaClient lambda, ApiGatewayV2Client apiGateway, SesV2Client ses)
    implements AutoCloseable {

  public static AwsServices create(AwsCredentialsProvider credentials, String siteRegion) {
    Region region = Region.of(siteRegion);
    return new AwsServices(
        build(StsClient.builder(), region, credentials),
        build(Route53Client.builder(), Region.AWS_GLOBAL, credentials),
        build(AcmClient.builder(), Region.US_EAST_1, credentials),
        build(CloudFrontClient.builder(), Region.AWS_GLOBAL, credentials),
        build(S3Client.builder(), region, credentials),
        build(IamClient.builder(), Region.AWS_GLOBAL, credentials),
        build(LambdaClient.builder(), region, credentials),
        build(ApiGatewayV2Client.builder(), region, credentials),
        build(SesV2Client.builder(), region, credentials));
  }

  /** Every client alike: its region, the credentials, the Apache HTTP client, the SDK's standard retries. */
  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Region region,
      AwsCredentialsProvider credentials) {
    return builder.region(region).credentialsProvider(credentials).httpClientBuilder(http())
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)).build();
  }

  private static ApacheHttpClient.Builder http() {
    return ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    for (AutoCloseable c : new AutoCloseable[] {sts, route53, acm, cloudFront, s3, iam, lambda, apiGateway, ses}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing is best effort
      }
    }
  }
}
