package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ProvisionException;
import dev.edgepress.provisioner.SiteSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ListHostedZonesResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;

/**
 * Finds the public hosted zone of each of the site's names: the longest zone name that matches, or
 * the zone named by {@code <hostedZoneId>}. Zones are never created: a zone only works once the
 * registrar delegates to it, which Edgepress cannot do.
 */
final class HostedZoneStep implements Step {

  private final Context ctx;

  HostedZoneStep(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public String resource() {
    return "hosted-zone";
  }

  @Override
  public Change plan() {
    List<HostedZone> zones = ctx.spec.hostedZoneId().isPresent() ? List.of(named(ctx.spec.hostedZoneId().get())) : publicZones();
    for (String name : ctx.spec.names()) {
      HostedZone best = null;
      for (HostedZone z : zones) {
        String zone = zoneName(z);
        if ((name.equals(zone) || name.endsWith("." + zone)) && (best == null || zone.length() > zoneName(best).length())) {
          best = z;
        }
      }
      if (best == null) {
        throw new ProvisionException(ctx.spec.hostedZoneId().isPresent()
            ? "The hosted zone " + ctx.spec.hostedZoneId().get() + " (<hostedZoneId>) is " + zoneName(zones.get(0))
                + ", which does not hold " + name + ". Name the zone of " + name + ", or leave <hostedZoneId> out."
            : noZone(name));
      }
      ctx.zoneOfName.put(name, SiteSpec.Builder.normalizeZoneId(best.id()));
    }
    String names = String.join(", ", new TreeSet<>(ctx.zoneOfName.values()));
    return Change.unchanged(resource(), "DNS zone of " + String.join(", ", ctx.spec.names()), names);
  }

  @Override
  public Change apply(Change planned) {
    return planned;
  }

  private HostedZone named(String id) {
    try {
      HostedZone z = call("route53:GetHostedZone", () -> ctx.aws.route53().getHostedZone(r -> r.id(id))).hostedZone();
      if (z.config() != null && Boolean.TRUE.equals(z.config().privateZone())) {
        throw new ProvisionException("The hosted zone " + id + " (<hostedZoneId>) is private: a public site needs a"
            + " public zone. Name a public zone, or leave <hostedZoneId> out to find it by name.");
      }
      return z;
    } catch (NoSuchHostedZoneException e) {
      throw new ProvisionException("No hosted zone " + id + " (<hostedZoneId>) in this AWS account. Check the id"
          + " (Route 53 console, Hosted zones) or leave <hostedZoneId> out to find the zone by name.", e);
    }
  }

  private List<HostedZone> publicZones() {
    List<HostedZone> out = new ArrayList<>();
    String marker = null;
    do {
      String m = marker;
      ListHostedZonesResponse page = call("route53:ListHostedZones",
          () -> ctx.aws.route53().listHostedZones(r -> r.marker(m).maxItems("100")));
      for (HostedZone z : page.hostedZones()) {
        if (z.config() == null || !Boolean.TRUE.equals(z.config().privateZone())) {
          out.add(z);
        }
      }
      marker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextMarker() : null;
    } while (marker != null);
    return out;
  }

  static String zoneName(HostedZone z) {
    return Dns.normalize(z.name());
  }

  private String noZone(String name) {
    String apex = registrable(name);
    return "No public Route 53 hosted zone of this AWS account holds " + name + ". Create one for " + apex
        + " (aws route53 create-hosted-zone --name " + apex + " --caller-reference $(date +%s), or the Route 53"
        + " console), then set the name servers at your registrar to the zone's four NS records (or, for a"
        + " subdomain, add those NS records in the parent zone), and run again. If the zone is in Route 53"
        + " already, name it with <hostedZoneId>.";
  }

  private static String registrable(String name) {
    String[] labels = name.split("\\.");
    return labels.length <= 2 ? name : labels[labels.length - 2] + "." + labels[labels.length - 1];
  }
}
