package dev.edgepress.provisioner.steps;

import dev.edgepress.provisioner.ProvisionListener;
import dev.edgepress.provisioner.SiteSpec;
import dev.edgepress.provisioner.aws.AwsServices;
import dev.edgepress.provisioner.aws.Calls;
import dev.edgepress.provisioner.aws.Poller;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one run knows: the spec, the clients, how to wait, and the ids that earlier steps found or
 * made (a later step needs the certificate's ARN, the distribution's ARN, ...). Nothing of it is
 * kept between runs: every run discovers again.
 */
public final class Context {

  public final SiteSpec spec;
  public final AwsServices aws;
  public final ProvisionListener listener;
  public final Poller poller;
  /** Wait for certificates, distributions and DNS to finish; else return once AWS accepted the change. */
  public final boolean waitForCompletion;
  public final Timeouts timeouts;
  /** Started at, for caller references that differ between runs. */
  public final long runId;

  private String accountId;
  /** Hosted zone id (bare) of each name of the site. */
  public final Map<String, String> zoneOfName = new LinkedHashMap<>();
  public Optional<String> certificateArn = Optional.empty();
  public boolean certificateIssued;
  public String bucketName;
  public String bucketRegion;
  public boolean bucketOurs;
  public Optional<String> originAccessControlId = Optional.empty();
  public Optional<String> functionArn = Optional.empty();
  public Optional<String> headersPolicyId = Optional.empty();
  public Optional<String> distributionId = Optional.empty();
  public Optional<String> distributionArn = Optional.empty();
  public Optional<String> distributionDomain = Optional.empty();
  public boolean distributionDeployed;
  /** The contact form's function, API and the secret CloudFront sends to the API (never logged). */
  public Optional<String> contactFunctionArn = Optional.empty();
  public Optional<String> contactApiId = Optional.empty();
  public Optional<String> contactOriginSecret = Optional.empty();

  /** How long each kind of wait may last. */
  public record Timeouts(Duration validationRecords, Duration certificate, Duration distribution, Duration dns) {
    public static Timeouts defaults() {
      return new Timeouts(Duration.ofMinutes(3), Duration.ofMinutes(30), Duration.ofMinutes(40), Duration.ofMinutes(5));
    }
  }

  public Context(SiteSpec spec, AwsServices aws, ProvisionListener listener, Duration pollInterval,
      boolean waitForCompletion, Timeouts timeouts) {
    this.spec = spec;
    this.aws = aws;
    this.listener = listener;
    this.poller = new Poller(pollInterval, listener);
    this.waitForCompletion = waitForCompletion;
    this.timeouts = timeouts;
    this.runId = System.currentTimeMillis();
  }

  /**
   * The hosted zone a record for {@code name} goes in: the zone of that site name, else of a site
   * name it is under (or that is under it), else the domain's. Empty before the zones are found.
   */
  public Optional<String> zoneFor(String name) {
    String zone = zoneOfName.get(name);
    if (zone == null) {
      zone = zoneOfName.entrySet().stream()
          .filter(e -> name.endsWith("." + e.getKey()) || e.getKey().endsWith("." + name))
          .map(Map.Entry::getValue).findFirst().orElse(zoneOfName.get(spec.domain()));
    }
    return Optional.ofNullable(zone);
  }

  /** The AWS account the credentials belong to (one STS call, once a run). */
  public String accountId() {
    if (accountId == null) {
      accountId = Calls.call("sts:GetCallerIdentity", () -> aws.sts().getCallerIdentity()).account();
    }
    return accountId;
  }
}
