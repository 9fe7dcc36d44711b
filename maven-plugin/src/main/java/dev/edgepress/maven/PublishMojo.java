package dev.edgepress.maven;

import dev.edgepress.generator.headers.CacheRules;
import dev.edgepress.generator.headers.HeaderRulesException;
import dev.edgepress.headers.HeaderRules;
import dev.edgepress.publisher.PublishException;
import dev.edgepress.publisher.PublishListener;
import dev.edgepress.publisher.PublishReport;
import dev.edgepress.publisher.Publisher;
import dev.edgepress.publisher.aws.S3Destination;
import dev.edgepress.publisher.store.DirectoryStore;
import dev.edgepress.publisher.store.Store;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Publishes the built site: uploads only what changed, in an order that never shows a visitor a
 * broken page, invalidates exactly the CloudFront paths that changed, then deletes what the site
 * no longer has. With no bucket configured it publishes to a local folder, so the whole pipeline
 * runs without an AWS account.
 */
@Mojo(name = "publish", threadSafe = true)
public class PublishMojo extends AbstractAwsMojo {

  /** The built site to publish. */
  @Parameter(property = "edgepress.outputDirectory", defaultValue = "${project.build.directory}/site", required = true)
  File outputDirectory;

  /** The S3 bucket. When empty, the site is published to {@link #localBucket}. */
  @Parameter(property = "edgepress.bucket")
  String bucket;

  /** A folder in the bucket to publish under; nothing outside it is ever touched. */
  @Parameter(property = "edgepress.prefix", defaultValue = "")
  String prefix;

  /** The CloudFront distribution to invalidate; none: no invalidation. */
  @Parameter(property = "edgepress.distributionId")
  String distributionId;

  /** An S3-compatible endpoint (MinIO, R2, Ceph): path-style requests, checksums when required. */
  @Parameter(property = "edgepress.endpoint")
  String endpoint;

  /** A CloudFront endpoint to use instead of AWS's (for tests). */
  @Parameter(property = "edgepress.cloudFrontEndpoint")
  String cloudFrontEndpoint;

  /** More deletions than this fail the publish before any change, unless force. */
  @Parameter(property = "edgepress.maxDeletes", defaultValue = "256")
  int maxDeletes;

  /**
   * Publish even when more than maxDeletes objects, or more than half of the bucket's HTML pages
   * (when it has 10 or more), would be deleted. Overrides nothing else: a site with no content
   * pages, or one without site.yaml or with a localhost baseUrl bound for a bucket, is never published.
   */
  @Parameter(property = "edgepress.force", defaultValue = "false")
  boolean force;

  /** Print the plan and write target/edgepress/plan.json; change nothing (publish-report.json is left as it was). */
  @Parameter(property = "edgepress.dryRun", defaultValue = "false")
  boolean dryRun;

  /** Wait until CloudFront has finished the invalidation. */
  @Parameter(property = "edgepress.wait", defaultValue = "false")
  boolean wait;

  /** Files sent at the same time. */
  @Parameter(property = "edgepress.concurrency", defaultValue = "16")
  int concurrency;

  /**
   * Cache-Control overrides by glob, first match wins. The site's rules are site.yaml's {@code
   * cacheRules}; these come before them (where both match a file, the pom's rule wins).
   */
  @Parameter
  List<CacheRule> cacheRules;

  /** The site's folder, whose site.yaml gives the cache rules. */
  @Parameter(property = "edgepress.siteDirectory", defaultValue = "${project.basedir}", required = true)
  File siteDirectory;

  /** The settings file; default: site.yaml in the site folder. */
  @Parameter(property = "edgepress.configFile")
  File configFile;

  /** The folder that stands in for a bucket when none is configured. */
  @Parameter(property = "edgepress.localBucket", defaultValue = "${project.build.directory}/edgepress/bucket")
  File localBucket;

  /** Where plan.json and publish-report.json are written. */
  @Parameter(defaultValue = "${project.build.directory}/edgepress", readonly = true)
  File reportDirectory;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    if (concurrency < 1) {
      throw new MojoFailureException("<concurrency> (-Dedgepress.concurrency) must be 1 or more, not " + concurrency);
    }
    if (maxDeletes < 0) {
      throw new MojoFailureException("<maxDeletes> (-Dedgepress.maxDeletes) must be 0 or more, not " + maxDeletes);
    }
    HeaderRules rules;
    File siteYaml = configFile != null ? configFile : new File(siteDirectory, "site.yaml");
    try {
      Map<String, String> overrides = CacheRule.byGlob(cacheRules);
      rules = CacheRules.load(siteYaml.toPath()).overriddenBy(overrides);
    } catch (HeaderRulesException e) {
      throw new MojoFailureException("site.yaml's cacheRules cannot be used; fix them:\n" + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("<cacheRules>: " + e.getMessage());
    }
    try {
      Publisher.Builder publisher;
      if (blank(bucket) && blank(domain)) {
        getLog().info("No <bucket> or <domain> (-Dedgepress.bucket, -Dedgepress.domain) set: publishing to the"
            + " local folder " + localBucket);
        publisher = Publisher.builder(outputDirectory.toPath(), new DirectoryStore(localBucket.toPath()));
      } else {
        publisher = s3Publisher();
      }
      PublishReport report = publisher.siteConfig(siteYaml.toPath()).headerRules(rules).maxDeletes(maxDeletes)
          .force(force).dryRun(dryRun).waitForInvalidation(wait).concurrency(concurrency)
          .reportDirectory(reportDirectory.toPath()).listener(listener()).build().publish();
      getLog().info(report.summary());
      // A dry run writes only its plan; publish-report.json stays the last real publish's.
      getLog().info(dryRun ? "Plan: " + new File(reportDirectory, "plan.json")
          : "Report: " + new File(reportDirectory, "publish-report.json"));
    } catch (PublishException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  private Publisher.Builder s3Publisher() throws MojoFailureException {
    return S3Destination.builder().bucket(bucket).domain(domain).prefix(prefix).region(region)
        .distributionId(distributionId).endpoint(endpoint).cloudFrontEndpoint(cloudFrontEndpoint).access(access())
        .concurrency(concurrency).build().publisher(outputDirectory.toPath(), listener());
  }

  /** Progress: a live line on an interactive console, a plain line every few seconds under mvn -B. */
  private PublishListener listener() {
    boolean live = liveConsole();
    return new PublishListener() {
      @Override
      public void info(String message) {
        getLog().info(message);
      }

      @Override
      public void warn(String message) {
        getLog().warn(message);
      }

      @Override
      public void debug(String message) {
        getLog().debug(message);
      }

      @Override
      public void progress(long filesDone, long filesTotal, long bytesDone, double bytesPerSecond) {
        String line = String.format("Sent %d/%d files, %.1f MB, %.1f MB/s", filesDone, filesTotal,
            bytesDone / 1e6, bytesPerSecond / 1e6);
        if (live) {
          System.out.print("\r" + line + (filesDone == filesTotal ? "\n" : ""));
          System.out.flush();
        } else {
          getLog().info(line);
        }
      }
    };
  }
}
