package dev.edgepress.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.provisioner.aws.AwsServices;
import dev.edgepress.provisioner.fake.FakeAws;
import dev.edgepress.publisher.PublishReport;
import dev.edgepress.publisher.Publisher;
import dev.edgepress.publisher.aws.SiteDiscovery;
import dev.edgepress.publisher.invalidation.CloudFrontInvalidator;
import dev.edgepress.publisher.store.S3Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What {@code mvn site-publish} does with only {@code <domain>} after {@code edgepress:provision}:
 * it finds the bucket and the distribution from the domain, publishes to the bucket (S3Proxy stands
 * in for the provisioned bucket's objects), and invalidates one path per changed object, since the
 * provisioned distribution's function rewrites directories before the cache.
 */
class PublishByDomainTest {

  @RegisterExtension
  final S3ProxyExtension s3proxy = S3ProxyExtension.builder().withCredentials("access", "secret")
      .withBlobStoreProvider("transient").build();

  @TempDir Path dir;

  @Test
  void publishByDomainAloneInvalidatesOnePathPerChangedObject() throws IOException {
    FakeAws aws = new FakeAws();
    aws.addHostedZone("example.com", false);
    Provisioner.builder(SiteSpec.builder("example.com", "eu-west-1").aliases(List.of("www.example.com")).build())
        .aws(new AwsServices(aws.sts(), aws.route53(), aws.acm(), aws.cloudFront(), aws.s3(), null, null, null, null))
        .pollInterval(Duration.ZERO).build().provision();

    SiteDiscovery.Target target = SiteDiscovery.find(aws.cloudFront(), "example.com");
    assertThat(target.provisioned()).isTrue();
    S3Client s3 = S3Client.builder().endpointOverride(s3proxy.getUri()).forcePathStyle(true).region(Region.of(target.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"))).build();
    s3.createBucket(b -> b.bucket(target.bucket()));

    Path site = dir.resolve("site");
    write(site, "index.html", "home");
    write(site, "posts/a/index.html", "post a");
    write(site, "css/style.0123abcd89.css", "body{}");
    publish(site, s3, aws, target);

    write(site, "index.html", "home, changed");
    write(site, "posts/a/index.html", "post a, changed");
    PublishReport second = publish(site, s3, aws, target);
    assertThat(second.invalidationPaths()).containsExactly("/index.html", "/posts/a/index.html");
  }

  private PublishReport publish(Path site, S3Client s3, FakeAws aws, SiteDiscovery.Target target) {
    return Publisher.builder(site, new S3Store(s3, target.bucket(), "", target.region()))
        .invalidator(new CloudFrontInvalidator(aws.cloudFront(), target.distributionId(), Duration.ofMillis(1), 2, m -> {}))
        .objectPathsOnly(target.provisioned())
        .build().publish();
  }

  private static void write(Path site, String path, String text) throws IOException {
    Path f = site.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }
}
