package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ProvisionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ListCertificatesResponse;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The site's ACM certificate, in us-east-1 (the only region CloudFront takes certificates from),
 * covering the domain and the aliases, validated by DNS records in the site's zones.
 *
 * <p>An ISSUED certificate that already covers every name is reused. Otherwise a certificate
 * requested earlier for exactly these names and still PENDING_VALIDATION is carried on with, and
 * only when there is none is one requested (with an idempotency token, so a retried request gives
 * the same certificate). The validation CNAMEs are UPSERTed (de-duplicated: the apex and
 * {@code *.apex} share one) and left in place, since ACM renews with them.
 */
final class CertificateStep implements Step {

  private final Context ctx;
  private final Dns dns;
  private Optional<String> arn = Optional.empty();
  private boolean issued;

  CertificateStep(Context ctx) {
    this.ctx = ctx;
    this.dns = new Dns(ctx);
  }

  @Override
  public String resource() {
    return "certificate";
  }

  @Override
  public Change plan() {
    String name = "us-east-1, " + String.join(", ", ctx.spec.names());
    Set<String> wanted = new TreeSet<>(ctx.spec.names());
    List<CertificateSummary> all = list(ctx, CertificateStatus.ISSUED, CertificateStatus.PENDING_VALIDATION);
    Optional<CertificateSummary> covering = all.stream()
        .filter(c -> c.status() == CertificateStatus.ISSUED && covers(names(c), wanted))
        .sorted((a, b) -> preferInUse(a, b))
        .findFirst();
    if (covering.isPresent()) {
      arn = Optional.of(covering.get().certificateArn());
      issued = true;
      ctx.certificateArn = arn;
      ctx.certificateIssued = true;
      List<String> missing = missingValidationRecords(describe(arn.get()));
      return new Change(resource(), name, arn.get(), missing.isEmpty() ? Change.Action.UNCHANGED : Change.Action.UPDATE,
          missing.stream().map(r -> "validation record " + r + " missing (ACM renews with it)").toList(), Change.Status.DONE);
    }
    Optional<CertificateSummary> pending = all.stream()
        .filter(c -> c.status() == CertificateStatus.PENDING_VALIDATION && new TreeSet<>(names(c)).equals(wanted))
        .findFirst();
    if (pending.isPresent()) {
      arn = Optional.of(pending.get().certificateArn());
      ctx.certificateArn = arn;
      List<String> missing = missingValidationRecords(describe(arn.get()));
      List<String> diffs = new ArrayList<>();
      diffs.add("status PENDING_VALIDATION -> ISSUED");
      missing.forEach(r -> diffs.add("validation record " + r + " missing"));
      return new Change(resource(), name, arn.get(), Change.Action.UPDATE, diffs, Change.Status.PLANNED);
    }
    return new Change(resource(), name, null, Change.Action.CREATE, List.of(), Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    if (arn.isEmpty()) {
      arn = Optional.of(request());
      ctx.certificateArn = arn;
      ctx.listener.info("Requested a certificate for " + String.join(", ", ctx.spec.names()) + ": " + arn.get());
    }
    String certificateArn = arn.get();
    CertificateDetail detail = ctx.poller.await("the DNS validation records of certificate " + certificateArn,
        ctx.timeouts.validationRecords(), () -> {
          CertificateDetail d = describe(certificateArn);
          boolean ready = d.status() != CertificateStatus.PENDING_VALIDATION
              || (!d.domainValidationOptions().isEmpty()
                  && d.domainValidationOptions().stream().allMatch(o -> o.resourceRecord() != null));
          return ready ? Optional.of(d) : Optional.empty();
        }, () -> "ACM has not given the DNS validation records of certificate " + certificateArn + " after "
            + ctx.timeouts.validationRecords().toMinutes() + " minutes. Run again: the request is kept and carried on with.");
    upsertValidationRecords(detail);
    if (detail.status() == CertificateStatus.ISSUED) {
      issued = true;
      ctx.certificateIssued = true;
      return planned.withId(certificateArn).withStatus(Change.Status.DONE);
    }
    if (detail.status() != CertificateStatus.PENDING_VALIDATION) {
      throw new ProvisionException("The certificate " + certificateArn + " is " + detail.statusAsString()
          + (detail.failureReason() == null ? "" : " (" + detail.failureReasonAsString() + ")")
          + ". Delete it in the ACM console (us-east-1) and run again to request a new one.");
    }
    if (!ctx.waitForCompletion) {
      return planned.withId(certificateArn).withStatus(Change.Status.PENDING);
    }
    List<String> records = validationRecords(detail).values().stream().map(r -> r.name() + " CNAME " + r.value()).toList();
    ctx.poller.await("certificate " + certificateArn + " to be issued (ACM checks the DNS validation records)",
        ctx.timeouts.certificate(), () -> {
          CertificateDetail d = describe(certificateArn);
          if (d.status() == CertificateStatus.ISSUED) {
            return Optional.of(d);
          }
          if (d.status() != CertificateStatus.PENDING_VALIDATION) {
            throw new ProvisionException("Validation of certificate " + certificateArn + " ended "
                + d.statusAsString() + ". Check the records " + records + " and run again.");
          }
          return Optional.empty();
        }, () -> "The certificate " + certificateArn + " is still PENDING_VALIDATION after "
            + ctx.timeouts.certificate().toMinutes() + " minutes. ACM looks up " + String.join(" and ", records)
            + " in public DNS: check them with `dig +short CNAME " + validationRecords(detail).values().iterator().next().name()
            + "`. The usual cause is delegation: the name servers your registrar lists for the domain must be the"
            + " NS records of hosted zone " + ctx.zoneOfName.get(ctx.spec.domain()) + ". Fix that and run again"
            + " (the certificate and records are kept).");
    issued = true;
    ctx.certificateIssued = true;
    return planned.withId(certificateArn).withStatus(Change.Status.DONE);
  }

  boolean issued() {
    return issued;
  }

  private String request() {
    List<String> names = ctx.spec.names();
    return call("acm:RequestCertificate", () -> ctx.aws.acm().requestCertificate(r -> r
        .domainName(ctx.spec.domain())
        .subjectAlternativeNames(names)
        .validationMethod(ValidationMethod.DNS)
        .idempotencyToken(Names.certificateToken(names))
        .tags(t -> t.key(Names.SITE_TAG).value(ctx.spec.domain())))).certificateArn();
  }

  /** Every certificate of the account in these states, of every key type CloudFront takes, page by page. */
  static List<CertificateSummary> list(Context ctx, CertificateStatus... statuses) {
    List<CertificateSummary> out = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListCertificatesResponse page = call("acm:ListCertificates", () -> ctx.aws.acm().listCertificates(r -> r
          .certificateStatuses(statuses)
          // By default only RSA_1024 and RSA_2048 are listed; CloudFront takes these too.
          .includes(i -> i.keyTypes(KeyAlgorithm.RSA_2048, KeyAlgorithm.RSA_3072, KeyAlgorithm.RSA_4096,
              KeyAlgorithm.EC_PRIME256_V1, KeyAlgorithm.EC_SECP384_R1))
          .nextToken(t).maxItems(100)));
      out.addAll(page.certificateSummaryList());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return out;
  }


  private int preferInUse(CertificateSummary a, CertificateSummary b) {
    boolean aUsed = Boolean.TRUE.equals(a.inUse());
    boolean bUsed = Boolean.TRUE.equals(b.inUse());
    return aUsed == bUsed ? a.certificateArn().compareTo(b.certificateArn()) : (aUsed ? -1 : 1);
  }

  private CertificateDetail describe(String certificateArn) {
    return call("acm:DescribeCertificate", () -> ctx.aws.acm().describeCertificate(r -> r.certificateArn(certificateArn)))
        .certificate();
  }

  static List<String> names(CertificateSummary c) {
    List<String> out = new ArrayList<>();
    out.add(Dns.normalize(c.domainName()));
    if (c.subjectAlternativeNameSummaries() != null) {
      c.subjectAlternativeNameSummaries().forEach(n -> out.add(Dns.normalize(n)));
    }
    return out;
  }

  /** Whether names (which may hold {@code *.example.com}, covering one label) cover every wanted name. */
  static boolean covers(List<String> names, Set<String> wanted) {
    for (String w : wanted) {
      boolean ok = names.contains(w);
      int dot = w.indexOf('.');
      if (!ok && dot > 0) {
        ok = names.contains("*" + w.substring(dot));
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The validation CNAMEs, one per record name (the apex and *.apex share one). */
  private static Map<String, ResourceRecord> validationRecords(CertificateDetail d) {
    Map<String, ResourceRecord> out = new LinkedHashMap<>();
    for (DomainValidation o : d.domainValidationOptions()) {
      if (o.resourceRecord() != null) {
        out.putIfAbsent(Dns.normalize(o.resourceRecord().name()), o.resourceRecord());
      }
    }
    return out;
  }

  private List<String> missingValidationRecords(CertificateDetail d) {
    List<String> missing = new ArrayList<>();
    for (var e : recordsByZone(d).entrySet()) {
      for (ResourceRecord r : e.getValue()) {
        if (!present(e.getKey(), r)) {
          missing.add(Dns.normalize(r.name()));
        }
      }
    }
    return missing;
  }

  private boolean present(String zoneId, ResourceRecord r) {
    return dns.record(zoneId, r.name(), RRType.CNAME)
        .map(rs -> rs.resourceRecords().stream().anyMatch(v -> Dns.normalize(v.value()).equals(Dns.normalize(r.value()))))
        .orElse(false);
  }

  /** Validation records grouped by the hosted zone they go in; records outside the site's zones are left out. */
  private Map<String, List<ResourceRecord>> recordsByZone(CertificateDetail d) {
    Map<String, List<ResourceRecord>> out = new LinkedHashMap<>();
    for (DomainValidation o : d.domainValidationOptions()) {
      if (o.resourceRecord() == null || o.validationMethod() == ValidationMethod.EMAIL) {
        continue;
      }
      String domain = Dns.normalize(o.domainName()).replaceFirst("^\\*\\.", "");
      if (!ctx.spec.names().contains(domain) && ctx.spec.names().stream().noneMatch(n -> domain.endsWith("." + n))) {
        continue; // a name outside the site's zones
      }
      String zone = ctx.zoneFor(domain).orElse(null);
      if (zone == null) {
        continue;
      }
      List<ResourceRecord> list = out.computeIfAbsent(zone, z -> new ArrayList<>());
      if (list.stream().noneMatch(r -> Dns.normalize(r.name()).equals(Dns.normalize(o.resourceRecord().name())))) {
        list.add(o.resourceRecord());
      }
    }
    return out;
  }

  private void upsertValidationRecords(CertificateDetail d) {
    for (var e : recordsByZone(d).entrySet()) {
      List<software.amazon.awssdk.services.route53.model.Change> changes = new ArrayList<>();
      for (ResourceRecord r : e.getValue()) {
        if (present(e.getKey(), r)) {
          continue;
        }
        changes.add(software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.UPSERT)
            .resourceRecordSet(ResourceRecordSet.builder().name(r.name()).type(RRType.CNAME).ttl(300L)
                .resourceRecords(v -> v.value(r.value())).build()).build());
      }
      if (!changes.isEmpty()) {
        dns.change(e.getKey(), changes, "Edgepress: certificate validation for " + ctx.spec.domain());
        ctx.listener.info("Added " + changes.size() + " certificate validation record(s) to zone " + e.getKey());
      }
    }
  }
}
