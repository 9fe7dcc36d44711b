package dev.edgepress.provisioner.steps;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ProvisionException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the steps in order: find the zones, make sure no name is held by a foreign distribution,
 * then for each resource plan, and (unless a dry run) apply what the plan says. Certificate before
 * distribution (CloudFront takes only an issued one), distribution before bucket policy (which names
 * its ARN) and DNS (which points at its domain).
 */
public final class Steps {

  private final Context ctx;
  private final boolean dryRun;
  private final Consumer<List<Change>> onProgress;
  private final List<Change> changes = new ArrayList<>();
  private String next;

  public Steps(Context ctx, boolean dryRun, Consumer<List<Change>> onProgress) {
    this.ctx = ctx;
    this.dryRun = dryRun;
    this.onProgress = onProgress;
  }

  public List<Change> changes() {
    return List.copyOf(changes);
  }

  /** When the run stopped early on purpose (a certificate still being validated): what to do next. */
  public String next() {
    return next;
  }

  /** @return whether everything is in place (and deployed, when waiting) */
  public boolean provision() {
    HostedZoneStep zones = new HostedZoneStep(ctx);
    CertificateStep certificate = new CertificateStep(ctx);
    DistributionStep distribution = new DistributionStep(ctx);
    List<Step> steps = new ArrayList<>(List.of(certificate, new BucketStep(ctx), new OriginAccessStep(ctx),
        new FunctionStep(ctx), new HeadersPolicyStep(ctx)));
    ctx.spec.contact().ifPresent(contact -> steps.addAll(List.of(new MailIdentityStep(ctx, contact),
        new ContactRoleStep(ctx, contact), new ContactFunctionStep(ctx, contact), new ContactApiStep(ctx, contact))));
    steps.addAll(List.of(distribution, new BucketPolicyStep(ctx), new AliasRecordsStep(ctx)));
    record(zones.plan());
    ctx.listener.stepDone(zones.resource());
    distribution.discover();
    boolean complete = true;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      Change planned = step.plan();
      if (dryRun) {
        record(planned);
        continue;
      }
      Change done = planned;
      if (planned.action() != Change.Action.UNCHANGED) {
        int index = record(planned);
        try {
          done = step.apply(planned);
        } catch (RuntimeException e) {
          changes.set(index, planned.withStatus(Change.Status.FAILED));
          onProgress.accept(changes());
          throw e;
        }
        changes.set(index, done);
      } else {
        record(planned);
      }
      onProgress.accept(changes());
      ctx.listener.stepDone(step.resource());
      if (step == certificate && !ctx.certificateIssued) {
        next = "The certificate " + ctx.certificateArn.orElse("") + " is waiting for DNS validation (usually a few"
            + " minutes). Run mvn edgepress:provision again: it carries on from there.";
        for (Step later : steps.subList(i + 1, steps.size())) {
          record(new Change(later.resource(), "after the certificate is issued", null, Change.Action.CREATE, List.of(),
              Change.Status.PLANNED));
        }
        onProgress.accept(changes());
        return false;
      }
      if (done.status() == Change.Status.PENDING) {
        if (!step.siteNeedsIt()) {
          // Waits on DNS or on the author's click, not on this run: the site is complete without it.
          next = "The contact form's mail identity is not verified yet: " + String.join("; ", done.differences())
              + ". Messages are delivered once it is; mvn edgepress:provision -Dedgepress.dryRun shows its status.";
        } else {
          complete = false;
        }
      }
    }
    if (!dryRun && ctx.distributionId.isPresent() && !ctx.distributionDeployed) {
      if (ctx.waitForCompletion) {
        distribution.awaitDeployed();
        int idx = indexOf(distribution.resource());
        changes.set(idx, changes.get(idx).withStatus(Change.Status.DONE));
        onProgress.accept(changes());
        complete = steps.stream().filter(Step::siteNeedsIt).map(Step::resource).noneMatch(r -> changes.stream()
            .anyMatch(c -> c.resource().equals(r) && c.status() == Change.Status.PENDING));
      } else {
        next = "CloudFront is deploying distribution " + ctx.distributionId.get() + " (often 5-15 minutes); the site"
            + " answers at https://" + ctx.spec.domain() + "/ once it is Deployed.";
        complete = false;
      }
    }
    return !dryRun && complete;
  }

  /** Removes what {@link #provision()} made; see {@link Teardown}. */
  public boolean destroy() {
    Teardown teardown = new Teardown(ctx, dryRun, this::record, () -> onProgress.accept(changes()));
    boolean done = teardown.execute();
    next = teardown.next();
    return done;
  }

  int record(Change c) {
    changes.add(c);
    return changes.size() - 1;
  }

  private int indexOf(String resource) {
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i).resource().equals(resource)) {
        return i;
      }
    }
    throw new ProvisionException("no " + resource + " in the report");
  }
}
