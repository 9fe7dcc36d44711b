package dev.edgepress.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepress.headers.HeaderRules;
import dev.edgepress.publisher.invalidation.CloudFrontInvalidator;
import dev.edgepress.publisher.store.S3Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** Publishing to S3 (S3Proxy in-process) with CloudFront (a local fake), as a user runs it. */
class PublishS3Test {

  @RegisterExtension
  final S3ProxyExtension s3proxy = S3ProxyExtension.builder().withCredentials("access", "secret")
      .withBlobStoreProvider("transient").build();

  @TempDir Path dir;
  Path site;
  S3Client s3;
  FakeCloudFront cloudFront;
  CloudFrontClient cf;
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());

  /** Records each S3 call as OPERATION key, in the order they were made. */
  final ExecutionInterceptor recorder = new ExecutionInterceptor() {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
      String op = attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      String key = "";
      try {
        key = context.request().getValueForField("Key", String.class).orElse("");
      } catch (RuntimeException e) {
        // no key
      }
      calls.add((op + " " + key).trim());
    }
  };

  @BeforeEach
  void setUp() throws IOException {
    s3 = S3Client.builder().endpointOverride(s3proxy.getUri()).forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
        .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
    s3.createBucket(b -> b.bucket("site-bucket"));
    cloudFront = new FakeCloudFront();
    cf = CloudFrontClient.builder().endpointOverride(cloudFront.endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"))).build();
    site = dir.resolve("site");
    write("index.html", "<link href=/css/style.0123abcd89.css><img src=/img/logo.png>home");
    write("posts/a/index.html", "<link href=/css/style.0123abcd89.css>post a");
    write("posts/b/index.html", "<link href=/css/style.0123abcd89.css>post b");
    write("css/style.0123abcd89.css", "body{}");
    write("img/logo.png", "PNG");
    write("index.xml", "<rss/>");
    write("sitemap.xml", "<urlset/>");
    write("404.html", "not found");
    // The build's record of the copies it fingerprinted with asset(): served immutable, never published.
    write(".edgepress/fingerprinted.txt", "css/style.0123abcd89.css\n");
  }

  @AfterEach
  void tearDown() {
    cloudFront.close();
  }

  void write(String path, String text) throws IOException {
    Path f = site.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  Publisher.Builder publisher(String prefix) {
    return Publisher.builder(site, new S3Store(s3, "site-bucket", prefix, "us-east-1"))
        .invalidator(new CloudFrontInvalidator(cf, "E2EXAMPLE", Duration.ofMillis(10), 5, m -> {}))
        .reportDirectory(dir.resolve("report"));
  }

  PublishReport publish() {
    calls.clear();
    return publisher("").build().publish();
  }

  List<String> mutating() {
    return calls.stream().filter(c -> !c.startsWith("ListObjectsV2") && !c.startsWith("GetObject")).toList();
  }

  @Test
  void firstPublishUploadsEverythingAndTheSecondMakesNoChange() throws IOException {
    PublishReport first = publish();
    assertThat(first.uploaded()).isEqualTo(8);
    assertThat(first.invalidationPaths()).isEmpty();
    assertThat(cloudFront.created).isEmpty();
    HeadObjectResponse css = s3.headObject(b -> b.bucket("site-bucket").key("css/style.0123abcd89.css"));
    assertThat(css.contentType()).isEqualTo("text/css; charset=utf-8");
    assertThat(css.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    HeadObjectResponse home = s3.headObject(b -> b.bucket("site-bucket").key("index.html"));
    // S3Proxy's web server drops the space before charset; S3 keeps the header as sent.
    assertThat(home.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
    assertThat(home.cacheControl()).isEqualTo("public, max-age=0, s-maxage=31536000, must-revalidate");

    PublishReport second = publish();
    assertThat(calls).containsExactly("ListObjectsV2", "GetObject .edgepress/manifest.tsv");
    assertThat(second.uploaded() + second.copied() + second.deleted()).isZero();
    assertThat(second.unchanged()).isEqualTo(8);
    assertThat(cloudFront.requests.get()).isZero();
    assertThat(Files.readString(dir.resolve("report/publish-report.json")))
        .contains("\"uploaded\": 0", "\"requests\": {\"GET\": 1, \"LIST\": 1}");
  }

  /** Sets every site file's time {@code minutes} back, as files a build left alone have. */
  void age(int minutes) throws IOException {
    FileTime then = FileTime.from(Instant.now().minus(Duration.ofMinutes(minutes)));
    try (var walk = Files.walk(site)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(f, then);
      }
    }
  }

  @Test
  void aRepublishReadsOnlyFilesWhoseSizeOrTimeChangedYetUploadsOneChangedBehindTheBuildsBack() throws IOException {
    age(60);
    assertThat(publish().hashed()).isEqualTo(8);
    Path hashes = dir.resolve("report/local-hashes.tsv");
    FileTime recorded = Files.getLastModifiedTime(hashes);
    Files.setLastModifiedTime(hashes, FileTime.from(recorded.toInstant().minusSeconds(60)));
    PublishReport second = publish();
    assertThat(second.hashed()).as("nothing read again").isZero();
    assertThat(second.unchanged()).isEqualTo(8);
    assertThat(Files.getLastModifiedTime(hashes)).as("a record that says the same is not written again")
        .isEqualTo(FileTime.from(recorded.toInstant().minusSeconds(60)));

    // Rewritten by hand, same size: its time changed, so it is read, found different and uploaded.
    Path a = site.resolve("posts/a/index.html");
    Files.writeString(a, Files.readString(a).replace("post a", "post A"));
    Files.setLastModifiedTime(a, FileTime.from(Instant.now().minus(Duration.ofMinutes(30))));
    PublishReport third = publish();
    assertThat(third.hashed()).isEqualTo(1);
    assertThat(third.uploaded()).isEqualTo(1);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("site-bucket").key("posts/a/index.html")).asUtf8String())
        .endsWith("post A");

    // No trustworthy record: every file is read again, and nothing is uploaded for it.
    Files.writeString(dir.resolve("report/local-hashes.tsv"), "not a hash cache\n");
    PublishReport fourth = publish();
    assertThat(fourth.hashed()).isEqualTo(8);
    assertThat(fourth.uploaded() + fourth.copied()).isZero();
    assertThat(Files.readString(dir.resolve("report/publish-report.json"))).contains("\"hashed\": 8");
  }

  @Test
  void aFileWrittenJustBeforeItWasHashedIsReadAgainNextTime() {
    // Written now: a second write within the file system's time granularity would keep the time.
    assertThat(publish().hashed()).isEqualTo(8);
    assertThat(publish().hashed()).isEqualTo(8);
  }

  @Test
  void assetsGoUpBeforeThePagesThatUseThemAndTheHomePageLast() {
    publish();
    List<String> puts = calls.stream().filter(c -> c.startsWith("PutObject")).map(c -> c.substring(10)).toList();
    // Within a phase files go in parallel; the phases are in order.
    assertThat(puts.subList(0, 2)).containsExactlyInAnyOrder("css/style.0123abcd89.css", "img/logo.png");
    assertThat(puts.subList(2, 5)).containsExactlyInAnyOrder("404.html", "posts/a/index.html", "posts/b/index.html");
    assertThat(puts.get(5)).isEqualTo("index.html");
    assertThat(puts.subList(6, 8)).containsExactlyInAnyOrder("index.xml", "sitemap.xml");
    assertThat(puts.get(8)).isEqualTo(".edgepress/manifest.tsv");
  }

  @Test
  void editingOnePostUploadsOnlyItAndInvalidatesOnlyItsUrls() throws IOException {
    publish();
    write("posts/a/index.html", "<link href=/css/style.0123abcd89.css>post a, edited");
    PublishReport r = publish();
    assertThat(mutating()).containsExactly(
        "PutObject posts/a/index.html", "PutObject .edgepress/manifest.tsv", "PutObject .edgepress/manifest.tsv");
    assertThat(r.invalidationPaths()).containsExactly("/posts/a", "/posts/a/", "/posts/a/index.html");
    assertThat(cloudFront.created).hasSize(1);
    assertThat(cloudFront.created.get(0).paths()).containsExactlyInAnyOrder("/posts/a", "/posts/a/", "/posts/a/index.html");
    assertThat(publish().uploaded()).isZero();
    assertThat(cloudFront.created).hasSize(1);
  }

  @Test
  void waitingForTheInvalidationAsksCloudFrontUntilItIsComplete() throws IOException {
    publish();
    write("posts/b/index.html", "post b, edited");
    PublishReport r = publisher("").waitForInvalidation(true).build().publish();
    assertThat(r.invalidationId()).isEqualTo("I1");
    assertThat(cloudFront.requests.get()).as("one create, then at least one get").isGreaterThanOrEqualTo(2);
  }

  @Test
  void aNewFingerprintedAssetNeedsNoInvalidation() throws IOException {
    publish();
    write("css/style.ffff0000aa.css", "body{color:red}");
    write(".edgepress/fingerprinted.txt", "css/style.0123abcd89.css\ncss/style.ffff0000aa.css\n");
    PublishReport r = publish();
    assertThat(r.uploaded()).isEqualTo(1);
    assertThat(r.invalidationPaths()).isEmpty();
  }

  @Test
  void changingACacheControlRuleCopiesInsteadOfUploading() {
    publish();
    calls.clear();
    PublishReport r = publisher("").headerRules(HeaderRules.withOverrides(Map.of("img/**", "public, max-age=86400")))
        .build().publish();
    assertThat(r.copied()).isEqualTo(1);
    assertThat(r.uploaded()).isZero();
    assertThat(mutating()).contains("CopyObject img/logo.png").doesNotContain("PutObject img/logo.png");
    assertThat(s3.headObject(b -> b.bucket("site-bucket").key("img/logo.png")).cacheControl())
        .isEqualTo("public, max-age=86400");
    assertThat(r.invalidationPaths()).containsExactly("/img/logo.png");
  }

  @Test
  void removedPagesAreDeletedLastAfterTheInvalidation() throws IOException {
    publish();
    Files.delete(site.resolve("posts/b/index.html"));
    write("index.html", "<link href=/css/style.0123abcd89.css>home without b");
    PublishReport r = publish();
    assertThat(r.deleted()).isEqualTo(1);
    assertThat(mutating().get(mutating().size() - 1)).isEqualTo("DeleteObjects");
    assertThat(mutating()).containsSubsequence("PutObject index.html", "PutObject .edgepress/manifest.tsv", "DeleteObjects");
    assertThat(cloudFront.created.get(0).paths()).contains("/posts/b/", "/", "/index.html");
    assertThat(s3.listObjectsV2(b -> b.bucket("site-bucket")).contents()).noneMatch(o -> o.key().startsWith("posts/b/"));
    // The manifest forgets what was deleted, so it does not grow with every page ever published.
    assertThat(s3.getObjectAsBytes(b -> b.bucket("site-bucket").key(".edgepress/manifest.tsv")).asUtf8String())
        .doesNotContain("posts/b/index.html").contains("posts/a/index.html");
  }

  @Test
  void moreDeletionsThanMaxDeletesChangeNothingAndSayWhy() throws IOException {
    publish();
    Files.delete(site.resolve("posts/a/index.html"));
    Files.delete(site.resolve("img/logo.png"));
    Files.delete(site.resolve("404.html"));
    write("index.html", "changed too");
    calls.clear();
    assertThatThrownBy(() -> publisher("").maxDeletes(2).build().publish())
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("would delete 3 objects")
        .hasMessageContaining("more than maxDeletes (2); nothing was changed")
        .hasMessageContaining("-Dedgepress.force");
    assertThat(mutating()).isEmpty();
    calls.clear();
    PublishReport forced = publisher("").maxDeletes(2).force(true).build().publish();
    assertThat(forced.deleted()).isEqualTo(3);
  }

  @Test
  void aDryRunChangesNothingAndWritesThePlan() throws IOException {
    publish();
    write("posts/a/index.html", "edited");
    calls.clear();
    PublishReport r = publisher("").dryRun(true).build().publish();
    assertThat(r.dryRun()).isTrue();
    assertThat(r.uploaded()).isEqualTo(1);
    assertThat(mutating()).isEmpty();
    assertThat(cloudFront.requests.get()).isZero();
    assertThat(Files.readString(dir.resolve("report/plan.json")))
        .contains("\"path\": \"posts/a/index.html\", \"reason\": \"changed\"", "\"/posts/a/\"");
  }

  @Test
  void nothingOutsideThePrefixIsTouched() {
    s3.putObject(b -> b.bucket("site-bucket").key("other/keep.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    s3.putObject(b -> b.bucket("site-bucket").key("www-old/stale.html"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
    calls.clear();
    PublishReport r = publisher("www/").build().publish();
    assertThat(r.uploaded()).isEqualTo(8);
    assertThat(r.deleted()).isZero();
    assertThat(calls).allMatch(c -> !c.contains(" ") || c.contains(" www/"));
    assertThat(s3.listObjectsV2(b -> b.bucket("site-bucket")).contents()).extracting(o -> o.key())
        .contains("other/keep.txt", "www-old/stale.html", "www/index.html");
  }

  @Test
  void tooManyInvalidationsInProgressIsRetried() throws IOException {
    publish();
    write("404.html", "gone");
    cloudFront.busyAnswers.set(2);
    PublishReport r = publish();
    assertThat(r.invalidationId()).isEqualTo("I1");
    assertThat(cloudFront.created).hasSize(1);
  }

  @Test
  void aMissingBucketSaysSo() {
    assertThatThrownBy(() -> Publisher.builder(site, new S3Store(s3, "no-such-bucket", "", "us-east-1")).build().publish())
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("The bucket 'no-such-bucket' does not exist");
  }

  @Test
  void anEmptySiteIsNeverPublished() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> Publisher.builder(empty, new S3Store(s3, "site-bucket", "", "us-east-1")).build().publish())
        .isInstanceOf(PublishException.class).hasMessageContaining("is empty");
  }
}
