package dev.edgepress.provisioner;

import dev.edgepress.provisioner.aws.AwsServices;
import dev.edgepress.provisioner.steps.Context;
import dev.edgepress.provisioner.steps.Steps;
import dev.edgepress.publisher.aws.AwsAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes, or repairs, everything a site at a domain needs on AWS, with no state file: every run
 * discovers what exists (by alias, name, tag or caller reference) and converges to the spec, so a
 * run that failed or was stopped finishes the job when run again, and a run on a converged account
 * changes nothing. {@link #destroy(String)} removes what it made.
 *
 * <pre>{@code
 * ProvisionReport report = Provisioner.builder(SiteSpec.builder("example.com", "eu-west-1").build())
 *     .listener(listener).reportFile(Path.of("target/edgepress/provision-report.json"))
 *     .build().provision();
 * }</pre>
 */
public final class Provisioner {

  private final SiteSpec spec;
  private final Optional<AwsServices> aws;
  private final AwsAccess access;
  private final ProvisionListener listener;
  private final boolean dryRun;
  private final boolean waitForCompletion;
  private final Duration pollInterval;
  private final Context.Timeouts timeouts;
  private final Optional<Path> reportFile;

  private Provisioner(Builder b) {
    this.spec = b.spec;
    this.aws = Optional.ofNullable(b.aws);
    this.access = b.access;
    this.listener = b.listener;
    this.dryRun = b.dryRun;
    this.waitForCompletion = b.waitForCompletion;
    this.pollInterval = b.pollInterval;
    this.timeouts = b.timeouts;
    this.reportFile = Optional.ofNullable(b.reportFile);
  }

  public static Builder builder(SiteSpec spec) {
    return new Builder(spec);
  }

  /** Plans, and unless a dry run, creates or repairs every resource; waits unless told not to. */
  public ProvisionReport provision() {
    return run("provision", Steps::provision);
  }

  /**
   * Removes what provisioning made for the domain.
   *
   * @param confirm must be the domain, so that a slip of the keyboard cannot delete a site
   */
  public ProvisionReport destroy(String confirm) {
    if (!spec.domain().equals(confirm == null ? null : confirm.trim().toLowerCase(java.util.Locale.ROOT))) {
      throw new ProvisionException("mvn edgepress:destroy deletes the site at " + spec.domain() + ": its"
          + " distribution, bucket and everything in it, certificate and DNS records. To confirm, run it with"
          + " -Dedgepress.confirm=" + spec.domain() + (confirm == null || confirm.isBlank() ? "" : " (not '" + confirm + "')")
          + ". Nothing was changed.");
    }
    return run("destroy", Steps::destroy);
  }

  private ProvisionReport run(String operation, java.util.function.Predicate<Steps> body) {
    AwsServices services = aws.orElseGet(() -> AwsServices.create(access.provider(), spec.region()));
    try {
      Context ctx = new Context(spec, services, listener, pollInterval, waitForCompletion, timeouts);
      Steps steps = new Steps(ctx, dryRun, changes -> write(report(operation, changes, false, null, null)));
      try {
        boolean complete = body.test(steps);
        ProvisionReport report = report(operation, steps.changes(), complete, steps.next(), null);
        write(report);
        return report;
      } catch (RuntimeException e) {
        write(report(operation, steps.changes(), false, null, e.getMessage()));
        throw e;
      }
    } finally {
      if (aws.isEmpty()) {
        services.close();
      }
    }
  }

  private ProvisionReport report(String operation, List<Change> changes, boolean complete, String next, String error) {
    Optional<String> url = operation.equals("provision") && complete ? Optional.of("https://" + spec.domain() + "/")
        : Optional.empty();
    return new ProvisionReport(operation, spec.domain(), dryRun, changes, complete, url, Optional.ofNullable(next),
        Optional.ofNullable(error));
  }

  /** Written whole to a temporary file, then moved, so a stopped run never leaves half a report. */
  private void write(ProvisionReport report) {
    if (reportFile.isEmpty()) {
      return;
    }
    Path file = reportFile.get();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, report.toJson(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Settings of a {@link Provisioner}. */
  public static final class Builder {
    private final SiteSpec spec;
    private AwsServices aws;
    private AwsAccess access = AwsAccess.defaultChain();
    private ProvisionListener listener = ProvisionListener.SILENT;
    private boolean dryRun;
    private boolean waitForCompletion = true;
    private Duration pollInterval = Duration.ofSeconds(5);
    private Context.Timeouts timeouts = Context.Timeouts.defaults();
    private Path reportFile;

    private Builder(SiteSpec spec) {
      this.spec = Objects.requireNonNull(spec);
    }

    /** Clients to use instead of AWS's (tests, emulators); the caller closes them. */
    public Builder aws(AwsServices services) {
      this.aws = services;
      return this;
    }

    /** Which credentials to use when the clients are made here; default: the SDK's default chain. */
    public Builder access(AwsAccess access) {
      this.access = Objects.requireNonNull(access);
      return this;
    }

    public Builder listener(ProvisionListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** Plan only: reads, never writes. */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** Wait for the certificate, the distribution and DNS; else return once AWS accepted the changes. */
    public Builder waitForCompletion(boolean wait) {
      this.waitForCompletion = wait;
      return this;
    }

    public Builder pollInterval(Duration interval) {
      this.pollInterval = Objects.requireNonNull(interval);
      return this;
    }

    public Builder timeouts(Context.Timeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts);
      return this;
    }

    /** Where the report is written after every step (target/edgepress/provision-report.json). */
    public Builder reportFile(Path file) {
      this.reportFile = file;
      return this;
    }

    public Provisioner build() {
      return new Provisioner(this);
    }
  }
}
