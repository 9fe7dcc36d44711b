package dev.edgepress.maven;

import dev.edgepress.provisioner.ProvisionReport;
import dev.edgepress.provisioner.Provisioner;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Creates, or repairs, what the site at {@code <domain>} needs on AWS: the ACM certificate validated
 * in Route 53, the private S3 bucket, the CloudFront distribution with its function and headers
 * policy, and the DNS alias records. With {@code -Dedgepress.dryRun} it prints the plan only.
 */
@Mojo(name = "provision", threadSafe = true, requiresProject = true)
public class ProvisionMojo extends AbstractProvisionMojo {

  @Override
  ProvisionReport run(Provisioner provisioner) {
    return provisioner.provision();
  }

  @Override
  void summarize(ProvisionReport report) {
    if (report.dryRun()) {
      getLog().info(report.changesNothing() ? "Dry run: everything is in place; nothing would change."
          : "Dry run: nothing was changed. Run mvn edgepress:provision to make these changes.");
    } else if (report.complete()) {
      getLog().info((report.changesNothing() ? "Everything was in place already. " : "Provisioned. ")
          + "The site is at " + report.url().orElseThrow() + " ; publish it with mvn site-publish.");
    } else {
      getLog().info("AWS has accepted the changes; run mvn edgepress:provision again to finish.");
    }
  }
}
