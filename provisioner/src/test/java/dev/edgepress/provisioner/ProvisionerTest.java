package dev.edgepress.provisioner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgepress.provisioner.aws.AwsServices;
import dev.edgepress.provisioner.fake.FakeAws;
import dev.edgepress.publisher.aws.SiteDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.HttpVersion;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Provisioning against the in-memory AWS of {@link FakeAws}, whose services agree with each other
 * and behave over time as AWS does (late validation records, issuing only once the CNAME is in the
 * zone, distributions InProgress then Deployed, DNS changes PENDING then INSYNC). State is read back
 * through the same SDK interfaces a user's tools would use.
 */
class ProvisionerTest {

  @TempDir Path dir;
  FakeAws aws;
  String zone;

  @BeforeEach
  void account() {
    aws = new FakeAws();
    zone = aws.addHostedZone("example.com", false);
  }

  SiteSpec spec() {
    return SiteSpec.builder("example.com", "eu-west-1").aliases(List.of("www.example.com")).build();
  }

  Provisioner.Builder provisioner(SiteSpec spec) {
    return Provisioner.builder(spec)
        .aws(new AwsServices(aws.sts(), aws.route53(), aws.acm(), aws.cloudFront(), aws.s3(), null, null, null, null))
        .pollInterval(Duration.ZERO)
        .reportFile(dir.resolve("provision-report.json"));
  }

  ProvisionReport provision() {
    return provisioner(spec()).build().provision();
  }

  List<DistributionSummary> distributions() {
    var list = aws.cloudFront().listDistributions(r -> r.maxItems("1000")).distributionList();
    return list.items();
  }

  DistributionSummary siteDistribution() {
    return distributions().stream().filter(d -> d.aliases().items().contains("example.com")).findFirst().orElseThrow();
  }

  List<CertificateSummary> certificates() {
    return aws.acm().listCertificates(r -> r.maxItems(1000)).certificateSummaryList();
  }

  List<ResourceRecordSet> records() {
    return aws.route53().listResourceRecordSets(r -> r.hostedZoneId(zone).maxItems("300")).resourceRecordSets();
  }

  List<String> bucketNames() {
    return aws.buckets().stream().filter(b -> !aws.bucket(b).foreign()).toList();
  }

  /** ListFunctions lists each stage (DEVELOPMENT, LIVE) of a function. */
  List<String> functionNames() {
    return aws.cloudFront().listFunctions(r -> r.maxItems("100")).functionList().items().stream()
        .map(f -> f.name()).distinct().toList();
  }

  @Test
  void fromAnEmptyAccountToALiveSiteThenASecondRunChangesNothing() throws Exception {
    ProvisionReport report = provision();

    assertThat(report.complete()).isTrue();
    assertThat(report.url()).contains("https://example.com/");
    DistributionSummary d = siteDistribution();
    assertThat(d.status()).isEqualTo("Deployed");
    DistributionConfig config = aws.cloudFront().getDistributionConfig(r -> r.id(d.id())).distributionConfig();
    assertThat(config.aliases().items()).containsExactlyInAnyOrder("example.com", "www.example.com");
    assertThat(config.httpVersion()).isEqualTo(HttpVersion.HTTP2_AND3);
    assertThat(config.isIPV6Enabled()).isTrue();
    assertThat(config.defaultRootObject()).isEqualTo("index.html");
    assertThat(config.viewerCertificate().sslSupportMethodAsString()).isEqualTo("sni-only");
    assertThat(config.viewerCertificate().minimumProtocolVersionAsString()).isEqualTo("TLSv1.2_2021");
    assertThat(config.defaultCacheBehavior().viewerProtocolPolicyAsString()).isEqualTo("redirect-to-https");
    assertThat(config.defaultCacheBehavior().cachePolicyId()).isEqualTo("658327ea-f89d-4fab-a63d-7e88639e58f6");
    assertThat(config.defaultCacheBehavior().compress()).isTrue();
    assertThat(config.defaultCacheBehavior().functionAssociations().items()).singleElement()
        .satisfies(f -> assertThat(f.eventTypeAsString()).isEqualTo("viewer-request"));
    assertThat(config.customErrorResponses().items()).extracting(e -> e.errorCode() + " " + e.responsePagePath() + " " + e.responseCode())
        .containsExactlyInAnyOrder("403 /404.html 404", "404 /404.html 404");
    assertThat(config.priceClassAsString()).isEqualTo("PriceClass_100");
    assertThat(aws.cloudFront().listTagsForResource(r -> r.resource(d.arn())).tags().items())
        .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("edgepress:site=example.com"));

    // The certificate is ISSUED, in the distribution, and covers both names.
    String certificate = config.viewerCertificate().acmCertificateArn();
    assertThat(certificate).startsWith("arn:aws:acm:us-east-1:");
    assertThat(certificates()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CertificateStatus.ISSUED));

    // A private bucket in the region, readable only by this distribution, TLS only.
    assertThat(bucketNames()).singleElement().asString().startsWith("example-com-site-");
    String bucket = bucketNames().get(0);
    assertThat(aws.s3().getBucketLocation(r -> r.bucket(bucket)).locationConstraintAsString()).isEqualTo("eu-west-1");
    var block = aws.s3().getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration();
    assertThat(List.of(block.blockPublicAcls(), block.ignorePublicAcls(), block.blockPublicPolicy(), block.restrictPublicBuckets()))
        .containsOnly(true);
    String policy = aws.s3().getBucketPolicy(r -> r.bucket(bucket)).policy();
    assertThat(policy).contains("\"AWS:SourceArn\": \"" + d.arn() + "\"").contains("s3:ListBucket")
        .contains("aws:SecureTransport");
    assertThat(config.origins().items()).singleElement().satisfies(o -> {
      assertThat(o.domainName()).isEqualTo(bucket + ".s3.eu-west-1.amazonaws.com");
      assertThat(o.originAccessControlId()).isNotBlank();
      assertThat(o.s3OriginConfig().originAccessIdentity()).isEmpty();
    });

    // A and AAAA aliases for both names.
    List<String> aliases = new ArrayList<>();
    for (ResourceRecordSet r : records()) {
      if (r.aliasTarget() != null) {
        aliases.add(r.type() + " " + r.name() + " " + r.aliasTarget().hostedZoneId() + " " + r.aliasTarget().dnsName());
      }
    }
    String target = d.domainName().endsWith(".") ? d.domainName() : d.domainName() + ".";
    assertThat(aliases.stream().map(a -> a.replace(target, "D.").replace("D..", "D.")).toList()).containsExactlyInAnyOrder(
        "A example.com. Z2FDTNDATAQYW2 D.", "AAAA example.com. Z2FDTNDATAQYW2 D.",
        "A www.example.com. Z2FDTNDATAQYW2 D.", "AAAA www.example.com. Z2FDTNDATAQYW2 D.");

    String json = Files.readString(dir.resolve("provision-report.json"));
    assertThat(json).contains("\"complete\": true").contains(d.id()).contains(certificate).contains(bucket);

    aws.clearCalls();
    ProvisionReport again = provision();
    assertThat(aws.mutatingCalls()).isEmpty();
    assertThat(again.changesNothing()).isTrue();
    assertThat(again.complete()).isTrue();
  }

  @Test
  void theDryRunPlanListsEveryResourceAndChangesNothing() {
    ProvisionReport plan = provisioner(spec()).dryRun(true).build().provision();
    assertThat(aws.mutatingCalls()).isEmpty();
    assertThat(plan.changes()).extracting(Change::resource).containsExactly("hosted-zone", "certificate", "bucket",
        "origin-access-control", "function", "response-headers-policy", "distribution", "bucket-policy", "dns-records");
    assertThat(plan.changes().subList(1, plan.changes().size())).allSatisfy(c -> {
      assertThat(c.action()).isIn(Change.Action.CREATE, Change.Action.UPDATE);
      assertThat(c.status()).isEqualTo(Change.Status.PLANNED);
    });
    assertThat(plan.complete()).isFalse();
  }

  /** Each step's first mutating call fails once; the next run converges with no duplicates. */
  @ParameterizedTest
  @ValueSource(strings = {"acm:RequestCertificate", "route53:ChangeResourceRecordSets", "s3:CreateBucket",
      "s3:PutBucketTagging", "cloudfront:CreateOriginAccessControl", "cloudfront:CreateFunction",
      "cloudfront:PublishFunction", "cloudfront:CreateResponseHeadersPolicy", "cloudfront:CreateDistribution",
      "s3:PutBucketPolicy"})
  void aRunThatFailsAtAnyStepIsFinishedByTheNext(String action) {
    aws.failNext(action);
    assertThatThrownBy(this::provision).isNotNull();
    ProvisionReport report = provision();
    assertConverged(report);
  }

  static Stream<String> steps() {
    return Stream.of("hosted-zone", "certificate", "bucket", "origin-access-control", "function",
        "response-headers-policy", "distribution", "bucket-policy", "dns-records");
  }

  /** The run is stopped (as by Ctrl-C) right after each step; the next converges with no duplicates. */
  @ParameterizedTest
  @MethodSource("steps")
  void aRunStoppedAfterAnyStepIsFinishedByTheNext(String step) {
    class Stop extends RuntimeException {}
    ProvisionListener stopper = new ProvisionListener() {
      @Override
      public void stepDone(String s) {
        if (s.equals(step)) {
          throw new Stop();
        }
      }
    };
    assertThatThrownBy(() -> provisioner(spec()).listener(stopper).build().provision()).isInstanceOf(Stop.class);
    assertConverged(provision());
  }

  private void assertConverged(ProvisionReport report) {
    assertThat(report.complete()).isTrue();
    assertThat(distributions()).hasSize(1);
    assertThat(certificates()).hasSize(1);
    assertThat(bucketNames()).hasSize(1);
    assertThat(functionNames()).hasSize(1);
    assertThat(aws.cloudFront().listOriginAccessControls(r -> r.maxItems("100")).originAccessControlList().items()).hasSize(1);
    assertThat(aws.cloudFront().listResponseHeadersPolicies(r -> r.type("custom").maxItems("100"))
        .responseHeadersPolicyList().items()).hasSize(1);
    aws.clearCalls();
    assertThat(provision().changesNothing()).isTrue();
    assertThat(aws.mutatingCalls()).isEmpty();
  }

  @Test
  void aFieldChangedByHandShowsInThePlanAndIsPutBack() {
    provision();
    String id = siteDistribution().id();
    aws.editDistribution(id, c -> c.toBuilder().httpVersion(HttpVersion.HTTP1_1).defaultRootObject("").build());
    aws.clearCalls();

    ProvisionReport plan = provisioner(spec()).dryRun(true).build().provision();
    assertThat(aws.mutatingCalls()).isEmpty();
    assertThat(plan.change("distribution").orElseThrow().differences())
        .containsExactlyInAnyOrder("httpVersion http1.1 -> http2and3", "defaultRootObject  -> index.html");

    // Someone edits it again between our read and our write: the stale ETag is refused, read again, retried.
    aws.bumpEtagAfterNextGetConfig(id);
    provision();
    DistributionConfig config = aws.cloudFront().getDistributionConfig(r -> r.id(id)).distributionConfig();
    assertThat(config.httpVersion()).isEqualTo(HttpVersion.HTTP2_AND3);
    assertThat(config.defaultRootObject()).isEqualTo("index.html");
    assertThat(aws.calls().stream().filter(c -> c.equals("cloudfront:UpdateDistribution"))).hasSize(2);
    aws.clearCalls();
    provision();
    assertThat(aws.mutatingCalls()).isEmpty();
  }

  @Test
  void anIssuedCertificateThatCoversEveryNameIsReused() {
    String existing = aws.addIssuedCertificate("example.com", "*.example.com");
    provision();
    assertThat(aws.calls()).doesNotContain("acm:RequestCertificate");
    String used = aws.cloudFront().getDistributionConfig(r -> r.id(siteDistribution().id()))
        .distributionConfig().viewerCertificate().acmCertificateArn();
    assertThat(used).isEqualTo(existing);
  }

  @Test
  void anAliasHeldByAForeignDistributionIsAClearErrorBeforeAnyChange() {
    String foreign = aws.addForeignDistribution("www.example.com");
    assertThatThrownBy(this::provision).isInstanceOf(ProvisionException.class)
        .hasMessageContaining("www.example.com is already an alias of CloudFront distribution " + foreign)
        .hasMessageContaining("Edgepress did not make")
        .hasMessageContaining("Nothing was changed");
    assertThat(aws.mutatingCalls()).isEmpty();
  }

  @Test
  void destroyRemovesWhatProvisionMadeAndNothingElse() {
    aws.wireFormatRoute53Ids = true; // ids as "/hostedzone/Z..." and "/change/C...": normalised by the provisioner
    aws.addRecord(zone, "blog.example.com", "A", 300, "192.0.2.10");
    String foreign = aws.addForeignDistribution("other.example.org");
    provision();
    assertThatThrownBy(() -> provisioner(spec()).build().destroy("www.example.com"))
        .hasMessageContaining("-Dedgepress.confirm=example.com");

    ProvisionReport report = provisioner(spec()).build().destroy("example.com");

    assertThat(report.complete()).isTrue();
    assertThat(distributions()).extracting(DistributionSummary::id).containsExactly(foreign);
    assertThat(bucketNames()).isEmpty();
    assertThat(certificates()).isEmpty();
    assertThat(functionNames()).isEmpty();
    assertThat(aws.cloudFront().listOriginAccessControls(r -> r.maxItems("100")).originAccessControlList().items()).isEmpty();
    assertThat(aws.cloudFront().listResponseHeadersPolicies(r -> r.type("custom").maxItems("100"))
        .responseHeadersPolicyList().items()).isEmpty();
    List<String> left = records().stream().map(r -> r.type() + " " + r.name()).toList();
    assertThat(left).contains("A blog.example.com.").doesNotContain("A example.com.", "AAAA www.example.com.");
    assertThat(records()).anyMatch(r -> r.type() == RRType.CNAME); // validation records are kept for renewals
    assertThat(report.change("certificate-validation").orElseThrow().action()).isEqualTo(Change.Action.KEEP);
  }

  @Test
  void withoutWaitingEachRunReturnsAndTheNextCarriesOn() {
    ProvisionReport first = provisioner(spec()).waitForCompletion(false).build().provision();
    assertThat(first.complete()).isFalse();
    assertThat(first.next().orElseThrow()).contains("waiting for DNS validation").contains("Run mvn edgepress:provision again");
    assertThat(first.change("distribution").orElseThrow().status()).isEqualTo(Change.Status.PLANNED);

    ProvisionReport second = provisioner(spec()).waitForCompletion(false).build().provision();
    assertThat(second.change("distribution").orElseThrow().status()).isEqualTo(Change.Status.PENDING);
    assertThat(second.next().orElseThrow()).contains("deploying");
    assertThat(distributions()).hasSize(1);

    // Time passes: CloudFront finishes deploying.
    for (int i = 0; i < 5; i++) {
      aws.cloudFront().getDistribution(r -> r.id(siteDistribution().id()));
    }
    aws.clearCalls();
    ProvisionReport third = provisioner(spec()).waitForCompletion(false).build().provision();
    assertThat(third.complete()).isTrue();
    assertThat(aws.mutatingCalls()).isEmpty();
  }

  @Test
  void aCertificateStuckInValidationNamesTheRecordAndTheUsualCause() {
    aws.zonesDelegated = false;
    var quick = new dev.edgepress.provisioner.steps.Context.Timeouts(Duration.ofSeconds(5), Duration.ofMillis(50),
        Duration.ofSeconds(5), Duration.ofSeconds(5));
    List<String> waits = new ArrayList<>();
    ProvisionListener listener = new ProvisionListener() {
      @Override
      public void waiting(String what, long seconds) {
        waits.add(what);
      }
    };
    assertThatThrownBy(() -> provisioner(spec()).timeouts(quick).pollInterval(Duration.ofMillis(5)).listener(listener)
        .build().provision())
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("is still PENDING_VALIDATION")
        .hasMessageMatching("(?s).*dig \\+short CNAME _[0-9a-f]+\\.example\\.com\\..*")
        .hasMessageContaining("NS records of hosted zone " + zone);
    assertThat(waits).anyMatch(w -> w.contains("to be issued"));
    // The request and its records are kept: once delegation is fixed, the next run finishes.
    aws.zonesDelegated = true;
    assertThat(provision().complete()).isTrue();
    assertThat(certificates()).hasSize(1);
  }

  @Test
  void aDomainInNoZoneSaysHowToCreateOrDelegateOne() {
    SiteSpec spec = SiteSpec.builder("example.net", "eu-west-1").build();
    assertThatThrownBy(() -> provisioner(spec).build().provision()).isInstanceOf(ProvisionException.class)
        .hasMessageContaining("No public Route 53 hosted zone of this AWS account holds example.net")
        .hasMessageContaining("create-hosted-zone --name example.net")
        .hasMessageContaining("name servers at your registrar");
    assertThat(aws.mutatingCalls()).isEmpty();
  }

  @Test
  void zoneIdsAreTheSameWithOrWithoutTheirPrefix() {
    SiteSpec spec = SiteSpec.builder("example.com", "eu-west-1").hostedZoneId(java.util.Optional.of("/hostedzone/" + zone)).build();
    ProvisionReport report = provisioner(spec).dryRun(true).build().provision();
    assertThat(report.change("hosted-zone").orElseThrow().id()).isEqualTo(zone);
  }

  @Test
  void aMissingPermissionIsNamedAndWhatWasMadeIsInTheReport() throws Exception {
    aws.deny("cloudfront:CreateDistribution");
    assertThatThrownBy(this::provision).isInstanceOf(ProvisionException.class)
        .hasMessageContaining("lack the permission cloudfront:CreateDistribution");
    String json = Files.readString(dir.resolve("provision-report.json"));
    assertThat(json).contains("\"resource\": \"bucket\"").contains("\"status\": \"done\"")
        .contains("\"resource\": \"distribution\"").contains("\"status\": \"failed\"")
        .contains("lack the permission cloudfront:CreateDistribution");
  }

  @Test
  void aBucketNameTakenByAnotherAccountIsAClearError() {
    aws.addForeignBucket("taken-site-bucket");
    SiteSpec spec = SiteSpec.builder("example.com", "eu-west-1").bucket(java.util.Optional.of("taken-site-bucket")).build();
    assertThatThrownBy(() -> provisioner(spec).build().provision()).isInstanceOf(ProvisionException.class)
        .hasMessageContaining("The bucket name taken-site-bucket is taken")
        .hasMessageContaining("another AWS account");
  }

  @Test
  void publishFindsTheBucketAndDistributionFromTheDomainAlone() {
    provision();
    SiteDiscovery.Target target = SiteDiscovery.find(aws.cloudFront(), "example.com");
    assertThat(target.bucket()).isEqualTo(bucketNames().get(0));
    assertThat(target.region()).isEqualTo("eu-west-1");
    assertThat(target.distributionId()).isEqualTo(siteDistribution().id());
    assertThat(target.provisioned()).isTrue();
    assertThat(SiteDiscovery.find(aws.cloudFront(), "www.example.com").provisioned()).isFalse();
  }
}
