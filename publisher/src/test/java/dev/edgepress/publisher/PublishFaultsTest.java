package dev.edgepress.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepress.publisher.aws.AwsClients;
import dev.edgepress.publisher.store.S3Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A network that fails: publish finishes or says why, and running it again converges. */
class PublishFaultsTest {

  @RegisterExtension
  final S3ProxyExtension s3proxy = S3ProxyExtension.builder().withCredentials("access", "secret")
      .withBlobStoreProvider("transient").build();

  @TempDir Path dir;

  S3Client client(java.net.URI endpoint) {
    return AwsClients.s3(Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")), Optional.of(endpoint), 8);
  }

  void site(Path site, int pages, String version) throws IOException {
    for (int i = 0; i < pages; i++) {
      Path f = site.resolve("posts/p" + i + "/index.html");
      Files.createDirectories(f.getParent());
      Files.writeString(f, "<p>post " + i + " " + (i % 3 == 0 ? version : "") + "</p>");
    }
    Files.writeString(site.resolve("index.html"), "home " + version);
    Files.writeString(site.resolve("style.css"), "body{}" + version);
  }

  Map<String, String> bucket(S3Client s3) {
    Map<String, String> out = new TreeMap<>();
    s3.listObjectsV2Paginator(b -> b.bucket("bkt")).contents().forEach(o -> {
      if (!o.key().startsWith(".edgepress/")) {
        out.put(o.key(), s3.getObject(r -> r.bucket("bkt").key(o.key()), ResponseTransformer.toBytes()).asUtf8String());
      }
    });
    return out;
  }

  Map<String, String> local(Path site) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (var walk = Files.walk(site)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        out.put(site.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    return out;
  }

  @Test
  void publishUnderFaultsConvergesToExactlyTheSite() throws Exception {
    S3Client direct = client(s3proxy.getUri());
    direct.createBucket(b -> b.bucket("bkt"));
    Path site = dir.resolve("site");
    try (FaultyProxy proxy = new FaultyProxy(s3proxy.getUri(), 0.3, 42)) {
      S3Client faulty = client(proxy.endpoint());
      for (String version : new String[] {"v1", "v2"}) {
        site(site, 120, version);
        if (version.equals("v2")) {
          // a removed page, to be deleted
          Files.delete(site.resolve("posts/p7/index.html"));
        }
        int runs = 0;
        boolean done = false;
        while (!done) {
          runs++;
          assertThat(runs).as("runs to converge").isLessThanOrEqualTo(15);
          try {
            Publisher.builder(site, new S3Store(faulty, "bkt", "", "us-east-1")).concurrency(8).build().publish();
            done = true;
          } catch (PublishException e) {
            assertThat(e.getMessage()).as("a clear message").contains("b");
          }
        }
        // S3Proxy (unlike S3) can leave a temporary object behind for an upload cut mid-way, and
        // may do so after the publish that succeeded has listed the bucket. One more publish on a
        // quiet network removes such a stray object like any other stale one.
        proxy.enabled(false);
        Thread.sleep(300);
        Publisher.builder(site, new S3Store(faulty, "bkt", "", "us-east-1")).build().publish();
        assertThat(bucket(direct)).isEqualTo(local(site));
        proxy.enabled(true);
      }
      assertThat(proxy.faults.get()).as("faults were injected").isGreaterThan(0);
      proxy.enabled(false);
      PublishReport noop = Publisher.builder(site, new S3Store(faulty, "bkt", "", "us-east-1")).build().publish();
      assertThat(noop.uploaded() + noop.copied() + noop.deleted()).isZero();
    }
  }

  @Test
  void noCredentialsSaysWhichSettingToUse() throws IOException {
    site(dir.resolve("site"), 1, "v1");
    S3Client s3 = AwsClients.s3(Region.US_EAST_1,
        AwsClients.credentials(Optional.of("edgepress-no-such-profile"), Optional.empty(), Optional.empty(), Optional.empty()),
        Optional.of(s3proxy.getUri()), 2);
    assertThatThrownBy(() -> Publisher.builder(dir.resolve("site"), new S3Store(s3, "bkt", "", "us-east-1")).build().publish())
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("No AWS credentials found")
        .hasMessageContaining("-Dedgepress.profile")
        .hasMessageContaining("-Dedgepress.serverId");
  }

  @Test
  void wrongCredentialsAreNamedWithoutShowingTheSecret() throws IOException {
    site(dir.resolve("site"), 1, "v1");
    client(s3proxy.getUri()).createBucket(b -> b.bucket("bkt"));
    S3Client s3 = AwsClients.s3(Region.US_EAST_1,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "wrong-secret-value")),
        Optional.of(s3proxy.getUri()), 2);
    assertThatThrownBy(() -> Publisher.builder(dir.resolve("site"), new S3Store(s3, "bkt", "", "us-east-1")).build().publish())
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("rejected the credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-value"));
  }
}
