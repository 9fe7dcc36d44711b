package dev.edgepress.provisioner.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontServiceClientConfiguration;
import software.amazon.awssdk.services.cloudfront.model.ActiveTrustedKeyGroups;
import software.amazon.awssdk.services.cloudfront.model.ActiveTrustedSigners;
import software.amazon.awssdk.services.cloudfront.model.Aliases;
import software.amazon.awssdk.services.cloudfront.model.AllowedMethods;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CacheBehaviors;
import software.amazon.awssdk.services.cloudfront.model.CachedMethods;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CnameAlreadyExistsException;
import software.amazon.awssdk.services.cloudfront.model.CookiePreference;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionWithTagsRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateDistributionWithTagsResponse;
import software.amazon.awssdk.services.cloudfront.model.CreateFunctionRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.CreateOriginAccessControlRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateOriginAccessControlResponse;
import software.amazon.awssdk.services.cloudfront.model.CreateResponseHeadersPolicyRequest;
import software.amazon.awssdk.services.cloudfront.model.CreateResponseHeadersPolicyResponse;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponses;
import software.amazon.awssdk.services.cloudfront.model.CustomHeaders;
import software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DeleteDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.DeleteDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.DeleteFunctionRequest;
import software.amazon.awssdk.services.cloudfront.model.DeleteFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.DeleteOriginAccessControlRequest;
import software.amazon.awssdk.services.cloudfront.model.DeleteOriginAccessControlResponse;
import software.amazon.awssdk.services.cloudfront.model.DeleteResponseHeadersPolicyRequest;
import software.amazon.awssdk.services.cloudfront.model.DeleteResponseHeadersPolicyResponse;
import software.amazon.awssdk.services.cloudfront.model.DescribeFunctionRequest;
import software.amazon.awssdk.services.cloudfront.model.DescribeFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.DistributionAlreadyExistsException;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionList;
import software.amazon.awssdk.services.cloudfront.model.DistributionNotDisabledException;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.ForwardedValues;
import software.amazon.awssdk.services.cloudfront.model.FunctionAlreadyExistsException;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociations;
import software.amazon.awssdk.services.cloudfront.model.FunctionConfig;
import software.amazon.awssdk.services.cloudfront.model.FunctionInUseException;
import software.amazon.awssdk.services.cloudfront.model.FunctionList;
import software.amazon.awssdk.services.cloudfront.model.FunctionMetadata;
import software.amazon.awssdk.services.cloudfront.model.FunctionSizeLimitExceededException;
import software.amazon.awssdk.services.cloudfront.model.FunctionSummary;
import software.amazon.awssdk.services.cloudfront.model.GeoRestriction;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigRequest;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.GetFunctionRequest;
import software.amazon.awssdk.services.cloudfront.model.GetFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationRequest;
import software.amazon.awssdk.services.cloudfront.model.GetInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.GetOriginAccessControlConfigRequest;
import software.amazon.awssdk.services.cloudfront.model.GetOriginAccessControlConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.GetOriginAccessControlRequest;
import software.amazon.awssdk.services.cloudfront.model.GetOriginAccessControlResponse;
import software.amazon.awssdk.services.cloudfront.model.GetResponseHeadersPolicyConfigRequest;
import software.amazon.awssdk.services.cloudfront.model.GetResponseHeadersPolicyConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.GetResponseHeadersPolicyRequest;
import software.amazon.awssdk.services.cloudfront.model.GetResponseHeadersPolicyResponse;
import software.amazon.awssdk.services.cloudfront.model.Headers;
import software.amazon.awssdk.services.cloudfront.model.IllegalOriginAccessConfigurationException;
import software.amazon.awssdk.services.cloudfront.model.IllegalUpdateException;
import software.amazon.awssdk.services.cloudfront.model.InconsistentQuantitiesException;
import software.amazon.awssdk.services.cloudfront.model.InvalidArgumentException;
import software.amazon.awssdk.services.cloudfront.model.InvalidDefaultRootObjectException;
import software.amazon.awssdk.services.cloudfront.model.InvalidDomainNameForOriginAccessControlException;
import software.amazon.awssdk.services.cloudfront.model.InvalidFunctionAssociationException;
import software.amazon.awssdk.services.cloudfront.model.InvalidIfMatchVersionException;
import software.amazon.awssdk.services.cloudfront.model.InvalidOriginException;
import software.amazon.awssdk.services.cloudfront.model.InvalidOriginKeepaliveTimeoutException;
import software.amazon.awssdk.services.cloudfront.model.InvalidOriginReadTimeoutException;
import software.amazon.awssdk.services.cloudfront.model.InvalidTaggingException;
import software.amazon.awssdk.services.cloudfront.model.InvalidViewerCertificateException;
import software.amazon.awssdk.services.cloudfront.model.Invalidation;
import software.amazon.awssdk.services.cloudfront.model.InvalidationBatch;
import software.amazon.awssdk.services.cloudfront.model.LambdaFunctionAssociations;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsRequest;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsResponse;
import software.amazon.awssdk.services.cloudfront.model.ListFunctionsRequest;
import software.amazon.awssdk.services.cloudfront.model.ListFunctionsResponse;
import software.amazon.awssdk.services.cloudfront.model.ListOriginAccessControlsRequest;
import software.amazon.awssdk.services.cloudfront.model.ListOriginAccessControlsResponse;
import software.amazon.awssdk.services.cloudfront.model.ListResponseHeadersPoliciesRequest;
import software.amazon.awssdk.services.cloudfront.model.ListResponseHeadersPoliciesResponse;
import software.amazon.awssdk.services.cloudfront.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudfront.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudfront.model.LoggingConfig;
import software.amazon.awssdk.services.cloudfront.model.NoSuchCachePolicyException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchDistributionException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchFunctionExistsException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchInvalidationException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchOriginAccessControlException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchOriginException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchOriginRequestPolicyException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchResourceException;
import software.amazon.awssdk.services.cloudfront.model.NoSuchResponseHeadersPolicyException;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControl;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlAlreadyExistsException;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlInUseException;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlList;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSummary;
import software.amazon.awssdk.services.cloudfront.model.OriginCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.OriginGroups;
import software.amazon.awssdk.services.cloudfront.model.OriginShield;
import software.amazon.awssdk.services.cloudfront.model.OriginSslProtocols;
import software.amazon.awssdk.services.cloudfront.model.Origins;
import software.amazon.awssdk.services.cloudfront.model.Paths;
import software.amazon.awssdk.services.cloudfront.model.PreconditionFailedException;
import software.amazon.awssdk.services.cloudfront.model.PublishFunctionRequest;
import software.amazon.awssdk.services.cloudfront.model.PublishFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.QueryStringCacheKeys;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicy;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyAlreadyExistsException;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyContentTypeOptions;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyFrameOptions;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyInUseException;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyList;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyReferrerPolicy;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySecurityHeadersConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyStrictTransportSecurity;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicySummary;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyXSSProtection;
import software.amazon.awssdk.services.cloudfront.model.Restrictions;
import software.amazon.awssdk.services.cloudfront.model.S3OriginConfig;
import software.amazon.awssdk.services.cloudfront.model.Tag;
import software.amazon.awssdk.services.cloudfront.model.TagResourceRequest;
import software.amazon.awssdk.services.cloudfront.model.TagResourceResponse;
import software.amazon.awssdk.services.cloudfront.model.Tags;
import software.amazon.awssdk.services.cloudfront.model.TooManyOriginCustomHeadersException;
import software.amazon.awssdk.services.cloudfront.model.TooLongCspInResponseHeadersPolicyException;
import software.amazon.awssdk.services.cloudfront.model.TrustedKeyGroups;
import software.amazon.awssdk.services.cloudfront.model.TrustedSigners;
import software.amazon.awssdk.services.cloudfront.model.UntagResourceRequest;
import software.amazon.awssdk.services.cloudfront.model.UntagResourceResponse;
import software.amazon.awssdk.services.cloudfront.model.UpdateDistributionRequest;
import software.amazon.awssdk.services.cloudfront.model.UpdateDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.UpdateFunctionRequest;
import software.amazon.awssdk.services.cloudfront.model.UpdateFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.UpdateOriginAccessControlRequest;
import software.amazon.awssdk.services.cloudfront.model.UpdateOriginAccessControlResponse;
import software.amazon.awssdk.services.cloudfront.model.UpdateResponseHeadersPolicyRequest;
import software.amazon.awssdk.services.cloudfront.model.UpdateResponseHeadersPolicyResponse;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;
import software.amazon.awssdk.services.cloudfront.waiters.CloudFrontWaiter;

/**
 * CloudFront (global): distributions, origin access controls, functions, response headers policies, tags and
 * invalidations. Requests are checked as CloudFront checks them (see {@link ModelCheck} and {@link #validate}), and a
 * changed distribution stays InProgress for {@link FakeAws#getsUntilDeployed} GetDistribution calls.
 */
@SuppressWarnings("deprecation") // the legacy cache settings and certificate fields are still the API
final class FakeCloudFront implements CloudFrontClient {

    static final String API = "https://cloudfront.amazonaws.com/2020-05-31";

    /** Managed cache policies (the ids are the same in every account). */
    static final Set<String> MANAGED_CACHE_POLICIES = Set.of(
            "658327ea-f89d-4fab-a63d-7e88639e58f6", // CachingOptimized
            "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", // CachingDisabled
            "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", // CachingOptimizedForUncompressedObjects
            "08627262-05a9-4f76-9ded-b50ca2e3a84f", // Elemental-MediaPackage
            "2e54312d-136d-493c-8eb9-b001f22f67d2", // Amplify
            "83da9c7e-98b4-4e11-a168-04f0df8e2c65", // UseOriginCacheControlHeaders
            "4cc15a8a-d715-48a4-82b8-cc0b614638fe"); // UseOriginCacheControlHeaders-QueryStrings

    /** Managed origin request policies. */
    static final Set<String> MANAGED_ORIGIN_REQUEST_POLICIES = Set.of(
            "216adef6-5c7f-47e4-b989-5492eafa07d3", // AllViewer
            "b689b0a8-53d0-40ab-baf2-68738e2966ac", // AllViewerExceptHostHeader
            "33f36d7e-f396-46d9-90e0-52428a34d9dc", // AllViewerAndCloudFrontHeaders-2022-06
            "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf", // CORS-S3Origin
            "59781a5b-3903-41f3-afcb-af62929ccde1", // CORS-CustomOrigin
            "acba4595-bd28-49b6-b9fa-6bb5e5d2d1c7", // UserAgentRefererHeaders
            "775133bc-15f2-49f9-abea-afb2e0bf67d2"); // Elemental-MediaTailor-PersonalizedManifests

    /** Headers CloudFront refuses to add to origin requests (plus any starting with X-Amz- or X-Edge-). */
    private static final Set<String> PROHIBITED_ORIGIN_HEADERS = Set.of("cache-control", "connection", "content-length",
            "cookie", "host", "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since",
            "max-forwards", "pragma", "proxy-authenticate", "proxy-authorization", "proxy-connection", "range",
            "request-range", "te", "trailer", "transfer-encoding", "upgrade", "via", "x-real-ip");
    /** The default quota of custom headers CloudFront adds to the requests of one origin. */
    private static final int MAX_ORIGIN_CUSTOM_HEADERS = 10;
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}");
    /** A bare host name: CloudFront wants no scheme, port or path in an origin's DomainName. */
    private static final Pattern ORIGIN_DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Set<String> SECURITY_HEADERS = Set.of("content-security-policy", "strict-transport-security",
            "x-content-type-options", "x-frame-options", "x-xss-protection", "referrer-policy");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");
    private static final Pattern S3_DOMAIN = Pattern.compile(
            "[a-z0-9][a-z0-9.-]*\\.s3(\\.dualstack)?([.-][a-z0-9-]+)?\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
    private static final String CNAME_NEEDS_CERTIFICATE = "To add an alternate domain name (CNAME) to a CloudFront "
            + "distribution, you must attach a trusted certificate that validates your authorization to use the domain "
            + "name. For more details, see: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html"
            + "#alternate-domain-names-requirements";
    private static final String BAD_CERTIFICATE = "The specified SSL certificate doesn't exist, isn't in us-east-1 "
            + "region, isn't valid, or doesn't include a valid certificate chain.";

    private final FakeAws w;
    private boolean closed;

    FakeCloudFront(FakeAws w) {
        this.w = w;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public CloudFrontServiceClientConfiguration serviceClientConfiguration() {
        return CloudFrontServiceClientConfiguration.builder().region(Region.AWS_GLOBAL).build();
    }

    @Override
    public CloudFrontWaiter waiter() {
        return CloudFrontWaiter.builder().client(this).build();
    }

    // ================================================================== distributions

    @Override
    public CreateDistributionResponse createDistribution(CreateDistributionRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:CreateDistribution", distributionArn("*"));
            if (request.distributionConfig() == null) {
                throw malformed(List.of("distributionConfig"));
            }
            FakeAws.Dist d = create(request.distributionConfig(), "distributionConfig", request.distributionConfig());
            return CreateDistributionResponse.builder().distribution(model(d)).eTag(d.etag)
                    .location(API + "/distribution/" + d.id).build();
        }
    }

    @Override
    public CreateDistributionWithTagsResponse createDistributionWithTags(CreateDistributionWithTagsRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:CreateDistributionWithTags", distributionArn("*"));
            if (request.distributionConfigWithTags() == null) {
                throw malformed(List.of("distributionConfigWithTags"));
            }
            Tags tags = request.distributionConfigWithTags().tags();
            FakeAws.Dist d = create(request.distributionConfigWithTags().distributionConfig(), "distributionConfigWithTags",
                    request.distributionConfigWithTags());
            LinkedHashMap<String, String> stored = new LinkedHashMap<>();
            if (tags != null && tags.hasItems()) {
                tags.items().forEach(t -> stored.put(t.key(), t.value() == null ? "" : t.value()));
            }
            w.cloudFrontTags.put(d.arn, stored);
            return CreateDistributionWithTagsResponse.builder().distribution(model(d)).eTag(d.etag)
                    .location(API + "/distribution/" + d.id).build();
        }
    }

    private FakeAws.Dist create(DistributionConfig config, String rootPath, SdkPojo root) {
        checkModel(root, rootPath);
        if (root instanceof software.amazon.awssdk.services.cloudfront.model.DistributionConfigWithTags withTags) {
            checkTags(withTags.tags());
        }
        for (FakeAws.Dist other : w.dists.values()) {
            if (other.callerReference.equals(config.callerReference())) {
                throw error(DistributionAlreadyExistsException.builder(), 409, "DistributionAlreadyExists",
                        "The caller reference that you are using to create a distribution is associated with another "
                                + "distribution. Already exists: " + other.id);
            }
        }
        validate(config, null);
        return newDistribution(w, config);
    }

    /** Stores a new distribution (already validated) and returns it. */
    static FakeAws.Dist newDistribution(FakeAws w, DistributionConfig config) {
        FakeAws.Dist d = new FakeAws.Dist();
        d.id = "E" + w.randomUpper(13);
        d.arn = distributionArn(d.id);
        d.domainName = "d" + w.randomLower(13) + ".cloudfront.net";
        d.callerReference = config.callerReference();
        d.config = withDefaults(config);
        changed(w, d);
        w.dists.put(d.id, d);
        return d;
    }

    /** After any change: a new ETag, InProgress, and the count towards Deployed starts again. */
    static void changed(FakeAws w, FakeAws.Dist d) {
        d.etag = w.newEtag();
        d.status = "InProgress";
        d.gets = 0;
        d.lastModified = Instant.now();
    }

    @Override
    public GetDistributionResponse getDistribution(GetDistributionRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:GetDistribution", distributionArn(id));
            FakeAws.Dist d = dist(id);
            d.gets++;
            if (d.status.equals("InProgress") && d.gets > w.getsUntilDeployed) {
                d.status = "Deployed";
            }
            return GetDistributionResponse.builder().distribution(model(d)).eTag(d.etag).build();
        }
    }

    @Override
    public GetDistributionConfigResponse getDistributionConfig(GetDistributionConfigRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:GetDistributionConfig", distributionArn(id));
            FakeAws.Dist d = dist(id);
            GetDistributionConfigResponse response = GetDistributionConfigResponse.builder()
                    .distributionConfig(d.config).eTag(d.etag).build();
            if (d.bumpAfterNextGetConfig) {
                d.bumpAfterNextGetConfig = false;
                changed(w, d);
            }
            return response;
        }
    }

    @Override
    public UpdateDistributionResponse updateDistribution(UpdateDistributionRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:UpdateDistribution", distributionArn(id));
            FakeAws.Dist d = dist(id);
            checkIfMatch(request.ifMatch(), d.etag);
            DistributionConfig config = request.distributionConfig();
            if (config == null) {
                throw malformed(List.of("distributionConfig"));
            }
            checkModel(config, "distributionConfig");
            if (!config.callerReference().equals(d.callerReference)) {
                throw error(IllegalUpdateException.builder(), 400, "IllegalUpdate",
                        "The CallerReference of a distribution cannot be changed.");
            }
            validate(config, d.id);
            d.config = withDefaults(config);
            changed(w, d);
            return UpdateDistributionResponse.builder().distribution(model(d)).eTag(d.etag).build();
        }
    }

    @Override
    public DeleteDistributionResponse deleteDistribution(DeleteDistributionRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:DeleteDistribution", distributionArn(id));
            FakeAws.Dist d = dist(id);
            checkIfMatch(request.ifMatch(), d.etag);
            if (Boolean.TRUE.equals(d.config.enabled()) || !d.status.equals("Deployed")) {
                throw error(DistributionNotDisabledException.builder(), 409, "DistributionNotDisabled",
                        "The distribution you are trying to delete has not been disabled.");
            }
            w.dists.remove(id);
            w.cloudFrontTags.remove(d.arn);
            return DeleteDistributionResponse.builder().build();
        }
    }

    @Override
    public ListDistributionsResponse listDistributions(ListDistributionsRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:ListDistributions", distributionArn("*"));
            List<FakeAws.Dist> all = new ArrayList<>(w.dists.values());
            Page<FakeAws.Dist> page = page(all, d -> d.id, request.marker(), request.maxItems());
            DistributionList.Builder list = DistributionList.builder()
                    .marker(request.marker() == null ? "" : request.marker())
                    .maxItems(page.max())
                    .isTruncated(page.truncated())
                    .quantity(page.items().size());
            if (!page.items().isEmpty()) {
                list.items(page.items().stream().map(FakeCloudFront::summary).toList());
            }
            if (page.truncated()) {
                list.nextMarker(page.items().get(page.items().size() - 1).id);
            }
            return ListDistributionsResponse.builder().distributionList(list.build()).build();
        }
    }

    @Override
    public ListDistributionsResponse listDistributions() {
        return listDistributions(ListDistributionsRequest.builder().build());
    }

    static Distribution model(FakeAws.Dist d) {
        return Distribution.builder()
                .id(d.id)
                .arn(d.arn)
                .status(d.status)
                .lastModifiedTime(d.lastModified)
                .inProgressInvalidationBatches(0)
                .domainName(d.domainName)
                .activeTrustedSigners(ActiveTrustedSigners.builder().enabled(false).quantity(0).build())
                .activeTrustedKeyGroups(ActiveTrustedKeyGroups.builder().enabled(false).quantity(0).build())
                .distributionConfig(d.config)
                .build();
    }

    private static DistributionSummary summary(FakeAws.Dist d) {
        DistributionConfig c = d.config;
        return DistributionSummary.builder()
                .id(d.id)
                .arn(d.arn)
                .eTag(d.etag)
                .status(d.status)
                .lastModifiedTime(d.lastModified)
                .domainName(d.domainName)
                .aliases(c.aliases())
                .origins(c.origins())
                .originGroups(c.originGroups())
                .defaultCacheBehavior(c.defaultCacheBehavior())
                .cacheBehaviors(c.cacheBehaviors())
                .customErrorResponses(c.customErrorResponses())
                .comment(c.comment())
                .priceClass(c.priceClassAsString())
                .enabled(c.enabled())
                .viewerCertificate(c.viewerCertificate())
                .restrictions(c.restrictions())
                .webACLId(c.webACLId())
                .httpVersion(c.httpVersionAsString())
                .isIPV6Enabled(c.isIPV6Enabled())
                .staging(c.staging())
                .build();
    }

    // ------------------------------------------------------------------ validation of a distribution

    private void checkModel(SdkPojo root, String rootPath) {
        ModelCheck.Problems p = ModelCheck.check(root, rootPath);
        if (!p.missing().isEmpty()) {
            throw malformed(p.missing());
        }
        if (!p.inconsistent().isEmpty()) {
            throw error(InconsistentQuantitiesException.builder(), 400, "InconsistentQuantities",
                    "The value of Quantity and the size of Items don't match.");
        }
    }

    /** CloudFront's semantic checks of a distribution config; selfId is null on create. */
    private void validate(DistributionConfig c, String selfId) {
        if (c.comment().length() > 128) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument", "1 validation error detected: "
                    + "Value '" + c.comment() + "' at 'distributionConfig.comment' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 128");
        }
        if (c.defaultRootObject() != null && c.defaultRootObject().startsWith("/")) {
            throw error(InvalidDefaultRootObjectException.builder(), 400, "InvalidDefaultRootObject",
                    "The specified default root object is invalid.");
        }
        // origins
        Set<String> targets = new HashSet<>();
        if (c.origins().items().isEmpty()) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter Origins must contain at least one origin.");
        }
        for (Origin o : c.origins().items()) {
            if (!targets.add(o.id())) {
                throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                        "The parameter Origin Id must be unique: " + o.id());
            }
            validateOrigin(o);
        }
        if (c.originGroups() != null && c.originGroups().hasItems()) {
            c.originGroups().items().forEach(g -> targets.add(g.id()));
        }
        // behaviors
        validateBehavior(c.defaultCacheBehavior().targetOriginId(), c.defaultCacheBehavior().cachePolicyId(),
                c.defaultCacheBehavior().forwardedValues(), c.defaultCacheBehavior().originRequestPolicyId(),
                c.defaultCacheBehavior().responseHeadersPolicyId(), c.defaultCacheBehavior().functionAssociations(),
                c.defaultCacheBehavior().minTTL() != null || c.defaultCacheBehavior().defaultTTL() != null
                        || c.defaultCacheBehavior().maxTTL() != null,
                c.defaultCacheBehavior().allowedMethods(), targets);
        if (c.cacheBehaviors() != null && c.cacheBehaviors().hasItems()) {
            Set<String> patterns = new HashSet<>();
            for (CacheBehavior b : c.cacheBehaviors().items()) {
                if (!patterns.add(b.pathPattern())) {
                    throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                            "The parameter PathPattern must be unique among the cache behaviors: " + b.pathPattern());
                }
            }
            for (CacheBehavior b : c.cacheBehaviors().items()) {
                validateBehavior(b.targetOriginId(), b.cachePolicyId(), b.forwardedValues(), b.originRequestPolicyId(),
                        b.responseHeadersPolicyId(), b.functionAssociations(),
                        b.minTTL() != null || b.defaultTTL() != null || b.maxTTL() != null, b.allowedMethods(), targets);
            }
        }
        // viewer certificate and aliases
        ViewerCertificate vc = c.viewerCertificate();
        List<String> aliases = c.aliases() == null ? List.of() : c.aliases().items();
        String certArn = vc == null ? null : vc.acmCertificateArn();
        if (vc != null && Boolean.TRUE.equals(vc.cloudFrontDefaultCertificate())
                && (certArn != null || vc.iamCertificateId() != null)) {
            throw error(InvalidViewerCertificateException.builder(), 400, "InvalidViewerCertificate",
                    "You cannot specify CloudFrontDefaultCertificate together with a custom certificate.");
        }
        FakeAws.Cert cert = null;
        if (certArn != null) {
            cert = w.certs.get(certArn);
            if (cert == null || !cert.region.equals(FakeAws.CERTIFICATE_REGION) || !cert.status.equals("ISSUED")) {
                throw error(InvalidViewerCertificateException.builder(), 400, "InvalidViewerCertificate", BAD_CERTIFICATE);
            }
            if (vc.sslSupportMethod() == null && vc.sslSupportMethodAsString() == null) {
                throw error(InvalidViewerCertificateException.builder(), 400, "InvalidViewerCertificate",
                        "The SSLSupportMethod must be specified when a custom SSL certificate is specified.");
            }
        }
        for (String alias : aliases) {
            if (cert == null && (vc == null || vc.iamCertificateId() == null)) {
                throw error(InvalidViewerCertificateException.builder(), 400, "InvalidViewerCertificate",
                        CNAME_NEEDS_CERTIFICATE);
            }
            if (cert != null && cert.names.stream().noneMatch(n -> aliasMatches(n, alias))) {
                throw error(InvalidViewerCertificateException.builder(), 400, "InvalidViewerCertificate",
                        CNAME_NEEDS_CERTIFICATE);
            }
        }
        for (String alias : aliases) {
            for (FakeAws.Dist other : w.dists.values()) {
                if (other.id.equals(selfId) || other.config.aliases() == null) {
                    continue;
                }
                if (other.config.aliases().items().stream().anyMatch(a -> a.equalsIgnoreCase(alias))) {
                    throw error(CnameAlreadyExistsException.builder(), 409, "CNAMEAlreadyExists",
                            "One or more of the CNAMEs you provided are already associated with a different resource.");
                }
            }
        }
    }

    private void validateOrigin(Origin o) {
        if (o.domainName().length() > 253 || !ORIGIN_DOMAIN.matcher(o.domainName()).matches()) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter origin name must be a domain name.");
        }
        validateCustomHeaders(o);
        if (o.customOriginConfig() != null) {
            validateCustomOrigin(o.customOriginConfig(), o.id());
        }
        boolean s3 = o.s3OriginConfig() != null;
        boolean custom = o.customOriginConfig() != null;
        if (!s3 && !custom && o.vpcOriginConfig() == null) {
            throw error(InvalidOriginException.builder(), 400, "InvalidOrigin",
                    "The specified origin server does not exist or is not valid.");
        }
        if (s3 && custom) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter Origin can contain only one of S3OriginConfig and CustomOriginConfig.");
        }
        boolean s3Domain = S3_DOMAIN.matcher(o.domainName().toLowerCase(Locale.ROOT)).matches();
        if (s3 && !s3Domain) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter Origin DomainName does not refer to a valid S3 bucket.");
        }
        String oacId = o.originAccessControlId();
        if (oacId != null && !oacId.isEmpty()) {
            FakeAws.Oac oac = w.oacs.get(oacId);
            if (oac == null) {
                throw error(NoSuchOriginAccessControlException.builder(), 404, "NoSuchOriginAccessControl",
                        "The specified origin access control does not exist.");
            }
            if (s3 && !o.s3OriginConfig().originAccessIdentity().isEmpty()) {
                throw error(IllegalOriginAccessConfigurationException.builder(), 400,
                        "IllegalOriginAccessConfiguration",
                        "Origin cannot be configured with both an origin access control and an origin access identity.");
            }
            if ("s3".equals(oac.config.originAccessControlOriginTypeAsString()) && !s3Domain) {
                throw error(InvalidDomainNameForOriginAccessControlException.builder(), 400,
                        "InvalidDomainNameForOriginAccessControl",
                        "The domain name of the origin is not valid for an origin access control of type s3.");
            }
        }
    }

    private void validateCustomHeaders(Origin o) {
        if (o.customHeaders() == null || !o.customHeaders().hasItems()) {
            return;
        }
        List<OriginCustomHeader> headers = o.customHeaders().items();
        if (headers.size() > MAX_ORIGIN_CUSTOM_HEADERS) {
            throw error(TooManyOriginCustomHeadersException.builder(), 400, "TooManyOriginCustomHeaders",
                    "Your request contains too many origin custom headers.");
        }
        Set<String> names = new HashSet<>();
        int total = 0;
        for (OriginCustomHeader h : headers) {
            String name = h.headerName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HEADER_NAME.matcher(name).matches()) {
                throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                        "The parameter HeaderName : " + name + " is not a valid header name.");
            }
            if (PROHIBITED_ORIGIN_HEADERS.contains(lower) || lower.startsWith("x-amz-") || lower.startsWith("x-edge-")) {
                throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                        "The parameter HeaderName : " + name + " is not allowed.");
            }
            if (!names.add(lower)) {
                throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                        "The parameter HeaderName : " + name + " is duplicated.");
            }
            if (h.headerValue().length() > 1783) {
                throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                        "The parameter HeaderValue of " + name + " is longer than 1783 characters.");
            }
            total += name.length() + h.headerValue().length();
        }
        if (total > 10240) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The custom headers of origin " + o.id() + " are longer than 10240 characters in all.");
        }
    }

    private void validateCustomOrigin(CustomOriginConfig c, String originId) {
        if (c.httpPort() != 80 && (c.httpPort() < 1024 || c.httpPort() > 65535)) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter HTTPPort must be 80 or between 1024 and 65535: " + c.httpPort());
        }
        if (c.httpsPort() != 443 && (c.httpsPort() < 1024 || c.httpsPort() > 65535)) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter HTTPSPort must be 443 or between 1024 and 65535: " + c.httpsPort());
        }
        String policy = c.originProtocolPolicyAsString();
        if (!Set.of("http-only", "match-viewer", "https-only").contains(policy)) {
            throw malformedEnum(policy, "customOriginConfig.originProtocolPolicy", "[http-only, match-viewer, https-only]");
        }
        if (c.originSslProtocols() != null && c.originSslProtocols().hasItems()) {
            for (String p : c.originSslProtocols().itemsAsStrings()) {
                if (!Set.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2").contains(p)) {
                    throw malformedEnum(p, "customOriginConfig.originSslProtocols.items.member",
                            "[SSLv3, TLSv1, TLSv1.1, TLSv1.2]");
                }
            }
        }
        if (c.originReadTimeout() != null && (c.originReadTimeout() < 1 || c.originReadTimeout() > 120)) {
            throw error(InvalidOriginReadTimeoutException.builder(), 400, "InvalidOriginReadTimeout",
                    "The read timeout specified for the origin is not valid.");
        }
        if (c.originKeepaliveTimeout() != null && (c.originKeepaliveTimeout() < 1 || c.originKeepaliveTimeout() > 120)) {
            throw error(InvalidOriginKeepaliveTimeoutException.builder(), 400, "InvalidOriginKeepaliveTimeout",
                    "The keep alive timeout specified for the origin is not valid.");
        }
    }

    private AwsServiceException malformedEnum(String value, String path, String values) {
        return error(CloudFrontException.builder(), 400, "MalformedXML", "1 validation error detected: Value '" + value
                + "' at '" + path + "' failed to satisfy constraint: Member must satisfy enum value set: " + values);
    }

    private void validateBehavior(String target, String cachePolicyId, ForwardedValues forwardedValues,
            String originRequestPolicyId, String responseHeadersPolicyId, FunctionAssociations functions,
            boolean hasTtls, AllowedMethods allowedMethods, Set<String> targets) {
        if (!targets.contains(target)) {
            throw error(NoSuchOriginException.builder(), 404, "NoSuchOrigin",
                    "One or more of your origins or origin groups do not exist.");
        }
        boolean policy = cachePolicyId != null && !cachePolicyId.isEmpty();
        if (policy && forwardedValues != null) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter ForwardedValues cannot be used when a cache policy is associated to the cache behavior.");
        }
        if (!policy && forwardedValues == null) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter ForwardedValues is required.");
        }
        if (policy && hasTtls) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter MinTTL, DefaultTTL or MaxTTL cannot be used when a cache policy is associated to the "
                            + "cache behavior.");
        }
        if (policy && !MANAGED_CACHE_POLICIES.contains(cachePolicyId)) {
            throw error(NoSuchCachePolicyException.builder(), 404, "NoSuchCachePolicy", "The cache policy does not exist.");
        }
        if (originRequestPolicyId != null && !originRequestPolicyId.isEmpty()
                && !MANAGED_ORIGIN_REQUEST_POLICIES.contains(originRequestPolicyId)) {
            throw error(NoSuchOriginRequestPolicyException.builder(), 404, "NoSuchOriginRequestPolicy",
                    "The origin request policy does not exist.");
        }
        if (responseHeadersPolicyId != null && !responseHeadersPolicyId.isEmpty()
                && !w.policies.containsKey(responseHeadersPolicyId)) {
            throw error(NoSuchResponseHeadersPolicyException.builder(), 404, "NoSuchResponseHeadersPolicy",
                    "The response headers policy does not exist.");
        }
        if (allowedMethods != null && allowedMethods.hasItems()) {
            Set<String> methods = new HashSet<>(allowedMethods.itemsAsStrings());
            if (!methods.equals(Set.of("GET", "HEAD")) && !methods.equals(Set.of("GET", "HEAD", "OPTIONS"))
                    && !methods.equals(Set.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"))) {
                throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                        "The parameter AllowedMethods must be one of [GET, HEAD], [GET, HEAD, OPTIONS] or "
                                + "[GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE].");
            }
            if (allowedMethods.cachedMethods() != null && allowedMethods.cachedMethods().hasItems()) {
                Set<String> cached = new HashSet<>(allowedMethods.cachedMethods().itemsAsStrings());
                if (!cached.equals(Set.of("GET", "HEAD")) && !cached.equals(Set.of("GET", "HEAD", "OPTIONS"))
                        || !methods.containsAll(cached)) {
                    throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                            "The parameter CachedMethods must be [GET, HEAD] or [GET, HEAD, OPTIONS], and only methods "
                                    + "that are in AllowedMethods.");
                }
            }
        }
        if (functions != null && functions.hasItems()) {
            Set<String> eventTypes = new HashSet<>();
            for (FunctionAssociation f : functions.items()) {
                String type = f.eventTypeAsString();
                if (!type.equals("viewer-request") && !type.equals("viewer-response")) {
                    throw error(InvalidFunctionAssociationException.builder(), 400, "InvalidFunctionAssociation",
                            "CloudFront Functions can only be associated with viewer-request or viewer-response events.");
                }
                if (!eventTypes.add(type)) {
                    throw error(InvalidFunctionAssociationException.builder(), 400, "InvalidFunctionAssociation",
                            "Only one function can be associated with each event type: " + type);
                }
                FakeAws.Fn fn = functionOfArn(f.functionARN());
                if (fn == null || fn.liveCode == null) {
                    throw error(InvalidFunctionAssociationException.builder(), 400, "InvalidFunctionAssociation",
                            "The function " + f.functionARN() + " does not exist or is not published to the LIVE stage.");
                }
            }
        }
    }

    /**
     * True if a name with maybe a leading "*." matches a host: equal (ignoring case), or a wildcard that covers exactly
     * one label ("*.example.com" covers "www.example.com", not "example.com" nor "a.b.example.com").
     */
    static boolean aliasMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.equals(h)) {
            return true;
        }
        if (p.startsWith("*.") && !h.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot + 1).equals(p.substring(2));
        }
        return false;
    }

    /** The config as GetDistributionConfig returns it: CloudFront's defaults filled in where the request left out. */
    static DistributionConfig withDefaults(DistributionConfig c) {
        DistributionConfig.Builder b = c.toBuilder();
        if (c.aliases() == null) {
            b.aliases(Aliases.builder().quantity(0).build());
        }
        if (c.defaultRootObject() == null) {
            b.defaultRootObject("");
        }
        b.origins(Origins.builder().quantity(c.origins().quantity())
                .items(c.origins().items().stream().map(FakeCloudFront::originWithDefaults).toList()).build());
        if (c.originGroups() == null) {
            b.originGroups(OriginGroups.builder().quantity(0).build());
        }
        b.defaultCacheBehavior(behaviorWithDefaults(c.defaultCacheBehavior()));
        if (c.cacheBehaviors() == null) {
            b.cacheBehaviors(CacheBehaviors.builder().quantity(0).build());
        } else if (c.cacheBehaviors().hasItems()) {
            b.cacheBehaviors(CacheBehaviors.builder().quantity(c.cacheBehaviors().quantity())
                    .items(c.cacheBehaviors().items().stream().map(FakeCloudFront::behaviorWithDefaults).toList()).build());
        }
        if (c.customErrorResponses() == null) {
            b.customErrorResponses(CustomErrorResponses.builder().quantity(0).build());
        }
        if (c.logging() == null) {
            b.logging(LoggingConfig.builder().enabled(false).includeCookies(false).bucket("").prefix("").build());
        }
        if (c.priceClassAsString() == null) {
            b.priceClass("PriceClass_All");
        }
        ViewerCertificate vc = c.viewerCertificate();
        if (vc == null || (vc.acmCertificateArn() == null && vc.iamCertificateId() == null)) {
            b.viewerCertificate(ViewerCertificate.builder().cloudFrontDefaultCertificate(true).sslSupportMethod("vip")
                    .minimumProtocolVersion(vc == null || vc.minimumProtocolVersionAsString() == null ? "TLSv1"
                            : vc.minimumProtocolVersionAsString())
                    .certificateSource("cloudfront").build());
        } else {
            ViewerCertificate.Builder v = vc.toBuilder().cloudFrontDefaultCertificate(false);
            if (vc.minimumProtocolVersionAsString() == null) {
                v.minimumProtocolVersion("TLSv1");
            }
            if (vc.acmCertificateArn() != null) {
                v.certificate(vc.acmCertificateArn()).certificateSource("acm");
            } else {
                v.certificate(vc.iamCertificateId()).certificateSource("iam");
            }
            b.viewerCertificate(v.build());
        }
        if (c.restrictions() == null) {
            b.restrictions(Restrictions.builder().geoRestriction(GeoRestriction.builder().restrictionType("none")
                    .quantity(0).build()).build());
        }
        if (c.webACLId() == null) {
            b.webACLId("");
        }
        if (c.httpVersionAsString() == null) {
            b.httpVersion("http2");
        }
        if (c.isIPV6Enabled() == null) {
            b.isIPV6Enabled(false);
        }
        if (c.continuousDeploymentPolicyId() == null) {
            b.continuousDeploymentPolicyId("");
        }
        if (c.staging() == null) {
            b.staging(false);
        }
        return b.build();
    }

    private static Origin originWithDefaults(Origin o) {
        Origin.Builder b = o.toBuilder();
        if (o.originPath() == null) {
            b.originPath("");
        }
        if (o.customHeaders() == null) {
            b.customHeaders(CustomHeaders.builder().quantity(0).build());
        }
        if (o.connectionAttempts() == null) {
            b.connectionAttempts(3);
        }
        if (o.connectionTimeout() == null) {
            b.connectionTimeout(10);
        }
        if (o.originShield() == null) {
            b.originShield(OriginShield.builder().enabled(false).build());
        }
        if (o.originAccessControlId() == null) {
            b.originAccessControlId("");
        }
        if (o.s3OriginConfig() != null && o.s3OriginConfig().originReadTimeout() == null) {
            b.s3OriginConfig(o.s3OriginConfig().toBuilder().originReadTimeout(30).build());
        }
        CustomOriginConfig custom = o.customOriginConfig();
        if (custom != null) {
            CustomOriginConfig.Builder cb = custom.toBuilder();
            if (custom.originSslProtocols() == null) {
                cb.originSslProtocols(OriginSslProtocols.builder().quantity(1).itemsWithStrings("TLSv1.2").build());
            }
            if (custom.originReadTimeout() == null) {
                cb.originReadTimeout(30);
            }
            if (custom.originKeepaliveTimeout() == null) {
                cb.originKeepaliveTimeout(5);
            }
            b.customOriginConfig(cb.build());
        }
        return b.build();
    }

    private static DefaultCacheBehavior behaviorWithDefaults(DefaultCacheBehavior d) {
        DefaultCacheBehavior.Builder b = d.toBuilder();
        if (d.trustedSigners() == null) {
            b.trustedSigners(TrustedSigners.builder().enabled(false).quantity(0).build());
        }
        if (d.trustedKeyGroups() == null) {
            b.trustedKeyGroups(TrustedKeyGroups.builder().enabled(false).quantity(0).build());
        }
        if (d.allowedMethods() == null) {
            b.allowedMethods(defaultAllowedMethods());
        } else if (d.allowedMethods().cachedMethods() == null) {
            // CloudFront caches GET and HEAD unless told otherwise, and says so in GetDistributionConfig
            b.allowedMethods(d.allowedMethods().toBuilder().cachedMethods(defaultAllowedMethods().cachedMethods())
                    .build());
        }
        if (d.smoothStreaming() == null) {
            b.smoothStreaming(false);
        }
        if (d.compress() == null) {
            b.compress(false);
        }
        if (d.lambdaFunctionAssociations() == null) {
            b.lambdaFunctionAssociations(LambdaFunctionAssociations.builder().quantity(0).build());
        }
        if (d.functionAssociations() == null) {
            b.functionAssociations(FunctionAssociations.builder().quantity(0).build());
        }
        if (d.fieldLevelEncryptionId() == null) {
            b.fieldLevelEncryptionId("");
        }
        if (d.forwardedValues() != null) {
            b.forwardedValues(forwardedWithDefaults(d.forwardedValues()));
            b.minTTL(d.minTTL() == null ? 0L : d.minTTL());
            b.defaultTTL(d.defaultTTL() == null ? 86400L : d.defaultTTL());
            b.maxTTL(d.maxTTL() == null ? 31536000L : d.maxTTL());
        }
        return b.build();
    }

    private static CacheBehavior behaviorWithDefaults(CacheBehavior d) {
        CacheBehavior.Builder b = d.toBuilder();
        if (d.trustedSigners() == null) {
            b.trustedSigners(TrustedSigners.builder().enabled(false).quantity(0).build());
        }
        if (d.trustedKeyGroups() == null) {
            b.trustedKeyGroups(TrustedKeyGroups.builder().enabled(false).quantity(0).build());
        }
        if (d.allowedMethods() == null) {
            b.allowedMethods(defaultAllowedMethods());
        } else if (d.allowedMethods().cachedMethods() == null) {
            // CloudFront caches GET and HEAD unless told otherwise, and says so in GetDistributionConfig
            b.allowedMethods(d.allowedMethods().toBuilder().cachedMethods(defaultAllowedMethods().cachedMethods())
                    .build());
        }
        if (d.smoothStreaming() == null) {
            b.smoothStreaming(false);
        }
        if (d.compress() == null) {
            b.compress(false);
        }
        if (d.lambdaFunctionAssociations() == null) {
            b.lambdaFunctionAssociations(LambdaFunctionAssociations.builder().quantity(0).build());
        }
        if (d.functionAssociations() == null) {
            b.functionAssociations(FunctionAssociations.builder().quantity(0).build());
        }
        if (d.fieldLevelEncryptionId() == null) {
            b.fieldLevelEncryptionId("");
        }
        if (d.forwardedValues() != null) {
            b.forwardedValues(forwardedWithDefaults(d.forwardedValues()));
            b.minTTL(d.minTTL() == null ? 0L : d.minTTL());
            b.defaultTTL(d.defaultTTL() == null ? 86400L : d.defaultTTL());
            b.maxTTL(d.maxTTL() == null ? 31536000L : d.maxTTL());
        }
        return b.build();
    }

    private static AllowedMethods defaultAllowedMethods() {
        return AllowedMethods.builder().quantity(2).itemsWithStrings("HEAD", "GET")
                .cachedMethods(CachedMethods.builder().quantity(2).itemsWithStrings("HEAD", "GET").build()).build();
    }

    private static ForwardedValues forwardedWithDefaults(ForwardedValues f) {
        ForwardedValues.Builder b = f.toBuilder();
        if (f.headers() == null) {
            b.headers(Headers.builder().quantity(0).build());
        }
        if (f.queryStringCacheKeys() == null) {
            b.queryStringCacheKeys(QueryStringCacheKeys.builder().quantity(0).build());
        }
        if (f.cookies() == null) {
            b.cookies(CookiePreference.builder().forward("none").build());
        }
        return b.build();
    }

    // ================================================================== tags

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:ListTagsForResource", request.resource() == null ? "*" : request.resource());
            Map<String, String> tags = taggable(request.resource());
            return ListTagsForResourceResponse.builder().tags(tagsModel(tags)).build();
        }
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:TagResource", request.resource() == null ? "*" : request.resource());
            Map<String, String> tags = taggable(request.resource());
            if (request.tags() == null) {
                throw malformed(List.of("tags"));
            }
            checkTags(request.tags());
            if (request.tags().hasItems()) {
                request.tags().items().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
            }
            return TagResourceResponse.builder().build();
        }
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:UntagResource", request.resource() == null ? "*" : request.resource());
            Map<String, String> tags = taggable(request.resource());
            if (request.tagKeys() == null) {
                throw malformed(List.of("tagKeys"));
            }
            if (request.tagKeys().hasItems()) {
                request.tagKeys().items().forEach(tags::remove);
            }
            return UntagResourceResponse.builder().build();
        }
    }

    private Map<String, String> taggable(String arn) {
        if (arn == null) {
            throw malformed(List.of("resource"));
        }
        if (!arn.startsWith("arn:aws:cloudfront::" + FakeAws.ACCOUNT + ":")) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument", "The specified ARN is not valid: " + arn);
        }
        boolean exists = w.dists.values().stream().anyMatch(d -> d.arn.equals(arn))
                || w.functions.keySet().stream().anyMatch(n -> functionArn(n).equals(arn));
        if (!exists) {
            throw error(NoSuchResourceException.builder(), 404, "NoSuchResource", "The specified resource does not exist.");
        }
        return w.cloudFrontTags.computeIfAbsent(arn, k -> new LinkedHashMap<>());
    }

    private void checkTags(Tags tags) {
        if (tags == null || !tags.hasItems()) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (Tag t : tags.items()) {
            if (t.key() == null || !TAG_KEY.matcher(t.key()).matches() || t.key().startsWith("aws:")) {
                throw error(InvalidTaggingException.builder(), 400, "InvalidTagging", "The tag key '" + t.key()
                        + "' is not valid.");
            }
            if (t.value() != null && t.value().length() > 256) {
                throw error(InvalidTaggingException.builder(), 400, "InvalidTagging", "The tag value of '" + t.key()
                        + "' is longer than 256 characters.");
            }
            if (!keys.add(t.key())) {
                throw error(InvalidTaggingException.builder(), 400, "InvalidTagging", "Duplicate tag key: " + t.key());
            }
        }
        if (keys.size() > 50) {
            throw error(InvalidTaggingException.builder(), 400, "InvalidTagging", "A resource can have at most 50 tags.");
        }
    }

    private static Tags tagsModel(Map<String, String> tags) {
        Tags.Builder b = Tags.builder();
        if (!tags.isEmpty()) {
            b.items(tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList());
        }
        return b.build();
    }

    // ================================================================== invalidations

    @Override
    public CreateInvalidationResponse createInvalidation(CreateInvalidationRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.distributionId(), "DistributionId");
            w.enter("cloudfront:CreateInvalidation", distributionArn(id));
            FakeAws.Dist d = dist(id);
            InvalidationBatch batch = request.invalidationBatch();
            if (batch == null) {
                throw malformed(List.of("invalidationBatch"));
            }
            checkModel(batch, "invalidationBatch");
            Paths paths = batch.paths();
            if (paths.quantity() == 0 || paths.items().stream().anyMatch(p -> !p.startsWith("/"))) {
                throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                        "Your request contains one or more invalid invalidation paths.");
            }
            for (Invalidation existing : d.invalidations.values()) {
                if (existing.invalidationBatch().callerReference().equals(batch.callerReference())) {
                    if (existing.invalidationBatch().paths().items().equals(paths.items())) {
                        return CreateInvalidationResponse.builder().invalidation(existing)
                                .location(API + "/distribution/" + id + "/invalidation/" + existing.id()).build();
                    }
                    throw error(CloudFrontException.builder(), 409, "InvalidationBatchAlreadyExists",
                            "The specified CallerReference was already used with a different invalidation batch.");
                }
            }
            Invalidation inv = Invalidation.builder().id("I" + w.randomUpper(13)).status("InProgress")
                    .createTime(Instant.now()).invalidationBatch(batch).build();
            d.invalidations.put(inv.id(), inv);
            return CreateInvalidationResponse.builder().invalidation(inv)
                    .location(API + "/distribution/" + id + "/invalidation/" + inv.id()).build();
        }
    }

    @Override
    public GetInvalidationResponse getInvalidation(GetInvalidationRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.distributionId(), "DistributionId");
            String invalidationId = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:GetInvalidation", distributionArn(id));
            FakeAws.Dist d = dist(id);
            Invalidation inv = d.invalidations.get(invalidationId);
            if (inv == null) {
                throw error(NoSuchInvalidationException.builder(), 404, "NoSuchInvalidation",
                        "The specified invalidation does not exist.");
            }
            inv = inv.toBuilder().status("Completed").build();
            d.invalidations.put(inv.id(), inv);
            return GetInvalidationResponse.builder().invalidation(inv).build();
        }
    }

    // ================================================================== origin access controls

    @Override
    public ListOriginAccessControlsResponse listOriginAccessControls(ListOriginAccessControlsRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:ListOriginAccessControls", originAccessControlArn("*"));
            Page<FakeAws.Oac> page = page(new ArrayList<>(w.oacs.values()), o -> o.id, request.marker(), request.maxItems());
            OriginAccessControlList.Builder list = OriginAccessControlList.builder()
                    .marker(request.marker() == null ? "" : request.marker())
                    .maxItems(page.max())
                    .isTruncated(page.truncated())
                    .quantity(page.items().size());
            if (!page.items().isEmpty()) {
                list.items(page.items().stream().map(o -> OriginAccessControlSummary.builder()
                        .id(o.id)
                        .name(o.config.name())
                        .description(o.config.description() == null ? "" : o.config.description())
                        .signingProtocol(o.config.signingProtocolAsString())
                        .signingBehavior(o.config.signingBehaviorAsString())
                        .originAccessControlOriginType(o.config.originAccessControlOriginTypeAsString())
                        .build()).toList());
            }
            if (page.truncated()) {
                list.nextMarker(page.items().get(page.items().size() - 1).id);
            }
            return ListOriginAccessControlsResponse.builder().originAccessControlList(list.build()).build();
        }
    }

    @Override
    public CreateOriginAccessControlResponse createOriginAccessControl(CreateOriginAccessControlRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:CreateOriginAccessControl", originAccessControlArn("*"));
            OriginAccessControlConfig config = request.originAccessControlConfig();
            if (config == null) {
                throw malformed(List.of("originAccessControlConfig"));
            }
            checkOac(config, null);
            FakeAws.Oac o = new FakeAws.Oac();
            o.id = "E" + w.randomUpper(13);
            o.config = config;
            o.etag = w.newEtag();
            w.oacs.put(o.id, o);
            return CreateOriginAccessControlResponse.builder()
                    .originAccessControl(OriginAccessControl.builder().id(o.id).originAccessControlConfig(o.config).build())
                    .eTag(o.etag).location(API + "/origin-access-control/" + o.id).build();
        }
    }

    private void checkOac(OriginAccessControlConfig config, String selfId) {
        checkModel(config, "originAccessControlConfig");
        if (config.name().isEmpty() || config.name().length() > 64) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument", "1 validation error detected: Value '"
                    + config.name() + "' at 'originAccessControlConfig.name' failed to satisfy constraint: Member must "
                    + "have length less than or equal to 64");
        }
        if (!List.of("sigv4", "sigv4a").contains(config.signingProtocolAsString())
                || !List.of("never", "always", "no-override", "always-amz-auth").contains(config.signingBehaviorAsString())
                || !List.of("s3", "mediastore", "mediapackagev2", "lambda").contains(
                        config.originAccessControlOriginTypeAsString())) {
            throw malformed(List.of("originAccessControlConfig"));
        }
        for (FakeAws.Oac other : w.oacs.values()) {
            if (!other.id.equals(selfId) && other.config.name().equals(config.name())) {
                throw error(OriginAccessControlAlreadyExistsException.builder(), 409, "OriginAccessControlAlreadyExists",
                        "An origin access control with the same name already exists.");
            }
        }
    }

    @Override
    public GetOriginAccessControlResponse getOriginAccessControl(GetOriginAccessControlRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:GetOriginAccessControl", originAccessControlArn(id));
            FakeAws.Oac o = oac(id);
            return GetOriginAccessControlResponse.builder()
                    .originAccessControl(OriginAccessControl.builder().id(o.id).originAccessControlConfig(o.config).build())
                    .eTag(o.etag).build();
        }
    }

    @Override
    public GetOriginAccessControlConfigResponse getOriginAccessControlConfig(GetOriginAccessControlConfigRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:GetOriginAccessControlConfig", originAccessControlArn(id));
            FakeAws.Oac o = oac(id);
            return GetOriginAccessControlConfigResponse.builder().originAccessControlConfig(o.config).eTag(o.etag).build();
        }
    }

    @Override
    public UpdateOriginAccessControlResponse updateOriginAccessControl(UpdateOriginAccessControlRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:UpdateOriginAccessControl", originAccessControlArn(id));
            FakeAws.Oac o = oac(id);
            checkIfMatch(request.ifMatch(), o.etag);
            if (request.originAccessControlConfig() == null) {
                throw malformed(List.of("originAccessControlConfig"));
            }
            checkOac(request.originAccessControlConfig(), o.id);
            o.config = request.originAccessControlConfig();
            o.etag = w.newEtag();
            return UpdateOriginAccessControlResponse.builder()
                    .originAccessControl(OriginAccessControl.builder().id(o.id).originAccessControlConfig(o.config).build())
                    .eTag(o.etag).build();
        }
    }

    @Override
    public DeleteOriginAccessControlResponse deleteOriginAccessControl(DeleteOriginAccessControlRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:DeleteOriginAccessControl", originAccessControlArn(id));
            FakeAws.Oac o = oac(id);
            checkIfMatch(request.ifMatch(), o.etag);
            boolean inUse = w.dists.values().stream().anyMatch(d -> d.config.origins().items().stream()
                    .anyMatch(origin -> id.equals(origin.originAccessControlId())));
            if (inUse) {
                throw error(OriginAccessControlInUseException.builder(), 409, "OriginAccessControlInUse",
                        "Cannot delete the origin access control because it's in use by one or more distributions.");
            }
            w.oacs.remove(id);
            return DeleteOriginAccessControlResponse.builder().build();
        }
    }

    // ================================================================== functions

    @Override
    public CreateFunctionResponse createFunction(CreateFunctionRequest request) {
        synchronized (w) {
            open();
            String name = request.name();
            w.enter("cloudfront:CreateFunction", functionArn(name == null ? "*" : name));
            List<String> missing = new ArrayList<>();
            if (name == null) {
                missing.add("name");
            }
            if (request.functionConfig() == null) {
                missing.add("functionConfig");
            }
            if (request.functionCode() == null) {
                missing.add("functionCode");
            }
            if (!missing.isEmpty()) {
                throw malformed(missing);
            }
            checkFunctionName(name);
            checkFunction(request.functionConfig(), request.functionCode());
            if (w.functions.containsKey(name)) {
                throw error(FunctionAlreadyExistsException.builder(), 409, "FunctionAlreadyExists",
                        "A function with the same name already exists in this account.");
            }
            checkTags(request.tags());
            FakeAws.Fn f = new FakeAws.Fn();
            f.name = name;
            f.comment = request.functionConfig().comment();
            f.runtime = request.functionConfig().runtimeAsString();
            f.devCode = request.functionCode().asByteArray();
            f.devEtag = w.newEtag();
            f.created = Instant.now();
            f.devModified = f.created;
            w.functions.put(name, f);
            if (request.tags() != null && request.tags().hasItems()) {
                LinkedHashMap<String, String> tags = new LinkedHashMap<>();
                request.tags().items().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
                w.cloudFrontTags.put(functionArn(name), tags);
            }
            return CreateFunctionResponse.builder().functionSummary(functionSummary(f, "DEVELOPMENT")).eTag(f.devEtag)
                    .location(API + "/function/" + functionArn(name)).build();
        }
    }

    private void checkFunctionName(String name) {
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument", "1 validation error detected: Value '"
                    + name + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: ^[a-zA-Z0-9-_]{1,64}$");
        }
    }

    private void checkFunction(FunctionConfig config, SdkBytes code) {
        checkModel(config, "functionConfig");
        if (!List.of("cloudfront-js-1.0", "cloudfront-js-2.0").contains(config.runtimeAsString())) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter Runtime is not valid: " + config.runtimeAsString());
        }
        if (config.comment().length() > 128) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter Comment is too long (maximum 128 characters).");
        }
        byte[] bytes = code.asByteArray();
        if (bytes.length == 0) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument", "The function code is empty.");
        }
        if (bytes.length > 10240) {
            throw error(FunctionSizeLimitExceededException.builder(), 413, "FunctionSizeLimitExceeded",
                    "The function is too large. The maximum size is 10240 bytes.");
        }
    }

    @Override
    public DescribeFunctionResponse describeFunction(DescribeFunctionRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.name(), "Name");
            w.enter("cloudfront:DescribeFunction", functionArn(name));
            String stage = request.stageAsString() == null ? "DEVELOPMENT" : request.stageAsString();
            FakeAws.Fn f = function(name, stage);
            return DescribeFunctionResponse.builder().functionSummary(functionSummary(f, stage))
                    .eTag(stage.equals("LIVE") ? f.liveEtag : f.devEtag).build();
        }
    }

    @Override
    public GetFunctionResponse getFunction(GetFunctionRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.name(), "Name");
            w.enter("cloudfront:GetFunction", functionArn(name));
            String stage = request.stageAsString() == null ? "DEVELOPMENT" : request.stageAsString();
            FakeAws.Fn f = function(name, stage);
            boolean live = stage.equals("LIVE");
            return GetFunctionResponse.builder()
                    .functionCode(SdkBytes.fromByteArray(live ? f.liveCode : f.devCode))
                    .eTag(live ? f.liveEtag : f.devEtag)
                    .contentType("application/octet-stream")
                    .build();
        }
    }

    @Override
    public UpdateFunctionResponse updateFunction(UpdateFunctionRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.name(), "Name");
            w.enter("cloudfront:UpdateFunction", functionArn(name));
            FakeAws.Fn f = function(name, "DEVELOPMENT");
            checkIfMatch(request.ifMatch(), f.devEtag);
            List<String> missing = new ArrayList<>();
            if (request.functionConfig() == null) {
                missing.add("functionConfig");
            }
            if (request.functionCode() == null) {
                missing.add("functionCode");
            }
            if (!missing.isEmpty()) {
                throw malformed(missing);
            }
            checkFunction(request.functionConfig(), request.functionCode());
            f.comment = request.functionConfig().comment();
            f.runtime = request.functionConfig().runtimeAsString();
            f.devCode = request.functionCode().asByteArray();
            f.devEtag = w.newEtag();
            f.devModified = Instant.now();
            f.devChangedSincePublish = true;
            return UpdateFunctionResponse.builder().functionSummary(functionSummary(f, "DEVELOPMENT")).eTag(f.devEtag)
                    .build();
        }
    }

    @Override
    public PublishFunctionResponse publishFunction(PublishFunctionRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.name(), "Name");
            w.enter("cloudfront:PublishFunction", functionArn(name));
            FakeAws.Fn f = function(name, "DEVELOPMENT");
            checkIfMatch(request.ifMatch(), f.devEtag);
            f.liveCode = f.devCode.clone();
            f.liveComment = f.comment;
            f.liveRuntime = f.runtime;
            f.liveEtag = w.newEtag();
            f.liveModified = Instant.now();
            f.devChangedSincePublish = false;
            return PublishFunctionResponse.builder().functionSummary(functionSummary(f, "LIVE")).build();
        }
    }

    @Override
    public ListFunctionsResponse listFunctions(ListFunctionsRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:ListFunctions", functionArn("*"));
            String stage = request.stageAsString();
            List<String[]> entries = new ArrayList<>();
            for (FakeAws.Fn f : w.functions.values()) {
                if (stage == null || stage.equals("DEVELOPMENT")) {
                    entries.add(new String[] {f.name, "DEVELOPMENT"});
                }
                if ((stage == null || stage.equals("LIVE")) && f.liveCode != null) {
                    entries.add(new String[] {f.name, "LIVE"});
                }
            }
            Page<String[]> page = page(entries, e -> e[0] + "/" + e[1], request.marker(), request.maxItems());
            FunctionList.Builder list = FunctionList.builder().maxItems(page.max()).quantity(page.items().size());
            if (!page.items().isEmpty()) {
                list.items(page.items().stream().map(e -> functionSummary(w.functions.get(e[0]), e[1])).toList());
            }
            if (page.truncated()) {
                String[] last = page.items().get(page.items().size() - 1);
                list.nextMarker(last[0] + "/" + last[1]);
            }
            return ListFunctionsResponse.builder().functionList(list.build()).build();
        }
    }

    @Override
    public DeleteFunctionResponse deleteFunction(DeleteFunctionRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.name(), "Name");
            w.enter("cloudfront:DeleteFunction", functionArn(name));
            FakeAws.Fn f = function(name, "DEVELOPMENT");
            if (request.ifMatch() == null || request.ifMatch().isEmpty()) {
                throw error(InvalidIfMatchVersionException.builder(), 400, "InvalidIfMatchVersion",
                        "The If-Match version is missing or not valid for the resource.");
            }
            if (!request.ifMatch().equals(f.devEtag) && !request.ifMatch().equals(f.liveEtag)) {
                throw error(PreconditionFailedException.builder(), 412, "PreconditionFailed",
                        "The precondition given in one or more of the request-header fields evaluated to false.");
            }
            if (functionInUse(name)) {
                throw error(FunctionInUseException.builder(), 409, "FunctionInUse",
                        "Cannot delete the function because it's attached to one or more cache behaviors.");
            }
            w.functions.remove(name);
            w.cloudFrontTags.remove(functionArn(name));
            return DeleteFunctionResponse.builder().build();
        }
    }

    private boolean functionInUse(String name) {
        String arn = functionArn(name);
        for (FakeAws.Dist d : w.dists.values()) {
            List<FunctionAssociations> all = new ArrayList<>();
            all.add(d.config.defaultCacheBehavior().functionAssociations());
            if (d.config.cacheBehaviors() != null && d.config.cacheBehaviors().hasItems()) {
                d.config.cacheBehaviors().items().forEach(b -> all.add(b.functionAssociations()));
            }
            for (FunctionAssociations fa : all) {
                if (fa != null && fa.hasItems() && fa.items().stream().anyMatch(a -> arn.equals(a.functionARN()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private FakeAws.Fn function(String name, String stage) {
        FakeAws.Fn f = w.functions.get(name);
        if (f == null || (stage.equals("LIVE") && f.liveCode == null)) {
            throw error(NoSuchFunctionExistsException.builder(), 404, "NoSuchFunctionExists", "The function does not exist.");
        }
        return f;
    }

    private FakeAws.Fn functionOfArn(String arn) {
        String prefix = "arn:aws:cloudfront::" + FakeAws.ACCOUNT + ":function/";
        if (arn == null || !arn.startsWith(prefix)) {
            return null;
        }
        return w.functions.get(arn.substring(prefix.length()));
    }

    private FunctionSummary functionSummary(FakeAws.Fn f, String stage) {
        boolean live = stage.equals("LIVE");
        String status = functionInUse(f.name) ? "ASSOCIATED" : "UNASSOCIATED";
        if (!live && (f.liveCode == null || f.devChangedSincePublish)) {
            status = "UNPUBLISHED";
        }
        return FunctionSummary.builder()
                .name(f.name)
                .status(status)
                .functionConfig(FunctionConfig.builder().comment(live ? f.liveComment : f.comment)
                        .runtime(live ? f.liveRuntime : f.runtime).build())
                .functionMetadata(FunctionMetadata.builder()
                        .functionARN(functionArn(f.name))
                        .stage(stage)
                        .createdTime(f.created)
                        .lastModifiedTime(live ? f.liveModified : f.devModified)
                        .build())
                .build();
    }

    static String functionArn(String name) {
        return "arn:aws:cloudfront::" + FakeAws.ACCOUNT + ":function/" + name;
    }

    // ================================================================== response headers policies

    @Override
    public ListResponseHeadersPoliciesResponse listResponseHeadersPolicies(ListResponseHeadersPoliciesRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:ListResponseHeadersPolicies", policyArn("*"));
            String type = request.typeAsString();
            List<FakeAws.Rhp> all = w.policies.values().stream()
                    .filter(p -> type == null || type.equals(p.managed ? "managed" : "custom")).toList();
            Page<FakeAws.Rhp> page = page(new ArrayList<>(all), p -> p.id, request.marker(), request.maxItems());
            ResponseHeadersPolicyList.Builder list = ResponseHeadersPolicyList.builder().maxItems(page.max())
                    .quantity(page.items().size());
            if (!page.items().isEmpty()) {
                list.items(page.items().stream().map(p -> ResponseHeadersPolicySummary.builder()
                        .type(p.managed ? "managed" : "custom").responseHeadersPolicy(model(p)).build()).toList());
            }
            if (page.truncated()) {
                list.nextMarker(page.items().get(page.items().size() - 1).id);
            }
            return ListResponseHeadersPoliciesResponse.builder().responseHeadersPolicyList(list.build()).build();
        }
    }

    @Override
    public CreateResponseHeadersPolicyResponse createResponseHeadersPolicy(CreateResponseHeadersPolicyRequest request) {
        synchronized (w) {
            open();
            w.enter("cloudfront:CreateResponseHeadersPolicy", policyArn("*"));
            ResponseHeadersPolicyConfig config = request.responseHeadersPolicyConfig();
            if (config == null) {
                throw malformed(List.of("responseHeadersPolicyConfig"));
            }
            checkPolicy(config, null);
            FakeAws.Rhp p = new FakeAws.Rhp();
            p.id = w.uuid();
            p.config = config;
            p.etag = w.newEtag();
            p.lastModified = Instant.now();
            w.policies.put(p.id, p);
            return CreateResponseHeadersPolicyResponse.builder().responseHeadersPolicy(model(p)).eTag(p.etag)
                    .location(API + "/response-headers-policy/" + p.id).build();
        }
    }

    private void checkPolicy(ResponseHeadersPolicyConfig config, String selfId) {
        checkModel(config, "responseHeadersPolicyConfig");
        if (config.name().isEmpty() || config.name().length() > 128) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                    "The parameter Name must be between 1 and 128 characters long.");
        }
        if (config.corsConfig() == null && config.securityHeadersConfig() == null && config.customHeadersConfig() == null
                && config.serverTimingHeadersConfig() == null && config.removeHeadersConfig() == null) {
            throw error(InvalidArgumentException.builder(), 400, "InvalidArgument", "The response headers policy must "
                    + "contain at least one of CorsConfig, SecurityHeadersConfig, CustomHeadersConfig, "
                    + "ServerTimingHeadersConfig or RemoveHeadersConfig.");
        }
        ResponseHeadersPolicySecurityHeadersConfig security = config.securityHeadersConfig();
        if (security != null && security.contentSecurityPolicy() != null
                && security.contentSecurityPolicy().contentSecurityPolicy().length() > 1783) {
            throw error(TooLongCspInResponseHeadersPolicyException.builder(), 400, "TooLongCSPInResponseHeadersPolicy",
                    "The Content-Security-Policy header value is longer than 1783 characters.");
        }
        if (config.customHeadersConfig() != null && config.customHeadersConfig().hasItems()) {
            Set<String> names = new HashSet<>();
            for (ResponseHeadersPolicyCustomHeader h : config.customHeadersConfig().items()) {
                String header = h.header().toLowerCase(Locale.ROOT);
                if (SECURITY_HEADERS.contains(header)) {
                    throw error(InvalidArgumentException.builder(), 400, "InvalidArgument", "The parameter CustomHeader "
                            + "contains " + h.header() + ", which must be set in SecurityHeadersConfig instead.");
                }
                if (!names.add(header)) {
                    throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                            "The parameter CustomHeaders contains " + h.header() + " more than once.");
                }
            }
        }
        for (FakeAws.Rhp other : w.policies.values()) {
            if (!other.id.equals(selfId) && other.config.name().equals(config.name())) {
                throw error(ResponseHeadersPolicyAlreadyExistsException.builder(), 409, "ResponseHeadersPolicyAlreadyExists",
                        "A response headers policy with this name already exists. You must provide a unique name.");
            }
        }
    }

    @Override
    public GetResponseHeadersPolicyResponse getResponseHeadersPolicy(GetResponseHeadersPolicyRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:GetResponseHeadersPolicy", policyArn(id));
            FakeAws.Rhp p = policy(id);
            return GetResponseHeadersPolicyResponse.builder().responseHeadersPolicy(model(p)).eTag(p.etag).build();
        }
    }

    @Override
    public GetResponseHeadersPolicyConfigResponse getResponseHeadersPolicyConfig(
            GetResponseHeadersPolicyConfigRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:GetResponseHeadersPolicyConfig", policyArn(id));
            FakeAws.Rhp p = policy(id);
            return GetResponseHeadersPolicyConfigResponse.builder().responseHeadersPolicyConfig(p.config).eTag(p.etag)
                    .build();
        }
    }

    @Override
    public UpdateResponseHeadersPolicyResponse updateResponseHeadersPolicy(UpdateResponseHeadersPolicyRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:UpdateResponseHeadersPolicy", policyArn(id));
            FakeAws.Rhp p = policy(id);
            if (p.managed) {
                throw error(IllegalUpdateException.builder(), 400, "IllegalUpdate", "A managed policy cannot be updated.");
            }
            checkIfMatch(request.ifMatch(), p.etag);
            if (request.responseHeadersPolicyConfig() == null) {
                throw malformed(List.of("responseHeadersPolicyConfig"));
            }
            checkPolicy(request.responseHeadersPolicyConfig(), p.id);
            p.config = request.responseHeadersPolicyConfig();
            p.etag = w.newEtag();
            p.lastModified = Instant.now();
            return UpdateResponseHeadersPolicyResponse.builder().responseHeadersPolicy(model(p)).eTag(p.etag).build();
        }
    }

    @Override
    public DeleteResponseHeadersPolicyResponse deleteResponseHeadersPolicy(DeleteResponseHeadersPolicyRequest request) {
        synchronized (w) {
            open();
            String id = FakeAws.requirePathParameter(request.id(), "Id");
            w.enter("cloudfront:DeleteResponseHeadersPolicy", policyArn(id));
            FakeAws.Rhp p = policy(id);
            if (p.managed) {
                throw error(software.amazon.awssdk.services.cloudfront.model.IllegalDeleteException.builder(), 400,
                        "IllegalDelete", "A managed policy cannot be deleted.");
            }
            checkIfMatch(request.ifMatch(), p.etag);
            boolean inUse = w.dists.values().stream().anyMatch(d -> {
                if (id.equals(d.config.defaultCacheBehavior().responseHeadersPolicyId())) {
                    return true;
                }
                return d.config.cacheBehaviors() != null && d.config.cacheBehaviors().hasItems()
                        && d.config.cacheBehaviors().items().stream().anyMatch(b -> id.equals(b.responseHeadersPolicyId()));
            });
            if (inUse) {
                throw error(ResponseHeadersPolicyInUseException.builder(), 409, "ResponseHeadersPolicyInUse",
                        "Cannot delete the response headers policy because it is attached to one or more cache behaviors.");
            }
            w.policies.remove(id);
            return DeleteResponseHeadersPolicyResponse.builder().build();
        }
    }

    static ResponseHeadersPolicy model(FakeAws.Rhp p) {
        return ResponseHeadersPolicy.builder().id(p.id).lastModifiedTime(p.lastModified)
                .responseHeadersPolicyConfig(p.config).build();
    }

    private FakeAws.Rhp policy(String id) {
        FakeAws.Rhp p = w.policies.get(id);
        if (p == null) {
            throw error(NoSuchResponseHeadersPolicyException.builder(), 404, "NoSuchResponseHeadersPolicy",
                    "The response headers policy does not exist.");
        }
        return p;
    }

    /** Managed-SecurityHeadersPolicy as CloudFront describes it. */
    static ResponseHeadersPolicyConfig managedSecurityHeadersPolicyConfig() {
        return ResponseHeadersPolicyConfig.builder()
                .name("Managed-SecurityHeadersPolicy")
                .comment("Adds a set of security headers to every response")
                .securityHeadersConfig(ResponseHeadersPolicySecurityHeadersConfig.builder()
                        .xssProtection(ResponseHeadersPolicyXSSProtection.builder().override(false).protection(true)
                                .modeBlock(true).build())
                        .frameOptions(ResponseHeadersPolicyFrameOptions.builder().override(false).frameOption("SAMEORIGIN")
                                .build())
                        .referrerPolicy(ResponseHeadersPolicyReferrerPolicy.builder().override(false)
                                .referrerPolicy("strict-origin-when-cross-origin").build())
                        .contentTypeOptions(ResponseHeadersPolicyContentTypeOptions.builder().override(true).build())
                        .strictTransportSecurity(ResponseHeadersPolicyStrictTransportSecurity.builder().override(false)
                                .includeSubdomains(false).preload(false).accessControlMaxAgeSec(31536000).build())
                        .build())
                .build();
    }

    // ================================================================== shared helpers

    private record Page<T>(List<T> items, boolean truncated, int max) {
    }

    /** CloudFront's paging: Marker is the id of the last item of the previous page; MaxItems defaults to 100. */
    private <T> Page<T> page(List<T> all, Function<T, String> id, String marker, String maxItems) {
        int max = 100;
        if (maxItems != null) {
            try {
                max = Integer.parseInt(maxItems);
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 0 || max > 1000) {
                throw error(InvalidArgumentException.builder(), 400, "InvalidArgument",
                        "The parameter MaxItems is not valid: " + maxItems);
            }
        }
        int start = 0;
        if (marker != null && !marker.isEmpty()) {
            start = all.size();
            for (int i = 0; i < all.size(); i++) {
                if (id.apply(all.get(i)).equals(marker)) {
                    start = i + 1;
                }
            }
        }
        int end = Math.min(all.size(), start + max);
        return new Page<>(new ArrayList<>(all.subList(Math.min(start, end), end)), end < all.size(), max);
    }

    private void checkIfMatch(String ifMatch, String etag) {
        if (ifMatch == null || ifMatch.isEmpty()) {
            throw error(InvalidIfMatchVersionException.builder(), 400, "InvalidIfMatchVersion",
                    "The If-Match version is missing or not valid for the resource.");
        }
        if (!ifMatch.equals(etag)) {
            throw error(PreconditionFailedException.builder(), 412, "PreconditionFailed",
                    "The precondition given in one or more of the request-header fields evaluated to false.");
        }
    }

    private FakeAws.Dist dist(String id) {
        FakeAws.Dist d = w.dists.get(id);
        if (d == null) {
            throw error(NoSuchDistributionException.builder(), 404, "NoSuchDistribution",
                    "The specified distribution does not exist.");
        }
        return d;
    }

    private FakeAws.Oac oac(String id) {
        FakeAws.Oac o = w.oacs.get(id);
        if (o == null) {
            throw error(NoSuchOriginAccessControlException.builder(), 404, "NoSuchOriginAccessControl",
                    "The specified origin access control does not exist.");
        }
        return o;
    }

    static String distributionArn(String id) {
        return "arn:aws:cloudfront::" + FakeAws.ACCOUNT + ":distribution/" + id;
    }

    private static String originAccessControlArn(String id) {
        return "arn:aws:cloudfront::" + FakeAws.ACCOUNT + ":origin-access-control/" + id;
    }

    private static String policyArn(String id) {
        return "arn:aws:cloudfront::" + FakeAws.ACCOUNT + ":response-headers-policy/" + id;
    }

    /** 400 MalformedXML, CloudFront's answer to a required member left out. */
    private AwsServiceException malformed(List<String> paths) {
        StringBuilder sb = new StringBuilder();
        sb.append(paths.size()).append(paths.size() == 1 ? " validation error detected: " : " validation errors detected: ");
        for (int i = 0; i < paths.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append("Value null at '").append(paths.get(i))
                    .append("' failed to satisfy constraint: Member must not be null");
        }
        return error(CloudFrontException.builder(), 400, "MalformedXML", sb.toString());
    }

    private AwsServiceException error(AwsServiceException.Builder b, int status, String code, String message) {
        return w.error(b, "CloudFront", status, code, message);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
    }
}
