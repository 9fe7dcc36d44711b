package dev.edgepress.provisioner.steps;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ProvisionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Route 53 alias records, A and AAAA, for the domain and every alias, pointing at the distribution
 * (CloudFront's hosted zone {@value #CLOUDFRONT_ZONE}, no TTL). UPSERTed per zone in one batch, then
 * awaited until INSYNC. Records of other names in the zone are never touched.
 */
final class AliasRecordsStep implements Step {

  /** The hosted zone id of every CloudFront distribution, for alias records. */
  static final String CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2";

  private final Context ctx;
  private final Dns dns;
  private final Map<String, List<software.amazon.awssdk.services.route53.model.Change>> changesByZone = new LinkedHashMap<>();

  AliasRecordsStep(Context ctx) {
    this.ctx = ctx;
    this.dns = new Dns(ctx);
  }

  @Override
  public String resource() {
    return "dns-records";
  }

  @Override
  public Change plan() {
    String name = "A, AAAA " + String.join(", ", ctx.spec.names());
    String target = ctx.distributionDomain.map(Dns::normalize).orElse(null);
    List<String> diffs = new ArrayList<>();
    changesByZone.clear();
    for (String host : ctx.spec.names()) {
      String zone = ctx.zoneOfName.get(host);
      List<ResourceRecordSet> existing = dns.recordsNamed(zone, host);
      existing.stream().filter(r -> r.type() == RRType.CNAME).findFirst().ifPresent(c -> {
        throw new ProvisionException(host + " has a CNAME record in hosted zone " + zone + " (to "
            + c.resourceRecords().stream().map(v -> v.value()).findFirst().orElse("?") + "), and a name with a CNAME"
            + " can have no other record. Delete that CNAME (Route 53 console) and run again: Edgepress adds A and"
            + " AAAA alias records to the distribution instead.");
      });
      for (RRType type : List.of(RRType.A, RRType.AAAA)) {
        Optional<ResourceRecordSet> have = existing.stream().filter(r -> r.type() == type && r.setIdentifier() == null).findFirst();
        String now = have.map(AliasRecordsStep::describe).orElse("none");
        if (target == null) {
          diffs.add(type + " " + host + ": " + now + " -> alias to the distribution made by this run");
          continue;
        }
        boolean ok = have.map(r -> r.aliasTarget() != null && Dns.normalize(r.aliasTarget().dnsName()).equals(target)
            && CLOUDFRONT_ZONE.equals(r.aliasTarget().hostedZoneId())).orElse(false);
        if (!ok) {
          diffs.add(type + " " + host + ": " + now + " -> alias " + target);
          changesByZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(software.amazon.awssdk.services.route53.model.Change
              .builder().action(ChangeAction.UPSERT).resourceRecordSet(ResourceRecordSet.builder().name(host).type(type)
                  .aliasTarget(AliasTarget.builder().hostedZoneId(CLOUDFRONT_ZONE).dnsName(target)
                      .evaluateTargetHealth(false).build()).build()).build());
        }
      }
    }
    if (diffs.isEmpty()) {
      return Change.unchanged(resource(), name, target);
    }
    return new Change(resource(), name, target, Change.Action.UPDATE, diffs, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    if (changesByZone.isEmpty()) {
      plan();
    }
    List<String> changeIds = new ArrayList<>();
    changesByZone.forEach((zone, changes) ->
        changeIds.add(dns.change(zone, changes, "Edgepress: " + ctx.spec.domain() + " to its CloudFront distribution")));
    String target = ctx.distributionDomain.orElseThrow();
    if (!ctx.waitForCompletion) {
      return planned.withId(target).withStatus(Change.Status.PENDING);
    }
    for (String id : changeIds) {
      dns.awaitInsync(id, "Route 53 to apply the alias records (INSYNC)");
    }
    return planned.withId(target).withStatus(Change.Status.DONE);
  }

  private static String describe(ResourceRecordSet r) {
    if (r.aliasTarget() != null) {
      return "alias " + Dns.normalize(r.aliasTarget().dnsName());
    }
    return String.join(" ", r.resourceRecords().stream().map(v -> v.value()).toList());
  }
}
