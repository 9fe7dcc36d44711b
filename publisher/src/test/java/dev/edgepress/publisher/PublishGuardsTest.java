package dev.edgepress.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepress.generator.Generator;
import dev.edgepress.publisher.PublishRefusedException.Reason;
import dev.edgepress.publisher.store.DirectoryStore;
import dev.edgepress.publisher.store.S3Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Nothing unsafe or empty is published: a site with no content pages, a site without site.yaml or
 * built for localhost bound for a bucket, a publish deleting most of the bucket's pages (unless
 * forced). Each is refused before anything at the destination changes; a dry run never overwrites
 * the last real publish's report.
 */
class PublishGuardsTest {

  @RegisterExtension
  final S3ProxyExtension s3proxy = S3ProxyExtension.builder().withCredentials("access", "secret")
      .withBlobStoreProvider("transient").build();

  @TempDir Path dir;
  Path site;
  S3Client s3;
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  final ExecutionInterceptor recorder = new ExecutionInterceptor() {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
      calls.add(attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  };

  @BeforeEach
  void setUp() {
    s3 = S3Client.builder().endpointOverride(s3proxy.getUri()).forcePathStyle(true).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret")))
        .overrideConfiguration(c -> c.addExecutionInterceptor(recorder)).build();
    s3.createBucket(b -> b.bucket("site-bucket"));
    site = dir.resolve("site");
  }

  // --- a site to publish -------------------------------------------------------------------------

  void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A site's sources: site.yaml (unless baseUrl is null) and one Markdown page per name. */
  void sources(String baseUrl, String... pages) throws IOException {
    Files.createDirectories(site.resolve("content"));
    if (baseUrl != null) {
      write(site.resolve("site.yaml"), "title: Guarded\nbaseUrl: " + baseUrl + "\n");
    }
    for (String page : pages) {
      write(site.resolve("content/" + page + ".md"), "---\ntitle: " + page + "\n---\nText of " + page + ".\n");
    }
  }

  void build() {
    Generator.builder(site).build().build();
  }

  Path built() {
    return site.resolve("target/site");
  }

  Publisher.Builder toBucket() {
    return Publisher.builder(built(), new S3Store(s3, "site-bucket", "", "us-east-1"))
        .siteConfig(site.resolve("site.yaml")).reportDirectory(dir.resolve("report"))
        .listener(new PublishListener() {
          @Override
          public void warn(String message) {
            warnings.add(message);
          }
        });
  }

  Publisher.Builder toFolder() {
    return Publisher.builder(built(), new DirectoryStore(dir.resolve("bucket")))
        .siteConfig(site.resolve("site.yaml")).reportDirectory(dir.resolve("report"));
  }

  /** The bucket's objects and their bytes. */
  Map<String, String> bucket() {
    Map<String, String> out = new TreeMap<>();
    s3.listObjectsV2Paginator(b -> b.bucket("site-bucket")).contents().forEach(o -> out.put(o.key(),
        s3.getObject(r -> r.bucket("site-bucket").key(o.key()), ResponseTransformer.toBytes()).asUtf8String()));
    return out;
  }

  // --- 1. no content pages -----------------------------------------------------------------------

  @Test
  void aSiteBuiltFromAnEmptyContentFolderIsRefusedBeforeTheBucketIsRead() throws IOException {
    sources("https://www.example.com/", "about", "hello");
    build();
    toBucket().build().publish();
    Map<String, String> published = bucket();
    assertThat(published).containsKeys("about/index.html", "hello/index.html");

    Files.delete(site.resolve("content/about.md"));
    Files.delete(site.resolve("content/hello.md"));
    build();
    calls.clear();
    assertThatThrownBy(() -> toBucket().build().publish()).isInstanceOf(PublishRefusedException.class)
        .hasMessageContaining("has no content pages")
        .hasMessageContaining("Add pages to content/")
        .hasMessageContaining("Nothing was changed")
        .satisfies(e -> assertThat(((PublishRefusedException) e).reason()).isEqualTo(Reason.NO_CONTENT_PAGES));
    assertThat(calls).as("the bucket is not even listed").isEmpty();
    assertThat(bucket()).isEqualTo(published);
  }

  @Test
  void noContentPagesIsRefusedForTheLocalFolderTooAndForceDoesNotOverrideIt() throws IOException {
    sources(null);
    build();
    assertThatThrownBy(() -> toFolder().force(true).build().publish()).isInstanceOf(PublishRefusedException.class)
        .hasMessageContaining("has no content pages");
    assertThat(dir.resolve("bucket")).doesNotExist();
  }

  @Test
  void aDryRunOfASiteWithNoContentPagesShowsItsPlanAndWarnsThatAPublishWouldBeRefused() throws IOException {
    sources(null);
    build();
    PublishReport dry = toBucket().dryRun(true).build().publish();
    assertThat(dry.uploaded()).isPositive();
    assertThat(warnings).anyMatch(w -> w.startsWith("A publish would be refused: Nothing to publish:")
        && w.contains("has no content pages"));
    assertThat(bucket()).isEmpty();
    assertThat(dir.resolve("report/publish-report.json")).doesNotExist();
  }

  // --- 2. no site.yaml, or a localhost baseUrl, for a bucket --------------------------------------

  @Test
  void withoutSiteYamlABucketIsRefusedNamingTheFileWhileTheLocalFolderIsAllowed() throws IOException {
    sources(null, "about");
    build();
    calls.clear();
    assertThatThrownBy(() -> toBucket().build().publish()).isInstanceOf(PublishRefusedException.class)
        .hasMessageContaining("Refusing to publish to s3://site-bucket/")
        .hasMessageContaining("there is no " + site.resolve("site.yaml").toAbsolutePath())
        .hasMessageContaining("baseUrl: https://")
        .satisfies(e -> assertThat(((PublishRefusedException) e).reason()).isEqualTo(Reason.NO_SITE_CONFIG));
    assertThat(calls).as("the bucket is not compared with").isEmpty();
    assertThat(bucket()).isEmpty();

    PublishReport local = toFolder().build().publish();
    assertThat(local.uploaded()).isPositive();
    assertThat(dir.resolve("bucket/about/index.html")).exists();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/", "http://127.0.0.1/blog/", "http://[::1]/"})
  void aSiteBuiltForALocalAddressIsRefusedForABucket(String baseUrl) throws IOException {
    sources(baseUrl, "about");
    build();
    calls.clear();
    assertThatThrownBy(() -> toBucket().force(true).build().publish()).isInstanceOf(PublishRefusedException.class)
        .hasMessageContaining("was built for " + baseUrl)
        .hasMessageContaining("Set baseUrl in " + site.resolve("site.yaml").toAbsolutePath())
        .satisfies(e -> assertThat(((PublishRefusedException) e).reason()).isEqualTo(Reason.LOCAL_BASE_URL));
    assertThat(calls).isEmpty();
    assertThat(bucket()).isEmpty();
    assertThat(toFolder().build().publish().uploaded()).as("the local folder takes it").isPositive();
  }

  @Test
  void aSiteThatIsOnlyItsHomePageIsPublished() throws IOException {
    // The build's record counts content/_index.md as a page: no HTML heuristics needed.
    sources("https://www.example.com/", "_index");
    build();
    assertThat(built().resolve(".edgepress/build.txt")).content()
        .isEqualTo("contentPages=1\nbaseUrl=https://www.example.com/\n");
    assertThat(toBucket().build().publish().uploaded()).isPositive();
    assertThat(bucket()).containsKey("index.html").doesNotContainKey(".edgepress/build.txt");
  }

  @Test
  void staticHtmlAloneIsNoContent() throws IOException {
    sources("https://www.example.com/");
    write(site.resolve("static/landing.html"), "<!doctype html><title>x</title>");
    build();
    assertThatThrownBy(() -> toBucket().build().publish()).isInstanceOf(PublishRefusedException.class)
        .hasMessageContaining("has no content pages");
  }

  @Test
  void aPublicBaseUrlIsPublished() throws IOException {
    sources("https://www.example.com/", "about");
    build();
    assertThat(toBucket().build().publish().uploaded()).isPositive();
    assertThat(bucket()).containsKey("about/index.html");
  }

  @Test
  void withoutBeingToldOfSiteYamlALocalhostBuildIsStillRefused() throws IOException {
    sources(null, "about");
    build();
    assertThatThrownBy(() -> Publisher.builder(built(), new S3Store(s3, "site-bucket", "", "us-east-1")).build()
        .publish()).isInstanceOf(PublishRefusedException.class).hasMessageContaining("was built for http://localhost/");
  }

  // --- 3. deleting more than half of the bucket's pages --------------------------------------------

  /** A hand-made site of the home page and {@code pages} posts, with its site.yaml. */
  void pages(int pages) throws IOException {
    write(site.resolve("site.yaml"), "title: Guarded\nbaseUrl: https://www.example.com/\n");
    for (int i = 0; i < pages; i++) {
      write(built().resolve("posts/p" + i + "/index.html"), "post " + i);
    }
    write(built().resolve("index.html"), "home");
    write(built().resolve("style.css"), "body{}");
  }

  void removePosts(int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      Files.delete(built().resolve("posts/p" + i + "/index.html"));
    }
  }

  @Test
  void deletingMoreThanHalfOfTheBucketsPagesIsRefusedUntilForced() throws IOException {
    pages(11);
    toBucket().build().publish();
    Map<String, String> published = bucket();
    removePosts(0, 7);
    calls.clear();
    assertThatThrownBy(() -> toBucket().build().publish()).isInstanceOf(PublishRefusedException.class)
        .hasMessageContaining("would delete 7 of the 12 HTML pages s3://site-bucket/ has, more than half")
        .hasMessageContaining("nothing was changed")
        .hasMessageContaining(dir.resolve("report/plan.json").toString())
        .hasMessageContaining("-Dedgepress.force")
        .satisfies(e -> assertThat(((PublishRefusedException) e).reason()).isEqualTo(Reason.MOST_PAGES_DELETED));
    assertThat(calls).containsExactly("ListObjectsV2", "GetObject");
    assertThat(bucket()).isEqualTo(published);

    PublishReport forced = toBucket().force(true).build().publish();
    assertThat(forced.deleted()).isEqualTo(7);
    assertThat(bucket()).doesNotContainKeys("posts/p0/index.html", "posts/p6/index.html")
        .containsKey("posts/p7/index.html");
  }

  @Test
  void deletingHalfOfTheBucketsPagesIsAllowed() throws IOException {
    pages(11);
    toBucket().build().publish();
    removePosts(0, 6);
    assertThat(toBucket().build().publish().deleted()).isEqualTo(6);
  }

  @Test
  void aSmallSiteMayDropMostOfItsPages() throws IOException {
    pages(8);
    toBucket().build().publish();
    removePosts(0, 7);
    assertThat(toBucket().build().publish().deleted()).as("7 of 9 pages, under the 10 the rule needs").isEqualTo(7);
  }

  @Test
  void aDryRunWarnsOfTheRefusalInsteadOfFailing() throws IOException {
    pages(11);
    toBucket().build().publish();
    removePosts(0, 7);
    PublishReport dry = toBucket().dryRun(true).build().publish();
    assertThat(dry.deleted()).isEqualTo(7);
    assertThat(warnings)
        .anyMatch(w -> w.startsWith("A publish would be refused: The publish would delete 7 of the 12"));
    assertThat(bucket()).containsKey("posts/p0/index.html");
  }

  // --- 4. a dry run writes only plan.json ---------------------------------------------------------

  @Test
  void aDryRunLeavesTheLastPublishReportByteIdenticalAndWritesItsPlan() throws IOException {
    pages(3);
    toBucket().build().publish();
    Path report = dir.resolve("report/publish-report.json");
    byte[] before = Files.readAllBytes(report);
    write(built().resolve("posts/p1/index.html"), "post 1, edited");
    Files.delete(built().resolve("posts/p2/index.html"));
    Files.delete(dir.resolve("report/plan.json"));

    PublishReport dry = toBucket().dryRun(true).build().publish();
    assertThat(dry.dryRun()).isTrue();
    assertThat(Files.readAllBytes(report)).isEqualTo(before);
    assertThat(Files.readString(dir.resolve("report/plan.json")))
        .contains("\"path\": \"posts/p1/index.html\"")
        .containsPattern("\"deletes\": \\[\\s*\"posts/p2/index.html\"\\s*\\]");
    assertThat(bucket()).containsKey("posts/p2/index.html");
  }
}
