package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ProvisionException;
import dev.edgepress.provisioner.aws.Calls;
import dev.edgepress.publisher.aws.SiteDiscovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import dev.edgepress.contact.ContactConfig;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CacheBehaviors;
import software.amazon.awssdk.services.cloudfront.model.CnameAlreadyExistsException;
import software.amazon.awssdk.services.cloudfront.model.OriginCustomHeader;
import software.amazon.awssdk.services.cloudfront.model.OriginProtocolPolicy;
import software.amazon.awssdk.services.cloudfront.model.SslProtocol;
import software.amazon.awssdk.services.cloudfront.model.CustomErrorResponse;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.Distribution;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionList;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.EventType;
import software.amazon.awssdk.services.cloudfront.model.FunctionAssociation;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.HttpVersion;
import software.amazon.awssdk.services.cloudfront.model.InvalidViewerCertificateException;
import software.amazon.awssdk.services.cloudfront.model.Method;
import software.amazon.awssdk.services.cloudfront.model.MinimumProtocolVersion;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.PreconditionFailedException;
import software.amazon.awssdk.services.cloudfront.model.PriceClass;
import software.amazon.awssdk.services.cloudfront.model.SSLSupportMethod;
import software.amazon.awssdk.services.cloudfront.model.ViewerCertificate;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;

/**
 * The CloudFront distribution: the site's names and certificate (sni-only, TLSv1.2_2021), HTTP/2
 * and HTTP/3, IPv6, redirect-to-https, the managed CachingOptimized policy with compression, the
 * viewer-request function and the headers policy, index.html as root object, 403 and 404 answered
 * with /404.html and status 404, the price class, a comment and a tag that mark it as the site's.
 *
 * <p>Found by its aliases (or its comment); taken over only when its {@link Names#SITE_TAG} tag says
 * it is this site's. On update, only the fields above are put back (whatever else was set by hand,
 * such as logging or a WAF, is kept), with IfMatch, and read again when the ETag went stale.
 */
final class DistributionStep implements Step {

  static final String ORIGIN_ID = "edgepress-bucket";
  static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
  static final String API_ORIGIN_ID = "edgepress-contact-api";
  static final String API_PATH = "/api/*";
  static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
  /** Forwards everything but Host: API Gateway answers 403 to a Host that is not its own. */
  static final String ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
  private static final String UNKNOWN = "(made by this run)";

  private final Context ctx;
  private Optional<DistributionSummary> existing = Optional.empty();
  /** The config and ETag the plan read; an update sends them back unless the ETag went stale. */
  private GetDistributionConfigResponse read;
  private boolean discovered;

  DistributionStep(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public String resource() {
    return "distribution";
  }

  /**
   * Finds the site's distribution, and fails when one of the names is held by a distribution that
   * is not this site's. Run before any change, so that such a conflict leaves nothing half-made.
   */
  void discover() {
    if (discovered) {
      return;
    }
    existing = find(ctx, true);
    existing.ifPresent(d -> {
      ctx.distributionId = Optional.of(d.id());
      ctx.distributionArn = Optional.of(d.arn());
      ctx.distributionDomain = Optional.of(d.domainName());
    });
    discovered = true;
  }

  /** The site's distribution; with {@code strict}, a name held by another distribution is an error. */
  static Optional<DistributionSummary> find(Context ctx, boolean strict) {
    List<String> names = ctx.spec.names();
    String comment = Names.comment(ctx.spec.domain());
    DistributionSummary ours = null;
    String marker = null;
    do {
      String m = marker;
      DistributionList list = call("cloudfront:ListDistributions",
          () -> ctx.aws.cloudFront().listDistributions(r -> r.marker(m).maxItems("100"))).distributionList();
      if (list == null) {
        break;
      }
      for (DistributionSummary d : list.items()) {
        List<String> held = d.aliases() == null ? List.of()
            : d.aliases().items().stream().map(SiteDiscovery::normalizeHost).filter(names::contains).toList();
        if (held.isEmpty() && !comment.equals(d.comment())) {
          continue;
        }
        boolean isOurs = call("cloudfront:ListTagsForResource", () -> SiteDiscovery.siteTag(ctx.aws.cloudFront(), d.arn()))
            .map(v -> v.equals(ctx.spec.domain())).orElse(false);
        if (isOurs) {
          if (ours == null || held.contains(ctx.spec.domain())) {
            ours = d;
          }
        } else if (!held.isEmpty() && strict) {
          throw new ProvisionException(String.join(", ", held) + (held.size() == 1 ? " is" : " are")
              + " already an alias of CloudFront distribution " + d.id() + " (" + d.domainName() + ", comment '"
              + Objects.toString(d.comment(), "") + "'), which Edgepress did not make: it has no tag "
              + Names.SITE_TAG + "=" + ctx.spec.domain() + ". An alias can be on one distribution only."
              + " Remove it from that distribution (CloudFront console > " + d.id() + " > General > Alternate domain"
              + " names), or, if that distribution should become this site's, add the tag " + Names.SITE_TAG + "="
              + ctx.spec.domain() + " to it, then run again. Nothing was changed.");
        }
      }
      marker = Boolean.TRUE.equals(list.isTruncated()) ? list.nextMarker() : null;
    } while (marker != null && !marker.isEmpty());
    return Optional.ofNullable(ours);
  }

  @Override
  public Change plan() {
    discover();
    String name = String.join(", ", ctx.spec.names());
    if (existing.isEmpty()) {
      return new Change(resource(), name, null, Change.Action.CREATE, List.of(), Change.Status.PLANNED);
    }
    DistributionSummary d = existing.get();
    read = call("cloudfront:GetDistributionConfig", () -> ctx.aws.cloudFront().getDistributionConfig(r -> r.id(d.id())));
    DistributionConfig actual = read.distributionConfig();
    List<String> diffs = Step.differences(fields(actual), fields(desired(actual)));
    ctx.distributionDeployed = "Deployed".equals(d.status());
    if (diffs.isEmpty()) {
      return new Change(resource(), name, d.id(), Change.Action.UNCHANGED, List.of(),
          ctx.distributionDeployed ? Change.Status.DONE : Change.Status.PENDING);
    }
    return new Change(resource(), name, d.id(), Change.Action.UPDATE, diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    Distribution result = existing.isEmpty() ? create() : update(existing.get().id());
    ctx.distributionId = Optional.of(result.id());
    ctx.distributionArn = Optional.of(result.arn());
    ctx.distributionDomain = Optional.of(result.domainName());
    ctx.distributionDeployed = "Deployed".equals(result.status());
    return planned.withId(result.id()).withStatus(ctx.distributionDeployed ? Change.Status.DONE : Change.Status.PENDING);
  }

  /** Waits until the distribution is Deployed (minutes: CloudFront copies it to every edge location). */
  void awaitDeployed() {
    String id = ctx.distributionId.orElseThrow();
    ctx.poller.await("distribution " + id + " to deploy to CloudFront's edge locations (often 5-15 minutes)",
        ctx.timeouts.distribution(), () -> {
          Distribution d = call("cloudfront:GetDistribution", () -> ctx.aws.cloudFront().getDistribution(r -> r.id(id)))
              .distribution();
          return "Deployed".equals(d.status()) ? Optional.of(d) : Optional.empty();
        }, () -> "Distribution " + id + " is still deploying after " + ctx.timeouts.distribution().toMinutes()
            + " minutes. It is accepted and will finish; run again later (or with -Dedgepress.wait=false).");
    ctx.distributionDeployed = true;
  }

  private Distribution create() {
    DistributionConfig config = desired(null);
    try {
      return call("cloudfront:CreateDistribution", () -> ctx.aws.cloudFront().createDistributionWithTags(r -> r
          .distributionConfigWithTags(c -> c.distributionConfig(config)
              .tags(t -> t.items(i -> i.key(Names.SITE_TAG).value(ctx.spec.domain())))))).distribution();
    } catch (CnameAlreadyExistsException e) {
      throw new ProvisionException("CloudFront refused the names " + String.join(", ", ctx.spec.names())
          + ": one of them is an alias of another distribution, in another AWS account (this account has none"
          + " with it). Remove the alias there, or ask AWS Support to move it, then run again. The certificate,"
          + " bucket, function and headers policy made so far are kept (see the report).", e);
    } catch (InvalidViewerCertificateException e) {
      throw certificateRefused(e);
    }
  }

  private Distribution update(String id) {
    for (int attempt = 1; ; attempt++) {
      GetDistributionConfigResponse current = attempt == 1 && read != null ? read : call("cloudfront:GetDistributionConfig",
          () -> ctx.aws.cloudFront().getDistributionConfig(r -> r.id(id)));
      DistributionConfig config = desired(current.distributionConfig());
      try {
        return call("cloudfront:UpdateDistribution", () -> ctx.aws.cloudFront().updateDistribution(r -> r
            .id(id).ifMatch(current.eTag()).distributionConfig(config))).distribution();
      } catch (PreconditionFailedException e) {
        // Someone changed it between our read and our write: read again and re-apply our fields.
        if (attempt >= 4) {
          throw new ProvisionException("Distribution " + id + " keeps changing while Edgepress updates it"
              + " (PreconditionFailed " + attempt + " times). Let the other change finish and run again.", e);
        }
        ctx.listener.info("Distribution " + id + " changed meanwhile; reading it again");
      } catch (CnameAlreadyExistsException e) {
        throw new ProvisionException("CloudFront refused to add " + String.join(", ", ctx.spec.aliases()) + " to "
            + id + ": " + Calls.errorMessage(e) + " Remove the alias from the distribution that has it, then run again.", e);
      } catch (InvalidViewerCertificateException e) {
        throw certificateRefused(e);
      }
    }
  }

  private ProvisionException certificateRefused(InvalidViewerCertificateException e) {
    return new ProvisionException("CloudFront refused the certificate " + ctx.certificateArn.orElse("?") + " for "
        + String.join(", ", ctx.spec.names()) + ": " + Calls.errorMessage(e) + ". It must be ISSUED, in us-east-1,"
        + " and cover every name; run again once it is (mvn edgepress:provision waits for it).", e);
  }

  /** The config to send: the actual one (null when creating) with every field Edgepress manages set. */
  DistributionConfig desired(DistributionConfig actual) {
    String bucket = ctx.bucketName;
    Origin.Builder origin = Origin.builder().id(ORIGIN_ID)
        .domainName(bucket + ".s3." + ctx.bucketRegion + ".amazonaws.com").originPath("")
        .customHeaders(h -> h.quantity(0))
        .s3OriginConfig(s -> s.originAccessIdentity(""))
        .originAccessControlId(ctx.originAccessControlId.orElse(UNKNOWN));
    List<Origin> origins = new ArrayList<>();
    if (actual != null && actual.origins() != null) {
      for (Origin o : actual.origins().items()) {
        if (o.id().equals(API_ORIGIN_ID)) {
          continue;
        }
        if (o.id().equals(ORIGIN_ID)) {
          origin = o.toBuilder().domainName(bucket + ".s3." + ctx.bucketRegion + ".amazonaws.com").originPath("")
              .s3OriginConfig(s -> s.originAccessIdentity("")).customOriginConfig((software.amazon.awssdk.services.cloudfront.model.CustomOriginConfig) null)
              .originAccessControlId(ctx.originAccessControlId.orElse(UNKNOWN));
        } else {
          origins.add(o);
        }
      }
    }
    origins.add(0, origin.build());
    if (ctx.spec.contact().isPresent()) {
      origins.add(apiOrigin());
    }
    List<CacheBehavior> behaviors = new ArrayList<>();
    if (actual != null && actual.cacheBehaviors() != null) {
      actual.cacheBehaviors().items().stream().filter(c -> !API_PATH.equals(c.pathPattern())).forEach(behaviors::add);
    }
    if (ctx.spec.contact().isPresent()) {
      behaviors.add(0, apiBehavior());
    }

    DefaultCacheBehavior.Builder behavior = actual == null || actual.defaultCacheBehavior() == null
        ? DefaultCacheBehavior.builder().lambdaFunctionAssociations(l -> l.quantity(0)).fieldLevelEncryptionId("")
        : actual.defaultCacheBehavior().toBuilder();
    behavior.targetOriginId(ORIGIN_ID)
        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
        .cachePolicyId(CACHING_OPTIMIZED)
        .forwardedValues((software.amazon.awssdk.services.cloudfront.model.ForwardedValues) null)
        .minTTL(null).defaultTTL(null).maxTTL(null)
        .compress(true)
        .allowedMethods(a -> a.quantity(2).items(Method.HEAD, Method.GET)
            .cachedMethods(c -> c.quantity(2).items(Method.HEAD, Method.GET)))
        .functionAssociations(f -> f.quantity(1).items(FunctionAssociation.builder()
            .eventType(EventType.VIEWER_REQUEST).functionARN(ctx.functionArn.orElse(UNKNOWN)).build()))
        .responseHeadersPolicyId(ctx.headersPolicyId.orElse(UNKNOWN));

    List<String> aliases = new ArrayList<>(new TreeSet<>(ctx.spec.names()));
    DistributionConfig.Builder b = actual == null
        ? DistributionConfig.builder()
            .callerReference("edgepress-" + ctx.spec.domain() + "-" + ctx.runId)
            .restrictions(r -> r.geoRestriction(g -> g.restrictionType("none").quantity(0)))
        : actual.toBuilder();
    return b.aliases(a -> a.quantity(aliases.size()).items(aliases))
        .comment(Names.comment(ctx.spec.domain()))
        .enabled(true)
        .defaultRootObject("index.html")
        .origins(o -> o.quantity(origins.size()).items(origins))
        .cacheBehaviors(behaviors.isEmpty() ? CacheBehaviors.builder().quantity(0).build()
            : CacheBehaviors.builder().quantity(behaviors.size()).items(behaviors).build())
        .defaultCacheBehavior(behavior.build())
        .customErrorResponses(c -> c.quantity(2).items(errorResponse(403), errorResponse(404)))
        .priceClass(PriceClass.fromValue(ctx.spec.priceClass()))
        .viewerCertificate(ViewerCertificate.builder().acmCertificateArn(ctx.certificateArn.orElse(UNKNOWN))
            .sslSupportMethod(SSLSupportMethod.SNI_ONLY).minimumProtocolVersion(MinimumProtocolVersion.TLS_V1_2_2021)
            .cloudFrontDefaultCertificate(false).build())
        .httpVersion(HttpVersion.HTTP2_AND3)
        .isIPV6Enabled(true)
        .build();
  }

  /**
   * The contact form's API as an origin: HTTPS only, with the secret header the handler requires,
   * so the execute-api URL called directly answers nothing.
   */
  private Origin apiOrigin() {
    String host = ctx.contactApiId.map(id -> ContactApiStep.endpointHost(id, ctx.spec.region())).orElse(UNKNOWN);
    return Origin.builder().id(API_ORIGIN_ID).domainName(host).originPath("")
        .customHeaders(h -> h.quantity(1).items(OriginCustomHeader.builder()
            .headerName(ContactConfig.ORIGIN_SECRET_HEADER).headerValue(ctx.contactOriginSecret.orElse(UNKNOWN)).build()))
        .customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
            .originSslProtocols(p -> p.quantity(1).items(SslProtocol.TLS_V1_2)).originReadTimeout(30)
            .originKeepaliveTimeout(5))
        .build();
  }

  /** {@code /api/*}: to the API, never cached, POST allowed, no directory rewriting. */
  private CacheBehavior apiBehavior() {
    return CacheBehavior.builder().pathPattern(API_PATH).targetOriginId(API_ORIGIN_ID)
        .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
        .cachePolicyId(CACHING_DISABLED).originRequestPolicyId(ALL_VIEWER_EXCEPT_HOST)
        .responseHeadersPolicyId(ctx.headersPolicyId.orElse(UNKNOWN))
        .compress(true)
        .allowedMethods(a -> a.quantity(7).items(Method.GET, Method.HEAD, Method.OPTIONS, Method.PUT, Method.PATCH,
            Method.POST, Method.DELETE).cachedMethods(c -> c.quantity(2).items(Method.HEAD, Method.GET)))
        .functionAssociations(f -> f.quantity(0))
        .lambdaFunctionAssociations(l -> l.quantity(0))
        .fieldLevelEncryptionId("")
        .build();
  }

  private static CustomErrorResponse errorResponse(int code) {
    return CustomErrorResponse.builder().errorCode(code).responsePagePath("/404.html").responseCode("404")
        .errorCachingMinTTL(60L).build();
  }

  /** The managed fields of a config, by name, as the plan shows them. */
  static Map<String, String> fields(DistributionConfig c) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("aliases", c.aliases() == null ? "" : String.join(",", new TreeSet<>(c.aliases().items())));
    f.put("enabled", String.valueOf(c.enabled()));
    f.put("comment", String.valueOf(c.comment()));
    ViewerCertificate v = c.viewerCertificate();
    f.put("certificate", v == null ? "none" : String.valueOf(v.acmCertificateArn()));
    f.put("tls", v == null ? "none" : v.sslSupportMethodAsString() + " " + v.minimumProtocolVersionAsString());
    f.put("httpVersion", c.httpVersionAsString());
    f.put("ipv6", String.valueOf(c.isIPV6Enabled()));
    f.put("defaultRootObject", String.valueOf(c.defaultRootObject()));
    f.put("priceClass", c.priceClassAsString());
    Origin o = c.origins() == null ? null
        : c.origins().items().stream().filter(x -> x.id().equals(ORIGIN_ID)).findFirst().orElse(null);
    f.put("origin", o == null ? "none" : o.domainName() + (o.originPath() == null || o.originPath().isEmpty() ? "" : o.originPath())
        + " oac=" + o.originAccessControlId() + (o.s3OriginConfig() == null ? " (not an S3 origin)" : ""));
    DefaultCacheBehavior d = c.defaultCacheBehavior();
    f.put("targetOrigin", d == null ? "none" : d.targetOriginId());
    f.put("viewerProtocolPolicy", d == null ? "none" : d.viewerProtocolPolicyAsString());
    f.put("cachePolicy", d == null ? "none" : String.valueOf(d.cachePolicyId()));
    f.put("compress", d == null ? "none" : String.valueOf(d.compress()));
    f.put("allowedMethods", d == null || d.allowedMethods() == null ? "none"
        : String.join(",", new TreeSet<>(d.allowedMethods().itemsAsStrings())));
    f.put("function", d == null || d.functionAssociations() == null ? "none" : String.join(",",
        d.functionAssociations().items().stream().map(a -> a.eventTypeAsString() + " " + a.functionARN()).sorted().toList()));
    f.put("responseHeadersPolicy", d == null ? "none" : String.valueOf(d.responseHeadersPolicyId()));
    Origin api = c.origins() == null ? null
        : c.origins().items().stream().filter(x -> x.id().equals(API_ORIGIN_ID)).findFirst().orElse(null);
    f.put("apiOrigin", api == null ? "none" : api.domainName() + (api.customOriginConfig() == null ? ""
        : " " + api.customOriginConfig().originProtocolPolicyAsString()) + " secret header "
        // A one-way fingerprint: the plan shows that the secret differs, never the secret.
        + Names.sha256(api.customHeaders() == null ? "" : String.join("\n", api.customHeaders().items().stream()
            .map(h -> h.headerName() + "=" + h.headerValue()).sorted().toList())).substring(0, 8));
    CacheBehavior b = c.cacheBehaviors() == null ? null
        : c.cacheBehaviors().items().stream().filter(x -> API_PATH.equals(x.pathPattern())).findFirst().orElse(null);
    f.put("apiBehavior", b == null ? "none" : b.targetOriginId() + " " + b.viewerProtocolPolicyAsString() + " cache "
        + b.cachePolicyId() + " request " + b.originRequestPolicyId() + " headers " + b.responseHeadersPolicyId()
        + " methods " + (b.allowedMethods() == null ? "none" : String.join(",", new TreeSet<>(b.allowedMethods().itemsAsStrings())))
        + " functions " + (b.functionAssociations() == null ? 0 : b.functionAssociations().items().size()));
    f.put("errorResponses", c.customErrorResponses() == null ? "none" : String.join(",",
        c.customErrorResponses().items().stream().map(e -> e.errorCode() + "->" + e.responsePagePath() + " " + e.responseCode())
            .sorted().toList()));
    return f;
  }

}
