package dev.edgepress.publisher.aws;

import dev.edgepress.publisher.PublishException;
import dev.edgepress.publisher.PublishListener;
import dev.edgepress.publisher.Publisher;
import dev.edgepress.publisher.invalidation.CloudFrontInvalidator;
import dev.edgepress.publisher.store.S3Store;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Where a site is published on AWS, as a user configures it: a bucket (and optionally a
 * distribution), or only the domain of a site {@code edgepress:provision} made, whose bucket and
 * distribution are then found. {@link #publisher} builds the clients, the store and the
 * invalidator, so that callers (the Maven plugin) need no AWS types.
 */
public final class S3Destination {

  private final Optional<String> bucket;
  private final Optional<String> domain;
  private final String prefix;
  private final Optional<String> region;
  private final Optional<String> distributionId;
  private final Optional<URI> endpoint;
  private final Optional<URI> cloudFrontEndpoint;
  private final AwsAccess access;
  private final int concurrency;

  private S3Destination(Builder b) {
    this.bucket = b.bucket;
    this.domain = b.domain;
    this.prefix = b.prefix;
    this.region = b.region;
    this.distributionId = b.distributionId;
    this.endpoint = b.endpoint;
    this.cloudFrontEndpoint = b.cloudFrontEndpoint;
    this.access = b.access;
    this.concurrency = b.concurrency;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A publisher of {@code siteDirectory} to this destination.
   *
   * @throws PublishException when neither a bucket nor a domain is set, or the domain's site is not found
   */
  public Publisher.Builder publisher(Path siteDirectory, PublishListener listener) {
    var credentials = access.provider();
    String targetBucket = bucket.orElse(null);
    Optional<String> targetRegion = region;
    Optional<String> targetDistribution = distributionId;
    boolean objectPathsOnly = false;
    if (targetBucket == null) {
      String site = domain.orElseThrow(() -> new PublishException("Set <bucket> (-Dedgepress.bucket), or <domain>"
          + " (-Dedgepress.domain) for a site made by mvn edgepress:provision."));
      // Provisioned by edgepress:provision: the distribution that serves the domain names the bucket.
      try (var cf = AwsClients.cloudFront(credentials, cloudFrontEndpoint)) {
        SiteDiscovery.Target target = SiteDiscovery.find(cf, site);
        targetBucket = target.bucket();
        targetRegion = region.or(() -> Optional.of(target.region()));
        targetDistribution = distributionId.or(() -> Optional.of(target.distributionId()));
        objectPathsOnly = target.provisioned() && target.distributionId().equals(targetDistribution.get());
        listener.info("Found " + site + ": bucket " + targetBucket + " (" + target.region() + "), distribution "
            + target.distributionId() + (target.provisioned() ? " (provisioned by Edgepress)" : ""));
      }
    }
    Region awsRegion = AwsClients.region(targetRegion, access.profileName());
    var s3 = AwsClients.s3(awsRegion, credentials, endpoint, concurrency);
    Publisher.Builder builder = Publisher.builder(siteDirectory, new S3Store(s3, targetBucket, prefix, awsRegion.id()))
        .objectPathsOnly(objectPathsOnly).concurrency(concurrency);
    if (targetDistribution.isPresent()) {
      var cf = AwsClients.cloudFront(credentials, cloudFrontEndpoint);
      builder.invalidator(new CloudFrontInvalidator(cf, targetDistribution.get(), Duration.ofSeconds(5), 6, listener::info));
    } else {
      listener.info("No <distributionId> (-Dedgepress.distributionId) set: no CloudFront invalidation");
    }
    return builder;
  }

  /** Settings of an {@link S3Destination}; blank strings count as absent. */
  public static final class Builder {
    private Optional<String> bucket = Optional.empty();
    private Optional<String> domain = Optional.empty();
    private String prefix = "";
    private Optional<String> region = Optional.empty();
    private Optional<String> distributionId = Optional.empty();
    private Optional<URI> endpoint = Optional.empty();
    private Optional<URI> cloudFrontEndpoint = Optional.empty();
    private AwsAccess access = AwsAccess.defaultChain();
    private int concurrency = 16;

    public Builder bucket(String name) {
      this.bucket = present(name);
      return this;
    }

    public Builder domain(String name) {
      this.domain = present(name);
      return this;
    }

    /** A folder of the bucket; leading slashes dropped, a trailing one added. */
    public Builder prefix(String folder) {
      String p = folder == null ? "" : folder.trim().replaceAll("^/+", "");
      if (!p.isEmpty() && !p.endsWith("/")) {
        p += "/";
      }
      if (p.contains("..")) {
        throw new PublishException("<prefix> (-Dedgepress.prefix) must not contain '..': " + folder);
      }
      this.prefix = p;
      return this;
    }

    public Builder region(String name) {
      this.region = present(name);
      return this;
    }

    public Builder distributionId(String id) {
      this.distributionId = present(id);
      return this;
    }

    /** An S3-compatible endpoint (MinIO, R2, Ceph). */
    public Builder endpoint(String uri) {
      this.endpoint = present(uri).map(URI::create);
      return this;
    }

    public Builder cloudFrontEndpoint(String uri) {
      this.cloudFrontEndpoint = present(uri).map(URI::create);
      return this;
    }

    public Builder access(AwsAccess access) {
      this.access = Objects.requireNonNull(access);
      return this;
    }

    public Builder concurrency(int files) {
      this.concurrency = files;
      return this;
    }

    public S3Destination build() {
      return new S3Destination(this);
    }

    private static Optional<String> present(String s) {
      return Optional.ofNullable(s).map(String::trim).filter(v -> !v.isEmpty());
    }
  }
}
