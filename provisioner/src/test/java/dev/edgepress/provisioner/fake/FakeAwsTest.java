package dev.edgepress.provisioner.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CnameAlreadyExistsException;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfigWithTags;
import software.amazon.awssdk.services.cloudfront.model.FunctionInUseException;
import software.amazon.awssdk.services.cloudfront.model.FunctionRuntime;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.InconsistentQuantitiesException;
import software.amazon.awssdk.services.cloudfront.model.InvalidFunctionAssociationException;
import software.amazon.awssdk.services.cloudfront.model.InvalidIfMatchVersionException;
import software.amazon.awssdk.services.cloudfront.model.InvalidViewerCertificateException;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlInUseException;
import software.amazon.awssdk.services.cloudfront.model.PreconditionFailedException;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FakeAwsTest {

    private final FakeAws aws = new FakeAws();
    private final Route53Client route53 = aws.route53();
    private final AcmClient acm = aws.acm();
    private final CloudFrontClient cloudFront = aws.cloudFront();

    @Test
    void validationRecordsAppearLateAndTheCertificateIsIssuedOnlyOnceTheCnameIsInTheZone() {
        String zone = aws.addHostedZone("example.com", false);
        String arn = acm.requestCertificate(r -> r.domainName("example.com").subjectAlternativeNames("*.example.com")
                .validationMethod(ValidationMethod.DNS).idempotencyToken("site_example_com")).certificateArn();
        assertThat(acm.requestCertificate(r -> r.domainName("example.com").subjectAlternativeNames("*.example.com")
                .validationMethod(ValidationMethod.DNS).idempotencyToken("site_example_com")).certificateArn())
                .as("same token, same arguments").isEqualTo(arn);

        for (int i = 0; i < aws.describesUntilValidationRecords; i++) {
            assertThat(describe(arn).domainValidationOptions()).allSatisfy(v -> assertThat(v.resourceRecord()).isNull());
        }
        CertificateDetail detail = describe(arn);
        List<DomainValidation> options = detail.domainValidationOptions();
        assertThat(options).extracting(DomainValidation::domainName).containsExactly("example.com", "*.example.com");
        assertThat(options.get(0).resourceRecord()).as("apex and wildcard share one record")
                .isEqualTo(options.get(1).resourceRecord());
        assertThat(options.get(0).resourceRecord().name()).matches("_[0-9a-f]{32}\\.example\\.com\\.");
        assertThat(options.get(0).resourceRecord().value()).endsWith(".acm-validations.aws.");
        assertThat(detail.status()).isEqualTo(CertificateStatus.PENDING_VALIDATION);

        var record = options.get(0).resourceRecord();
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c.action("UPSERT")
                .resourceRecordSet(s -> s.name(record.name()).type("CNAME").ttl(300L)
                        .resourceRecords(v -> v.value(record.value()))))));

        assertThat(describe(arn).status()).isEqualTo(CertificateStatus.ISSUED);
    }

    @Test
    void aChangeIsPendingBeforeItIsInSync() {
        String zone = aws.addHostedZone("example.com", false);
        String change = route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(c -> c
                .action("CREATE").resourceRecordSet(s -> s.name("www.example.com").type("A").ttl(60L)
                        .resourceRecords(v -> v.value("192.0.2.1")))))).changeInfo().id();

        assertThat(change).as("the SDK strips /change/").startsWith("C");
        assertThat(route53.getChange(r -> r.id(change)).changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
        assertThat(route53.getChange(r -> r.id(change)).changeInfo().status()).isEqualTo(ChangeStatus.INSYNC);
        assertThat(aws.records(zone)).extracting(ResourceRecordSet::name)
                .containsExactly("example.com.", "example.com.", "www.example.com.");
    }

    @Test
    void route53RefusesDuplicatesBadAliasesAndPrefixedIds() {
        String zone = aws.addHostedZone("example.com", false);
        aws.addRecord(zone, "www.example.com", "A", 60, "192.0.2.1");

        assertThatThrownBy(() -> route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                c -> c.action("CREATE").resourceRecordSet(s -> s.name("www.example.com.").type("A").ttl(60L)
                        .resourceRecords(v -> v.value("192.0.2.2")))))))
                .isInstanceOf(InvalidChangeBatchException.class)
                .hasMessageContaining("[Tried to create resource record set [name='www.example.com.', type='A'] "
                        + "but it already exists]");
        assertThatThrownBy(() -> route53.changeResourceRecordSets(r -> r.hostedZoneId(zone).changeBatch(b -> b.changes(
                c -> c.action("UPSERT").resourceRecordSet(s -> s.name("example.com").type("A")
                        .aliasTarget(a -> a.hostedZoneId(FakeAws.CLOUDFRONT_HOSTED_ZONE_ID)
                                .dnsName("d1234567890abc.cloudfront.net").evaluateTargetHealth(false)))))))
                .isInstanceOf(InvalidChangeBatchException.class)
                .hasMessageContaining("does not lie within the target zone");
        assertThatThrownBy(() -> route53.getHostedZone(r -> r.id("/hostedzone/" + zone)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(route53.listHostedZones().hostedZones().get(0).id()).isEqualTo(zone);
    }

    @Test
    void aDistributionIsDeployedAfterAFewGets() {
        String id = cloudFront.createDistributionWithTags(r -> r.distributionConfigWithTags(withTags(minimalConfig("ref-1")
                .build()))).distribution().id();

        assertThat(id).matches("E[A-Z0-9]{13}");
        for (int i = 0; i < aws.getsUntilDeployed; i++) {
            assertThat(cloudFront.getDistribution(r -> r.id(id)).distribution().status()).isEqualTo("InProgress");
        }
        assertThat(cloudFront.getDistribution(r -> r.id(id)).distribution().status()).isEqualTo("Deployed");
        assertThat(aws.calls()).startsWith("cloudfront:CreateDistribution", "cloudfront:TagResource");
        assertThat(aws.tags(aws.distributions().get(0).arn())).containsEntry("edgepress:site", "example.com");

        DistributionConfig stored = cloudFront.getDistributionConfig(r -> r.id(id)).distributionConfig();
        assertThat(stored.aliases().quantity()).isZero();
        assertThat(stored.cacheBehaviors().quantity()).isZero();
        assertThat(stored.priceClassAsString()).isEqualTo("PriceClass_All");
        assertThat(stored.httpVersionAsString()).isEqualTo("http2");
        assertThat(stored.viewerCertificate().cloudFrontDefaultCertificate()).isTrue();
    }

    @Test
    void updatesNeedTheCurrentEtag() {
        String id = cloudFront.createDistribution(r -> r.distributionConfig(minimalConfig("ref-1").build()))
                .distribution().id();
        aws.bumpEtagAfterNextGetConfig(id);
        GetDistributionConfigResponse current = cloudFront.getDistributionConfig(r -> r.id(id));
        DistributionConfig disabled = current.distributionConfig().toBuilder().enabled(false).build();

        assertThatThrownBy(() -> cloudFront.updateDistribution(r -> r.id(id).distributionConfig(disabled)))
                .isInstanceOf(InvalidIfMatchVersionException.class);
        assertThatThrownBy(() -> cloudFront.updateDistribution(r -> r.id(id).distributionConfig(disabled)
                .ifMatch(current.eTag())))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
        String fresh = cloudFront.getDistributionConfig(r -> r.id(id)).eTag();
        cloudFront.updateDistribution(r -> r.id(id).distributionConfig(disabled).ifMatch(fresh));
        assertThat(aws.distributions().get(0).distributionConfig().enabled()).isFalse();
    }

    @Test
    void aMissingQuantityIsMalformedAndAWrongOneInconsistent() {
        DistributionConfig noQuantity = minimalConfig("ref-1").aliases(a -> a.items("www.example.com")).build();
        assertThatThrownBy(() -> cloudFront.createDistribution(r -> r.distributionConfig(noQuantity)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedXML");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value null at "
                            + "'distributionConfig.aliases.quantity' failed to satisfy constraint: Member must not be null");
                });
        DistributionConfig wrongQuantity = minimalConfig("ref-1").aliases(a -> a.quantity(2).items("www.example.com"))
                .build();
        assertThatThrownBy(() -> cloudFront.createDistribution(r -> r.distributionConfig(wrongQuantity)))
                .isInstanceOf(InconsistentQuantitiesException.class);
        assertThat(aws.distributions()).isEmpty();
    }

    @Test
    void aliasesNeedACoveringCertificateAndBelongToOneDistribution() {
        aws.addForeignDistribution("www.example.com");
        String cert = aws.addIssuedCertificate("example.com", "*.example.com");

        DistributionConfig noCertificate = minimalConfig("ref-1")
                .aliases(a -> a.quantity(1).items("example.com")).build();
        assertThatThrownBy(() -> cloudFront.createDistribution(r -> r.distributionConfig(noCertificate)))
                .isInstanceOf(InvalidViewerCertificateException.class);

        DistributionConfig taken = minimalConfig("ref-1").aliases(a -> a.quantity(2).items("example.com", "www.example.com"))
                .viewerCertificate(v -> v.acmCertificateArn(cert).sslSupportMethod("sni-only")
                        .minimumProtocolVersion("TLSv1.2_2021")).build();
        assertThatThrownBy(() -> cloudFront.createDistribution(r -> r.distributionConfig(taken)))
                .isInstanceOfSatisfying(CnameAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("CNAMEAlreadyExists");
                });

        DistributionConfig tooDeep = taken.toBuilder().aliases(a -> a.quantity(1).items("a.b.example.com")).build();
        assertThatThrownBy(() -> cloudFront.createDistribution(r -> r.distributionConfig(tooDeep)))
                .as("a wildcard covers one label").isInstanceOf(InvalidViewerCertificateException.class);
    }

    @Test
    void functionsMustBePublishedBeforeTheyAreAssociated() {
        String etag = cloudFront.createFunction(r -> r.name("rewrite").functionConfig(c -> c.comment("index.html")
                .runtime(FunctionRuntime.CLOUDFRONT_JS_2_0)).functionCode(SdkBytes.fromUtf8String("function handler(e){return e.request}")))
                .eTag();
        String arn = cloudFront.describeFunction(r -> r.name("rewrite")).functionSummary().functionMetadata().functionARN();
        DistributionConfig withFunction = minimalConfig("ref-1").defaultCacheBehavior(minimalConfig("x").build()
                .defaultCacheBehavior().toBuilder().functionAssociations(f -> f.quantity(1)
                        .items(a -> a.functionARN(arn).eventType("viewer-request"))).build()).build();

        assertThatThrownBy(() -> cloudFront.createDistribution(r -> r.distributionConfig(withFunction)))
                .isInstanceOf(InvalidFunctionAssociationException.class);
        cloudFront.publishFunction(r -> r.name("rewrite").ifMatch(etag));
        assertThat(cloudFront.getFunction(r -> r.name("rewrite").stage(FunctionStage.LIVE)).functionCode().asUtf8String())
                .contains("handler");
        cloudFront.createDistribution(r -> r.distributionConfig(withFunction));
        assertThatThrownBy(() -> cloudFront.deleteFunction(r -> r.name("rewrite").ifMatch(etag)))
                .isInstanceOf(FunctionInUseException.class);
    }

    @Test
    void anOriginAccessControlInUseCannotBeDeleted() {
        var oac = cloudFront.createOriginAccessControl(r -> r.originAccessControlConfig(c -> c.name("site-oac")
                .signingProtocol("sigv4").signingBehavior("always").originAccessControlOriginType("s3")));
        String oacId = oac.originAccessControl().id();
        DistributionConfig s3Origin = minimalConfig("ref-1").origins(o -> o.quantity(1).items(i -> i.id("s3")
                .domainName("site.s3.eu-west-1.amazonaws.com").originAccessControlId(oacId)
                .s3OriginConfig(s -> s.originAccessIdentity("")))).defaultCacheBehavior(b -> b.targetOriginId("s3")
                .viewerProtocolPolicy("redirect-to-https").cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")).build();
        cloudFront.createDistribution(r -> r.distributionConfig(s3Origin));

        assertThatThrownBy(() -> cloudFront.deleteOriginAccessControl(r -> r.id(oacId).ifMatch(oac.eTag())))
                .isInstanceOf(OriginAccessControlInUseException.class);
    }

    @Test
    void createBucketAnswersAsS3Does() {
        S3Client s3 = aws.s3("us-east-1");
        s3.createBucket(r -> r.bucket("site-us"));
        s3.createBucket(r -> r.bucket("site-us"));   // us-east-1: 200 on a bucket you own
        assertThat(aws.bucket("site-us").publicAccessBlock().blockPublicPolicy()).isTrue();
        assertThat(aws.bucket("site-us").objectOwnership()).isEqualTo("BucketOwnerEnforced");
        assertThat(s3.getBucketLocation(r -> r.bucket("site-us")).locationConstraintAsString()).isEmpty();

        S3Client eu = aws.s3("eu-west-1");
        eu.createBucket(r -> r.bucket("site-eu"));     // the SDK adds LocationConstraint eu-west-1
        assertThat(aws.bucket("site-eu").region()).isEqualTo("eu-west-1");
        assertThatThrownBy(() -> eu.createBucket(r -> r.bucket("site-eu")))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class);

        aws.addForeignBucket("taken");
        assertThatThrownBy(() -> s3.createBucket(r -> r.bucket("taken"))).isInstanceOf(BucketAlreadyExistsException.class);
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("taken")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("nothing"))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> s3.createBucket(r -> r.bucket("site-x").createBucketConfiguration(c -> c
                .locationConstraint("us-east-1"))))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidLocationConstraint"));

        eu.putObject(r -> r.bucket("site-eu").key("index.html"), RequestBody.fromString("<h1>hi</h1>"));
        assertThatThrownBy(() -> eu.deleteBucket(r -> r.bucket("site-eu")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThatThrownBy(() -> eu.getBucketPolicy(r -> r.bucket("site-eu")))
                .isInstanceOfSatisfying(S3Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucketPolicy"));
    }

    @Test
    void denyUsesAwsWordingAndFailNextFailsOnceBeforeAnyEffect() {
        aws.deny("cloudfront:CreateDistribution");
        assertThatThrownBy(() -> cloudFront.createDistribution(r -> r.distributionConfig(minimalConfig("ref-1").build())))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:iam::123456789012:user/tester "
                            + "is not authorized to perform: cloudfront:CreateDistribution on resource: ");
                });
        aws.deny("s3:ListBucket");
        assertThatThrownBy(() -> aws.s3().headBucket(r -> r.bucket("any")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));

        aws.failNext("route53:ListHostedZones");
        assertThatThrownBy(route53::listHostedZones)
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(route53.listHostedZones().hostedZones()).isEmpty();

        assertThat(aws.calls()).containsExactly("cloudfront:CreateDistribution", "s3:HeadBucket",
                "route53:ListHostedZones", "route53:ListHostedZones");
        assertThat(aws.mutatingCalls()).containsExactly("cloudfront:CreateDistribution");
    }

    // ------------------------------------------------------------------ helpers

    private CertificateDetail describe(String arn) {
        return acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
    }

    private static DistributionConfigWithTags withTags(DistributionConfig config) {
        return DistributionConfigWithTags.builder().distributionConfig(config)
                .tags(t -> t.items(Tag.builder().key("edgepress:site").value("example.com").build())).build();
    }

    /** The smallest config CloudFront accepts: one custom origin, a managed cache policy. */
    private static DistributionConfig.Builder minimalConfig(String callerReference) {
        return DistributionConfig.builder()
                .callerReference(callerReference)
                .comment("example.com")
                .enabled(true)
                .origins(o -> o.quantity(1).items(i -> i.id("web").domainName("origin.example.net")
                        .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy("https-only"))))
                .defaultCacheBehavior(b -> b.targetOriginId("web").viewerProtocolPolicy("redirect-to-https")
                        .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"));
    }
}
