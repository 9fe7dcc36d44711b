package dev.edgepress.maven;

import dev.edgepress.provisioner.ProvisionReport;
import dev.edgepress.provisioner.Provisioner;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes what {@code edgepress:provision} made for {@code <domain>}: its DNS alias records, the
 * distribution, its function, headers policy and origin access control, the bucket Edgepress named
 * (with the site in it) and the certificate. Asks for {@code -Dedgepress.confirm=<domain>}.
 */
@Mojo(name = "destroy", threadSafe = true, requiresProject = true)
public class DestroyMojo extends AbstractProvisionMojo {

  /** Must be the domain: the goal deletes the live site. */
  @Parameter(property = "edgepress.confirm")
  String confirm;

  @Override
  ProvisionReport run(Provisioner provisioner) {
    return provisioner.destroy(confirm);
  }

  @Override
  void summarize(ProvisionReport report) {
    if (report.dryRun()) {
      getLog().info("Dry run: nothing was deleted.");
    } else if (report.complete()) {
      getLog().info("Removed the site at " + report.domain() + ".");
    } else {
      getLog().info("Not finished yet; run the same command again to carry on.");
    }
  }
}
