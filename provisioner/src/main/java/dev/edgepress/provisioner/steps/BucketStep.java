package dev.edgepress.provisioner.steps;

import static dev.edgepress.provisioner.aws.Calls.call;
import static dev.edgepress.provisioner.aws.Calls.run;

import dev.edgepress.provisioner.Change;
import dev.edgepress.provisioner.ProvisionException;
import dev.edgepress.provisioner.aws.Calls;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The site's S3 bucket, private: all four public-access-block flags, ACLs disabled
 * (BucketOwnerEnforced), default encryption, and the {@link Names#SITE_TAG} tag when Edgepress made
 * it. Named by {@link Names#bucketName} unless {@code <bucket>} names one to use; a named bucket is
 * hardened the same way but never tagged nor deleted. Its policy is {@link BucketPolicyStep}'s.
 */
final class BucketStep implements Step {

  private final Context ctx;
  private boolean exists;
  private final List<String> fix = new ArrayList<>();

  BucketStep(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public String resource() {
    return "bucket";
  }

  @Override
  public Change plan() {
    String bucket = ctx.spec.bucket().orElseGet(() -> Names.bucketName(ctx.spec.domain(), ctx.accountId()));
    ctx.bucketName = bucket;
    ctx.bucketRegion = ctx.spec.region();
    ctx.bucketOurs = ctx.spec.bucket().isEmpty();
    exists = exists(bucket);
    if (!exists) {
      return new Change(resource(), bucket, bucket, Change.Action.CREATE, List.of(), Change.Status.PLANNED);
    }
    String location = call("s3:GetBucketLocation", () -> ctx.aws.s3().getBucketLocation(r -> r.bucket(bucket)))
        .locationConstraintAsString();
    String region = location == null || location.isEmpty() ? "us-east-1" : location.equals("EU") ? "eu-west-1" : location;
    if (!region.equals(ctx.spec.region())) {
      throw new ProvisionException("The bucket " + bucket + " is in " + region + ", not in " + ctx.spec.region()
          + " (<region>). Set <region>" + region + "</region>" + (ctx.bucketOurs ? ", or run mvn edgepress:destroy"
          + " with the old region first to move the site." : ", or name a bucket in " + ctx.spec.region() + "."));
    }
    if (!publicAccessBlocked(bucket)) {
      fix.add("public access block -> all four flags on");
    }
    if (!ownerEnforced(bucket)) {
      fix.add("object ownership -> BucketOwnerEnforced (ACLs disabled)");
    }
    if (!encrypted(bucket)) {
      fix.add("default encryption -> SSE-S3");
    }
    if (ctx.bucketOurs && !tagged(bucket)) {
      fix.add("tag " + Names.SITE_TAG + " -> " + ctx.spec.domain());
    }
    return fix.isEmpty() ? Change.unchanged(resource(), bucket, bucket)
        : new Change(resource(), bucket, bucket, Change.Action.UPDATE, fix, Change.Status.PLANNED);
  }

  @Override
  public Change apply(Change planned) {
    String bucket = ctx.bucketName;
    if (!exists) {
      create(bucket);
      putPublicAccessBlock(bucket);
      putOwnership(bucket);
      putEncryption(bucket);
      if (ctx.bucketOurs) {
        putTag(bucket);
      }
      ctx.listener.info("Created bucket " + bucket + " in " + ctx.spec.region());
      return planned.withStatus(Change.Status.DONE);
    }
    for (String f : fix) {
      if (f.startsWith("public access")) {
        putPublicAccessBlock(bucket);
      } else if (f.startsWith("object ownership")) {
        putOwnership(bucket);
      } else if (f.startsWith("default encryption")) {
        putEncryption(bucket);
      } else if (f.startsWith("tag")) {
        putTag(bucket);
      }
    }
    return planned.withStatus(Change.Status.DONE);
  }

  private boolean exists(String bucket) {
    try {
      call("s3:ListBucket", () -> ctx.aws.s3().headBucket(r -> r.bucket(bucket)));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (ProvisionException e) {
      if (e.getCause() instanceof S3Exception s && s.statusCode() == 403) {
        throw taken(bucket, e.getCause());
      }
      throw e;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private ProvisionException taken(String bucket, Throwable cause) {
    return new ProvisionException("The bucket name " + bucket + " is taken: it exists but these credentials may"
        + " not read it (403). S3 bucket names are global, so it most likely belongs to another AWS account"
        + (ctx.bucketOurs ? "" : " (<bucket>)") + ". Name another bucket with <bucket>"
        + " (or, if it is yours, grant s3:ListBucket on it).", cause);
  }

  private void create(String bucket) {
    try {
      run("s3:CreateBucket", () -> ctx.aws.s3().createBucket(r -> {
        r.bucket(bucket);
        // us-east-1 takes no LocationConstraint; everywhere else it is required.
        if (!ctx.spec.region().equals("us-east-1")) {
          r.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(ctx.spec.region())));
        }
      }));
    } catch (BucketAlreadyOwnedByYouException e) {
      // A run stopped right after creating it; carry on (us-east-1 answers 200 instead).
    } catch (BucketAlreadyExistsException e) {
      throw taken(bucket, e);
    }
  }

  private boolean publicAccessBlocked(String bucket) {
    try {
      PublicAccessBlockConfiguration c = call("s3:GetBucketPublicAccessBlock",
          () -> ctx.aws.s3().getPublicAccessBlock(r -> r.bucket(bucket))).publicAccessBlockConfiguration();
      return Boolean.TRUE.equals(c.blockPublicAcls()) && Boolean.TRUE.equals(c.ignorePublicAcls())
          && Boolean.TRUE.equals(c.blockPublicPolicy()) && Boolean.TRUE.equals(c.restrictPublicBuckets());
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private void putPublicAccessBlock(String bucket) {
    run("s3:PutBucketPublicAccessBlock", () -> ctx.aws.s3().putPublicAccessBlock(r -> r.bucket(bucket)
        .publicAccessBlockConfiguration(c -> c.blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true)
            .restrictPublicBuckets(true))));
  }

  private boolean ownerEnforced(String bucket) {
    try {
      return call("s3:GetBucketOwnershipControls", () -> ctx.aws.s3().getBucketOwnershipControls(r -> r.bucket(bucket)))
          .ownershipControls().rules().stream().anyMatch(r -> r.objectOwnership() == ObjectOwnership.BUCKET_OWNER_ENFORCED);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private void putOwnership(String bucket) {
    run("s3:PutBucketOwnershipControls", () -> ctx.aws.s3().putBucketOwnershipControls(r -> r.bucket(bucket)
        .ownershipControls(c -> c.rules(o -> o.objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)))));
  }

  private boolean encrypted(String bucket) {
    try {
      List<ServerSideEncryptionRule> rules = call("s3:GetEncryptionConfiguration",
          () -> ctx.aws.s3().getBucketEncryption(r -> r.bucket(bucket))).serverSideEncryptionConfiguration().rules();
      return rules.stream().anyMatch(r -> r.applyServerSideEncryptionByDefault() != null
          && r.applyServerSideEncryptionByDefault().sseAlgorithm() != null);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private void putEncryption(String bucket) {
    run("s3:PutEncryptionConfiguration", () -> ctx.aws.s3().putBucketEncryption(r -> r.bucket(bucket)
        .serverSideEncryptionConfiguration(c -> c.rules(rule -> rule.bucketKeyEnabled(true)
            .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256))))));
  }

  private boolean tagged(String bucket) {
    return tags(ctx, bucket).stream().anyMatch(t -> t.key().equals(Names.SITE_TAG) && t.value().equals(ctx.spec.domain()));
  }

  static List<Tag> tags(Context ctx, String bucket) {
    try {
      return call("s3:GetBucketTagging", () -> ctx.aws.s3().getBucketTagging(r -> r.bucket(bucket))).tagSet();
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && "NoSuchTagSet".equals(Calls.errorCode(e))) {
        return List.of();
      }
      throw e;
    }
  }

  private void putTag(String bucket) {
    List<Tag> tags = new ArrayList<>(tags(ctx, bucket).stream().filter(t -> !t.key().equals(Names.SITE_TAG)).toList());
    tags.add(Tag.builder().key(Names.SITE_TAG).value(ctx.spec.domain()).build());
    run("s3:PutBucketTagging", () -> ctx.aws.s3().putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(tags))));
  }
}
