package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;
import static dev.edgepress.provisioner.aws.Calls.run;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ProvisionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.cloudfront.model.DescribeFunctionResponse;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.FunctionStage;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.NoSuchFunctionExistsException;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes what provisioning made, and only that: the alias records that point at the site's own
 * distribution (other records of the zone are left alone), the distribution (disabled, then, once
 * deployed, deleted), its function, headers policy and OAC, the bucket Edgepress named (emptied,
 * then deleted; a bucket named with {@code <bucket>} only loses Edgepress's policy statements), and
 * the certificate Edgepress requested. Certificate validation CNAMEs are kept: ACM gives the same
 * record to every certificate of that name in the account, so another certificate may rely on it.
 * Like provisioning, it can be stopped at any point and run again.
 */
final class Teardown {

  private final Context ctx;
  private final boolean dryRun;
  private final Consumer<Change> record;
  private final Runnable progress;
  private final Dns dns;
  private String next;

  Teardown(Context ctx, boolean dryRun, Consumer<Change> record, Runnable progress) {
    this.ctx = ctx;
    this.dryRun = dryRun;
    this.record = record;
    this.progress = progress;
    this.dns = new Dns(ctx);
  }

  String next() {
    return next;
  }

  boolean execute() {
    Optional<DistributionSummary> distribution = DistributionStep.find(ctx, false);
    aliasRecords(distribution);
    if (distribution.isPresent() && !distribution(distribution.get())) {
      return false;
    }
    contactBackend();
    function();
    headersPolicy();
    originAccessControl();
    bucket();
    certificate();
    record.accept(new Change("certificate-validation", "validation CNAMEs of " + String.join(", ", ctx.spec.names()),
        null, Change.Action.KEEP, List.of("kept: ACM uses the same records for any certificate of these names"),
        Change.Status.DONE));
    progress.run();
    return !dryRun;
  }

  private void done(Change c) {
    record.accept(c);
    progress.run();
    ctx.listener.stepDone(c.resource());
  }

  private void aliasRecords(Optional<DistributionSummary> distribution) {
    if (distribution.isEmpty()) {
      return;
    }
    String target = Dns.normalize(distribution.get().domainName());
    try {
      new HostedZoneStep(ctx).plan();
    } catch (ProvisionException e) {
      ctx.listener.warn("No alias records to remove: " + e.getMessage());
      return;
    }
    List<String> removed = new ArrayList<>();
    for (String zone : new TreeSet<>(ctx.zoneOfName.values())) {
      List<software.amazon.awssdk.services.route53.model.Change> changes = new ArrayList<>();
      for (String host : ctx.spec.names()) {
        if (!zone.equals(ctx.zoneOfName.get(host))) {
          continue;
        }
        for (ResourceRecordSet r : dns.recordsNamed(zone, host)) {
          if ((r.type() == RRType.A || r.type() == RRType.AAAA) && r.aliasTarget() != null
              && Dns.normalize(r.aliasTarget().dnsName()).equals(target)) {
            // DELETE must repeat the record exactly as it is.
            changes.add(software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.DELETE)
                .resourceRecordSet(r).build());
            removed.add(r.type() + " " + host);
          }
        }
      }
      if (!changes.isEmpty() && !dryRun) {
        dns.change(zone, changes, "Edgepress: destroy " + ctx.spec.domain());
      }
    }
    if (!removed.isEmpty()) {
      done(new Change("dns-records", String.join(", ", removed), target, Change.Action.DELETE, List.of(),
          dryRun ? Change.Status.PLANNED : Change.Status.DONE));
    }
  }

  /** @return whether the distribution is gone (or would be, in a dry run) */
  private boolean distribution(DistributionSummary d) {
    String id = d.id();
    if (dryRun) {
      done(new Change("distribution", String.join(", ", ctx.spec.names()), id, Change.Action.DELETE,
          Boolean.TRUE.equals(d.enabled()) ? List.of("disable, wait until deployed, then delete") : List.of(),
          Change.Status.PLANNED));
      return true;
    }
    GetDistributionConfigResponse current = call("cloudfront:GetDistributionConfig",
        () -> ctx.aws.cloudFront().getDistributionConfig(r -> r.id(id)));
    String etag = current.eTag();
    boolean deployed = "Deployed".equals(d.status());
    if (Boolean.TRUE.equals(current.distributionConfig().enabled())) {
      etag = call("cloudfront:UpdateDistribution", () -> ctx.aws.cloudFront().updateDistribution(r -> r.id(id)
          .ifMatch(current.eTag()).distributionConfig(current.distributionConfig().toBuilder().enabled(false).build())))
          .eTag();
      ctx.listener.info("Disabled distribution " + id + "; CloudFront must deploy that before it can be deleted");
      deployed = false;
    }
    if (!deployed) {
      ctx.distributionId = Optional.of(id);
      if (!ctx.waitForCompletion) {
        next = "Distribution " + id + " is being disabled (often 5-15 minutes). Run mvn edgepress:destroy"
            + " -Dedgepress.confirm=" + ctx.spec.domain() + " again to delete it and the rest.";
        done(new Change("distribution", String.join(", ", ctx.spec.names()), id, Change.Action.DELETE,
            List.of("disabled; deleted by the next run"), Change.Status.PENDING));
        return false;
      }
      new DistributionStep(ctx).awaitDeployed();
      etag = call("cloudfront:GetDistributionConfig", () -> ctx.aws.cloudFront().getDistributionConfig(r -> r.id(id))).eTag();
    }
    String ifMatch = etag;
    run("cloudfront:DeleteDistribution", () -> ctx.aws.cloudFront().deleteDistribution(r -> r.id(id).ifMatch(ifMatch)));
    done(new Change("distribution", String.join(", ", ctx.spec.names()), id, Change.Action.DELETE, List.of(),
        Change.Status.DONE));
    return true;
  }

  /** The contact form's API, function, role and mail identity (with its DKIM records), when there are. */
  private void contactBackend() {
    String name = Names.contactName(ctx.spec.domain());
    if (ctx.aws.apiGateway() == null) {
      return; // clients without the contact services: nothing of the contact form was ever made with them
    }
    ContactApiStep.find(ctx, name).ifPresent(api -> {
      if (!dryRun) {
        call("apigateway:DELETE", () -> ctx.aws.apiGateway().deleteApi(r -> r.apiId(api.apiId())));
      }
      done(new Change("contact-api", name, api.apiId(), Change.Action.DELETE, List.of(),
          dryRun ? Change.Status.PLANNED : Change.Status.DONE));
    });
    try {
      String arn = call("lambda:GetFunctionConfiguration", () -> ctx.aws.lambda().getFunctionConfiguration(r -> r
          .functionName(name))).functionArn();
      if (!dryRun) {
        call("lambda:DeleteFunction", () -> ctx.aws.lambda().deleteFunction(r -> r.functionName(name)));
      }
      done(new Change("contact-function", name, arn, Change.Action.DELETE, List.of(),
          dryRun ? Change.Status.PLANNED : Change.Status.DONE));
    } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
      // not there
    }
    try {
      String arn = call("iam:GetRole", () -> ctx.aws.iam().getRole(r -> r.roleName(name))).role().arn();
      if (!dryRun) {
        for (String policy : call("iam:ListRolePolicies", () -> ctx.aws.iam().listRolePolicies(r -> r.roleName(name)))
            .policyNames()) {
          call("iam:DeleteRolePolicy", () -> ctx.aws.iam().deleteRolePolicy(r -> r.roleName(name).policyName(policy)));
        }
        call("iam:DeleteRole", () -> ctx.aws.iam().deleteRole(r -> r.roleName(name)));
      }
      done(new Change("contact-role", name, arn, Change.Action.DELETE, List.of(),
          dryRun ? Change.Status.PLANNED : Change.Status.DONE));
    } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException e) {
      // not there
    }
    ctx.spec.contact().ifPresent(contact -> {
      String domain = contact.senderDomain();
      try {
        var identity = call("ses:GetEmailIdentity", () -> ctx.aws.ses().getEmailIdentity(r -> r.emailIdentity(domain)));
        List<String> tokens = identity.dkimAttributes() == null || identity.dkimAttributes().tokens() == null
            ? List.of() : identity.dkimAttributes().tokens();
        if (!dryRun) {
          call("ses:DeleteEmailIdentity", () -> ctx.aws.ses().deleteEmailIdentity(r -> r.emailIdentity(domain)));
          removeDkimRecords(domain, tokens);
        }
        done(new Change("mail-identity", domain, domain, Change.Action.DELETE,
            List.of("with its DKIM records; the recipient's confirmed address is kept"),
            dryRun ? Change.Status.PLANNED : Change.Status.DONE));
      } catch (software.amazon.awssdk.services.sesv2.model.NotFoundException e) {
        // not there
      }
    });
  }

  private void removeDkimRecords(String domain, List<String> tokens) {
    if (ctx.zoneOfName.isEmpty()) {
      try {
        new HostedZoneStep(ctx).plan();
      } catch (ProvisionException e) {
        return;
      }
    }
    String zone = ctx.zoneFor(domain).orElse(null);
    if (zone == null) {
      return;
    }
    List<software.amazon.awssdk.services.route53.model.Change> changes = new ArrayList<>();
    for (String token : tokens) {
      dns.record(zone, token + "._domainkey." + domain, RRType.CNAME).ifPresent(r -> changes.add(
          software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.DELETE).resourceRecordSet(r).build()));
    }
    if (!changes.isEmpty()) {
      dns.change(zone, changes, "Edgepress: destroy the contact form's DKIM records of " + domain);
    }
  }

  private void function() {
    String name = Names.resourceName(ctx.spec.domain());
    Optional<DescribeFunctionResponse> f;
    try {
      f = Optional.of(call("cloudfront:DescribeFunction",
          () -> ctx.aws.cloudFront().describeFunction(r -> r.name(name).stage(FunctionStage.DEVELOPMENT))));
    } catch (NoSuchFunctionExistsException e) {
      f = Optional.empty();
    }
    if (f.isEmpty()) {
      return;
    }
    String etag = f.get().eTag();
    if (!dryRun) {
      run("cloudfront:DeleteFunction", () -> ctx.aws.cloudFront().deleteFunction(r -> r.name(name).ifMatch(etag)));
    }
    done(new Change("function", name, f.get().functionSummary().functionMetadata().functionARN(), Change.Action.DELETE,
        List.of(), dryRun ? Change.Status.PLANNED : Change.Status.DONE));
  }

  private void headersPolicy() {
    String name = Names.resourceName(ctx.spec.domain());
    HeadersPolicyStep.find(ctx, name).ifPresent(p -> {
      String id = p.responseHeadersPolicy().id();
      if (!dryRun) {
        String etag = call("cloudfront:GetResponseHeadersPolicy",
            () -> ctx.aws.cloudFront().getResponseHeadersPolicy(r -> r.id(id))).eTag();
        run("cloudfront:DeleteResponseHeadersPolicy",
            () -> ctx.aws.cloudFront().deleteResponseHeadersPolicy(r -> r.id(id).ifMatch(etag)));
      }
      done(new Change("response-headers-policy", name, id, Change.Action.DELETE, List.of(),
          dryRun ? Change.Status.PLANNED : Change.Status.DONE));
    });
  }

  private void originAccessControl() {
    String name = Names.resourceName(ctx.spec.domain());
    OriginAccessStep.find(ctx, name).ifPresent(o -> {
      if (!dryRun) {
        String etag = call("cloudfront:GetOriginAccessControl",
            () -> ctx.aws.cloudFront().getOriginAccessControl(r -> r.id(o.id()))).eTag();
        run("cloudfront:DeleteOriginAccessControl",
            () -> ctx.aws.cloudFront().deleteOriginAccessControl(r -> r.id(o.id()).ifMatch(etag)));
      }
      done(new Change("origin-access-control", name, o.id(), Change.Action.DELETE, List.of(),
          dryRun ? Change.Status.PLANNED : Change.Status.DONE));
    });
  }

  private void bucket() {
    boolean named = ctx.spec.bucket().isPresent();
    String bucket = ctx.spec.bucket().orElseGet(() -> Names.bucketName(ctx.spec.domain(), ctx.accountId()));
    ctx.bucketName = bucket;
    try {
      call("s3:ListBucket", () -> ctx.aws.s3().headBucket(r -> r.bucket(bucket)));
    } catch (NoSuchBucketException e) {
      return;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return;
      }
      throw e;
    }
    if (named) {
      Optional<String> policy = new BucketPolicyStep(ctx).read(bucket);
      if (policy.isEmpty() || policy.equals(policy.flatMap(BucketPolicyStep::withoutOurs))) {
        return;
      }
      Optional<String> rest = BucketPolicyStep.withoutOurs(policy.get());
      if (!dryRun) {
        if (rest.isPresent()) {
          run("s3:PutBucketPolicy", () -> ctx.aws.s3().putBucketPolicy(r -> r.bucket(bucket).policy(rest.get())));
        } else {
          run("s3:DeleteBucketPolicy", () -> ctx.aws.s3().deleteBucketPolicy(r -> r.bucket(bucket)));
        }
      }
      done(new Change("bucket-policy", bucket, bucket, Change.Action.UPDATE, List.of("Edgepress's statements removed;"
          + " the bucket (<bucket>) is kept"), dryRun ? Change.Status.PLANNED : Change.Status.DONE));
      return;
    }
    boolean ours = BucketStep.tags(ctx, bucket).stream()
        .anyMatch(t -> t.key().equals(Names.SITE_TAG) && t.value().equals(ctx.spec.domain()));
    if (!ours) {
      done(new Change("bucket", bucket, bucket, Change.Action.KEEP, List.of("not tagged " + Names.SITE_TAG + "="
          + ctx.spec.domain() + ": not deleted"), Change.Status.DONE));
      return;
    }
    long objects = 0;
    if (!dryRun) {
      objects = empty(bucket);
      run("s3:DeleteBucket", () -> ctx.aws.s3().deleteBucket(r -> r.bucket(bucket)));
    }
    done(new Change("bucket", bucket, bucket, Change.Action.DELETE,
        dryRun ? List.of("with every object in it") : List.of(objects + " objects deleted with it"),
        dryRun ? Change.Status.PLANNED : Change.Status.DONE));
  }

  private long empty(String bucket) {
    long deleted = 0;
    while (true) {
      ListObjectsV2Response page = call("s3:ListBucket", () -> ctx.aws.s3().listObjectsV2(r -> r.bucket(bucket).maxKeys(1000)));
      if (page.contents().isEmpty()) {
        return deleted;
      }
      List<ObjectIdentifier> keys = page.contents().stream().map(S3Object::key)
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
      var result = call("s3:DeleteObject", () -> ctx.aws.s3().deleteObjects(r -> r.bucket(bucket)
          .delete(d -> d.objects(keys).quiet(true))));
      if (!result.errors().isEmpty()) {
        var e = result.errors().get(0);
        throw new ProvisionException("Could not delete " + e.key() + " from bucket " + bucket + ": " + e.code() + " "
            + e.message() + ". Run destroy again; if it persists, empty the bucket in the S3 console.");
      }
      deleted += keys.size();
    }
  }

  private void certificate() {
    Set<String> wanted = new TreeSet<>(ctx.spec.names());
    for (CertificateSummary c : CertificateStep.list(ctx, CertificateStatus.ISSUED, CertificateStatus.PENDING_VALIDATION,
        CertificateStatus.FAILED, CertificateStatus.VALIDATION_TIMED_OUT, CertificateStatus.EXPIRED)) {
      if (!new TreeSet<>(CertificateStep.names(c)).equals(wanted)) {
        continue;
      }
      boolean ours = call("acm:ListTagsForCertificate", () -> ctx.aws.acm().listTagsForCertificate(r -> r
          .certificateArn(c.certificateArn()))).tags().stream()
          .anyMatch(t -> t.key().equals(Names.SITE_TAG) && ctx.spec.domain().equals(t.value()));
      if (!ours) {
        continue;
      }
      if (!dryRun) {
        // CloudFront lets go of a certificate shortly after its distribution is deleted.
        ctx.poller.await("CloudFront to release certificate " + c.certificateArn(), Duration.ofMinutes(5), () -> {
          try {
            run("acm:DeleteCertificate", () -> ctx.aws.acm().deleteCertificate(r -> r.certificateArn(c.certificateArn())));
            return Optional.of(true);
          } catch (ResourceInUseException e) {
            return Optional.empty();
          }
        }, () -> "The certificate " + c.certificateArn() + " is still in use by a CloudFront distribution. Remove it"
            + " from that distribution and run destroy again.");
      }
      done(new Change("certificate", String.join(", ", wanted), c.certificateArn(), Change.Action.DELETE, List.of(),
          dryRun ? Change.Status.PLANNED : Change.Status.DONE));
    }
  }
}
