package dev.edgepress.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.Generator;
import dev.edgepress.publisher.aws.AwsClients;
import dev.edgepress.publisher.invalidation.CloudFrontInvalidator;
import dev.edgepress.publisher.store.S3Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The publish benchmark of issue 3, run by hand on a corpus from shared/bench/gen-corpus.py (not in
 * CI: it needs the corpus):
 * {@code mvn -pl publisher -am test -Dtest=PublishBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dedgepress.bench=DIR}.
 */
class PublishBenchmarkTest {

  @RegisterExtension
  final S3ProxyExtension s3proxy = S3ProxyExtension.builder().withCredentials("access", "secret")
      .withBlobStoreProvider("transient").build();

  @Test
  void tenThousandPages() throws Exception {
    String dir = System.getProperty("edgepress.bench");
    Assumptions.assumeTrue(dir != null, "set -Dedgepress.bench=DIR to run");
    Path corpus = Path.of(dir);
    Path out = corpus.resolve("target/bench-site");
    Generator generator = Generator.builder(corpus).outputDirectory(out).build();
    generator.build();
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"));
    var s3 = AwsClients.s3(Region.US_EAST_1, creds, Optional.of(s3proxy.getUri()), 16);
    s3.createBucket(b -> b.bucket("bench-site"));
    try (FakeCloudFront cf = new FakeCloudFront()) {
      var cloudFront = AwsClients.cloudFront(creds, Optional.of(cf.endpoint()));
      java.util.function.Supplier<PublishReport> publish = () -> Publisher.builder(out, new S3Store(s3, "bench-site", "", "us-east-1"))
          .invalidator(new CloudFrontInvalidator(cloudFront, "E2EXAMPLE", Duration.ofSeconds(1), 3, m -> {}))
          .concurrency(16).build().publish();

      PublishReport first = publish.get();
      System.out.printf("BENCH first publish: %d files, %.1f MB in %.1f s = %.0f files/s; requests %s%n",
          first.uploaded(), first.bytes() / 1e6, first.seconds(), first.uploaded() / first.seconds(), first.requests());

      PublishReport noop = publish.get();
      System.out.printf("BENCH no-op republish: %.2f s; requests %s; uploaded %d copied %d deleted %d%n",
          noop.seconds(), noop.requests(), noop.uploaded(), noop.copied(), noop.deleted());

      Path post = corpus.resolve("content/posts/post-00042.md");
      String text = Files.readString(post);
      Files.writeString(post, text.replaceFirst("\n## ", "\nAn edited sentence in the middle of the post.\n\n## "));
      try {
        generator.build();
        PublishReport one = publish.get();
        System.out.printf("BENCH one-post change: %.2f s; requests %s; uploaded %d; invalidation paths %s%n",
            one.seconds(), one.requests(), one.uploaded(), one.invalidationPaths());
        assertThat(one.uploaded()).isGreaterThanOrEqualTo(1);
      } finally {
        Files.writeString(post, text);
      }
    }
  }
}
