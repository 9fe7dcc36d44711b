package dev.edgepress.maven;

import dev.edgepress.generator.config.ContactSettings;
import dev.edgepress.generator.config.ContactSettingsException;
import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ContactSpec;
import dev.edgepress.provisioner.ProvisionException;
import dev.edgepress.provisioner.ProvisionListener;
import dev.edgepress.provisioner.ProvisionReport;
import dev.edgepress.provisioner.Provisioner;
import dev.edgepress.provisioner.SiteSpec;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What provision and destroy share: the site's spec from the pom, the credentials, the report. */
abstract class AbstractProvisionMojo extends AbstractAwsMojo {

  /** Other names of the site (e.g. www.example.com), comma-separated on the command line. */
  @Parameter(property = "edgepress.aliases")
  List<String> aliases;

  /** An existing bucket to serve the site from, instead of one Edgepress names and creates. */
  @Parameter(property = "edgepress.bucket")
  String bucket;

  /** The Route 53 hosted zone to use; default: the longest public zone that holds the domain. */
  @Parameter(property = "edgepress.hostedZoneId")
  String hostedZoneId;

  /** CloudFront's price class: PriceClass_100 (North America and Europe), PriceClass_200 or PriceClass_All. */
  @Parameter(property = "edgepress.priceClass", defaultValue = "PriceClass_100")
  String priceClass;

  /** Redirect (301) requests to an alias to the domain; false serves the site at every name. */
  @Parameter(property = "edgepress.redirectAliases", defaultValue = "true")
  boolean redirectAliases;

  /** Print the plan, change nothing. */
  @Parameter(property = "edgepress.dryRun", defaultValue = "false")
  boolean dryRun;

  /** Wait for the certificate, the distribution and DNS; false returns once AWS has accepted the changes. */
  @Parameter(property = "edgepress.wait", defaultValue = "true")
  boolean wait;

  /** The site's folder, whose site.yaml gives the security headers. */
  @Parameter(property = "edgepress.siteDirectory", defaultValue = "${project.basedir}", required = true)
  File siteDirectory;

  /** The settings file; default: site.yaml in the site folder. */
  @Parameter(property = "edgepress.configFile")
  File configFile;

  /** The contact form's Lambda package; default: the one that comes with this plugin. */
  @Parameter(property = "edgepress.contactFunctionPackage")
  File contactFunctionPackage;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  PluginDescriptor plugin;

  /** Where provision-report.json is written. */
  @Parameter(defaultValue = "${project.build.directory}/edgepress", readonly = true)
  File reportDirectory;

  @Override
  final void run() throws MojoExecutionException, MojoFailureException {
    ProvisionReport report;
    try {
      Provisioner provisioner = Provisioner.builder(spec()).access(access()).listener(listener()).dryRun(dryRun)
          .waitForCompletion(wait).reportFile(new File(reportDirectory, "provision-report.json").toPath()).build();
      report = run(provisioner);
    } catch (ProvisionException e) {
      throw new MojoFailureException(e.getMessage() + System.lineSeparator() + "Report: "
          + new File(reportDirectory, "provision-report.json"));
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    for (Change c : report.changes()) {
      getLog().info("  " + c.line());
    }
    report.next().ifPresent(n -> getLog().warn(n));
    summarize(report);
    getLog().info("Report: " + new File(reportDirectory, "provision-report.json"));
  }

  abstract ProvisionReport run(Provisioner provisioner);

  abstract void summarize(ProvisionReport report);

  private SiteSpec spec() throws MojoFailureException {
    List<String> names = new ArrayList<>();
    if (aliases != null) {
      for (String a : aliases) {
        for (String part : a.split(",")) {
          names.add(part.trim());
        }
      }
    }
    String bucketRegion = blank(region) ? SiteSpec.defaultRegion(profileName()).orElse(null) : region;
    File siteYaml = configFile != null ? configFile : new File(siteDirectory, "site.yaml");
    Optional<ContactSettings> contact;
    try {
      contact = ContactSettings.load(siteYaml.toPath());
    } catch (ContactSettingsException e) {
      throw new MojoFailureException(e.getMessage());
    }
    SiteSpec.Builder spec = SiteSpec.builder(domain, bucketRegion);
    if (contact.isPresent()) {
      ContactSettings c = contact.get();
      spec.contact(Optional.of(new ContactSpec(c.to(), c.from(domain == null ? "" : domain.trim().toLowerCase(java.util.Locale.ROOT)),
          c.subjectPrefix(), c.minFillSeconds(), c.throttleRate(), c.throttleBurst(), functionPackage())));
    }
    return spec.aliases(names).bucket(Optional.ofNullable(bucket))
        .hostedZoneId(Optional.ofNullable(hostedZoneId)).priceClass(priceClass).redirectAliases(redirectAliases)
        .headers(SiteHeaders.load(siteYaml))
        .build();
  }

  /** The Lambda package: {@code <contactFunctionPackage>}, else the plugin's own (classifier lambda). */
  private java.nio.file.Path functionPackage() throws MojoFailureException {
    if (contactFunctionPackage != null) {
      return contactFunctionPackage.toPath();
    }
    if (plugin != null) {
      for (Artifact a : plugin.getArtifacts()) {
        if ("edgepress-contact-form".equals(a.getArtifactId()) && "lambda".equals(a.getClassifier()) && a.getFile() != null) {
          return a.getFile().toPath();
        }
      }
    }
    throw new MojoFailureException("site.yaml has 'contact', but the contact form's Lambda package"
        + " (edgepress-contact-form, classifier lambda) is not among the plugin's artifacts. Set"
        + " <contactFunctionPackage> to its file, or reinstall the plugin (mvn install in the Edgepress repository).");
  }

  private ProvisionListener listener() {
    return new ProvisionListener() {
      @Override
      public void info(String message) {
        getLog().info(message);
      }

      @Override
      public void warn(String message) {
        getLog().warn(message);
      }

      @Override
      public void waiting(String what, long secondsSoFar) {
        getLog().info("Waiting for " + what + " (" + secondsSoFar + " s)");
      }
    };
  }
}
