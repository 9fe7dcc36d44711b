package dev.edgepress.publisher.aws;

import dev.edgepress.publisher.PublishException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionList;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.Tag;

/**
 * Finds a site's distribution and bucket from its domain alone, the way {@code edgepress:provision}
 * left them: the distribution that has the domain among its aliases, and the S3 bucket of its
 * origin. Two kinds of call: ListDistributions (pages of 100) and ListTagsForResource on the match.
 *
 * <p>A distribution is Edgepress's own when its tag {@link #SITE_TAG} names the domain. Only then
 * is its viewer-request function known to rewrite {@code /dir/} to {@code /dir/index.html}, which
 * lets a publish invalidate one path per changed object.
 */
public final class SiteDiscovery {

  /** The tag that marks a distribution (and a bucket, a certificate) as made by Edgepress for a domain. */
  public static final String SITE_TAG = "edgepress:site";

  /** {@code bucket.s3.region.amazonaws.com}, {@code bucket.s3.amazonaws.com} or {@code bucket.s3-region.amazonaws.com}. */
  private static final Pattern S3_ORIGIN =
      Pattern.compile("^(.+?)\\.s3(?:[.-]([a-z0-9-]+))?\\.amazonaws\\.com(?:\\.cn)?$");

  /** What a publish needs, found from the domain. */
  public record Target(String bucket, String region, String distributionId, String distributionArn, boolean provisioned) {}

  private SiteDiscovery() {}

  /** The distribution that serves {@code host}, if any distribution of this account has it as an alias. */
  public static Optional<DistributionSummary> distributionWithAlias(CloudFrontClient cloudFront, String host) {
    String wanted = normalizeHost(host);
    String marker = null;
    do {
      String m = marker;
      DistributionList list = cloudFront.listDistributions(r -> r.marker(m).maxItems("100")).distributionList();
      if (list == null) {
        return Optional.empty();
      }
      for (DistributionSummary d : list.items()) {
        if (d.aliases() != null && d.aliases().items().stream().anyMatch(a -> normalizeHost(a).equals(wanted))) {
          return Optional.of(d);
        }
      }
      marker = Boolean.TRUE.equals(list.isTruncated()) ? list.nextMarker() : null;
    } while (marker != null && !marker.isEmpty());
    return Optional.empty();
  }

  /** The value of the distribution's {@link #SITE_TAG} tag, if it has one. */
  public static Optional<String> siteTag(CloudFrontClient cloudFront, String distributionArn) {
    var tags = cloudFront.listTagsForResource(r -> r.resource(distributionArn)).tags();
    return tags == null ? Optional.empty()
        : tags.items().stream().filter(t -> SITE_TAG.equals(t.key())).map(Tag::value).findFirst();
  }

  /** The S3 bucket and region an origin reads from, if it is an S3 REST origin. */
  public static Optional<String[]> s3Origin(Origin origin) {
    Matcher m = S3_ORIGIN.matcher(origin.domainName().toLowerCase(Locale.ROOT));
    if (!m.matches() || origin.s3OriginConfig() == null && origin.originAccessControlId() == null) {
      return Optional.empty();
    }
    return Optional.of(new String[] {m.group(1), m.group(2) == null ? "us-east-1" : m.group(2)});
  }

  /**
   * The bucket and distribution of the site at {@code domain}.
   *
   * @throws PublishException when no distribution has the domain, or its origin is not an S3 bucket
   */
  public static Target find(CloudFrontClient cloudFront, String domain) {
    DistributionSummary d;
    try {
      d = distributionWithAlias(cloudFront, domain).orElseThrow(() -> new PublishException(
          "No CloudFront distribution of this AWS account has the alias " + domain + " (<domain>). Run"
              + " mvn edgepress:provision first, or set <bucket> and <distributionId> for a site you set up yourself."));
    } catch (AwsServiceException e) {
      throw new PublishException(e.statusCode() == 403
          ? "Access denied listing CloudFront distributions to find " + domain + ": the credentials need"
              + " cloudfront:ListDistributions and cloudfront:ListTagsForResource (README, publishing policy),"
              + " or set <bucket> and <distributionId>."
          : "CloudFront refused to list distributions (" + e.statusCode() + " " + errorCode(e) + ").", e);
    }
    Origin origin = (d.origins() == null ? java.util.List.<Origin>of() : d.origins().items()).stream()
        .filter(o -> s3Origin(o).isPresent()).findFirst()
        .orElseThrow(() -> new PublishException("Distribution " + d.id() + " serves " + domain
            + " but has no S3 bucket origin; set <bucket> to publish to."));
    String[] bucketAndRegion = s3Origin(origin).orElseThrow();
    boolean provisioned;
    try {
      provisioned = siteTag(cloudFront, d.arn()).map(v -> normalizeHost(v).equals(normalizeHost(domain))).orElse(false);
    } catch (AwsServiceException e) {
      throw new PublishException("Access denied reading the tags of distribution " + d.id() + " ("
          + e.statusCode() + " " + errorCode(e) + "): the credentials need cloudfront:ListTagsForResource.", e);
    }
    return new Target(bucketAndRegion[0], bucketAndRegion[1], d.id(), d.arn(), provisioned);
  }

  /** Lower case, without a trailing dot or a port. */
  public static String normalizeHost(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    int colon = h.indexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }
}
