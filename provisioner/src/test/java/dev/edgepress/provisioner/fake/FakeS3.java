package dev.edgepress.provisioner.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.AccessDeniedException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.DeleteBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.GetBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLocationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.GetBucketOwnershipControlsResponse;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.GetBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.OwnershipControls;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionRequest;
import software.amazon.awssdk.services.s3.model.PutBucketEncryptionResponse;
import software.amazon.awssdk.services.s3.model.PutBucketOwnershipControlsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketOwnershipControlsResponse;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutBucketPolicyResponse;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3.model.PutPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.waiters.S3Waiter;

/**
 * S3, either bound to one region (as a client built with {@code .region(...)}) or reaching every region. Buckets have
 * a region and an owner; foreign buckets answer 403, missing ones 404 NoSuchBucket.
 */
final class FakeS3 implements S3Client {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final Set<String> OWNERSHIPS = Set.of("BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced");

    private final FakeAws w;
    /** Null: not bound to a region. */
    private final String region;
    private boolean closed;

    FakeS3(FakeAws w, String region) {
        this.w = w;
        this.region = region;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public S3ServiceClientConfiguration serviceClientConfiguration() {
        return S3ServiceClientConfiguration.builder().region(Region.of(region == null ? "us-east-1" : region)).build();
    }

    @Override
    public S3Utilities utilities() {
        return S3Utilities.builder().region(Region.of(region == null ? "us-east-1" : region)).build();
    }

    @Override
    public S3Waiter waiter() {
        return S3Waiter.builder().client(this).build();
    }

    // ------------------------------------------------------------------ buckets

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:HeadBucket", arn(name));
            FakeAws.Bucket b = w.buckets.get(name);
            if (b == null) {
                // the SDK turns the bodiless 404 of a HEAD into NoSuchBucketException
                throw w.error(NoSuchBucketException.builder(), "S3", 404, "NoSuchBucket", "The specified bucket does not exist.");
            }
            if (b.foreign) {
                throw w.error(S3Exception.builder(), "S3", 403, null, null);
            }
            if (region != null && !region.equals(b.region)) {
                throw w.error(S3Exception.builder(), "S3", 301, null, null);
            }
            return HeadBucketResponse.builder().bucketRegion(b.region).accessPointAlias(false).build();
        }
    }

    @Override
    public CreateBucketResponse createBucket(CreateBucketRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            checkBucketName(name);
            w.enter("s3:CreateBucket", arn(name));
            if (request.objectOwnership() != null || request.objectOwnershipAsString() != null) {
                w.authorize("s3:CreateBucket", "s3:PutBucketOwnershipControls", arn(name));
            }
            String constraint = request.createBucketConfiguration() == null ? null
                    : request.createBucketConfiguration().locationConstraintAsString();
            if ((constraint == null || constraint.isEmpty()) && region != null && !region.equals("us-east-1")) {
                // the SDK's CreateBucketInterceptor adds the client's region
                constraint = region;
            }
            if ("us-east-1".equals(constraint)) {
                throw error(400, "InvalidLocationConstraint", "The specified location-constraint is not valid");
            }
            String target = constraint == null || constraint.isEmpty() ? "us-east-1"
                    : constraint.equals("EU") ? "eu-west-1" : constraint;
            if (region != null && !region.equals("us-east-1") && !target.equals(region)) {
                throw error(400, "IllegalLocationConstraintException", "The " + constraint + " location constraint is "
                        + "incompatible for the region specific endpoint this request was sent to.");
            }
            FakeAws.Bucket existing = w.buckets.get(name);
            String location = target.equals("us-east-1") ? "/" + name : "http://" + name + ".s3.amazonaws.com/";
            if (existing != null) {
                if (existing.foreign) {
                    throw w.error(BucketAlreadyExistsException.builder(), "S3", 409, "BucketAlreadyExists",
                            "The requested bucket name is not available. The bucket namespace is shared by all users "
                                    + "of the system. Please select a different name and try again.");
                }
                if (existing.region.equals("us-east-1") && target.equals("us-east-1")) {
                    // us-east-1 keeps its legacy answer: 200 OK, nothing changes
                    return CreateBucketResponse.builder().location(location).build();
                }
                throw w.error(BucketAlreadyOwnedByYouException.builder(), "S3", 409, "BucketAlreadyOwnedByYou",
                        "Your previous request to create the named bucket succeeded and you already own it.");
            }
            String ownership = request.objectOwnershipAsString() == null ? "BucketOwnerEnforced"
                    : request.objectOwnershipAsString();
            if (!OWNERSHIPS.contains(ownership)) {
                throw error(400, "InvalidArgument", "Invalid x-amz-object-ownership header: " + ownership);
            }
            String acl = request.aclAsString();
            if (acl != null && !acl.equals("private") && ownership.equals("BucketOwnerEnforced")) {
                throw error(400, "InvalidBucketAclWithObjectOwnership",
                        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
            }
            FakeAws.Bucket b = FakeAws.Bucket.withDefaults(name, target, Instant.now());
            b.ownership = ownership;
            w.buckets.put(name, b);
            return CreateBucketResponse.builder().location(location).build();
        }
    }

    /** The SDK refuses an invalid bucket name before sending CreateBucket. */
    private static void checkBucketName(String name) {
        if (!name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Bucket name should not contain uppercase characters");
        }
        if (name.contains("_")) {
            throw new IllegalArgumentException("Bucket name should not contain '_'");
        }
        if (name.length() < 3 || name.length() > 63) {
            throw new IllegalArgumentException("Bucket name should be between 3 and 63 characters long");
        }
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..") || name.contains(".-") || name.contains("-.")
                || IP_ADDRESS.matcher(name).matches()) {
            throw new IllegalArgumentException("Bucket name must be a valid DNS name: " + name);
        }
    }

    @Override
    public GetBucketLocationResponse getBucketLocation(GetBucketLocationRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:GetBucketLocation", arn(name));
            FakeAws.Bucket b = bucket(name, false);
            // us-east-1 answers an empty <LocationConstraint/>: the SDK gives null as enum and "" as string
            return GetBucketLocationResponse.builder()
                    .locationConstraint(b.region.equals("us-east-1") ? "" : b.region).build();
        }
    }

    @Override
    public DeleteBucketResponse deleteBucket(DeleteBucketRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:DeleteBucket", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            if (!b.objects.isEmpty()) {
                throw error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
            }
            w.buckets.remove(name);
            return DeleteBucketResponse.builder().build();
        }
    }

    // ------------------------------------------------------------------ public access block

    @Override
    public GetPublicAccessBlockResponse getPublicAccessBlock(GetPublicAccessBlockRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:GetPublicAccessBlock", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            if (b.publicAccessBlock == null) {
                throw error(404, "NoSuchPublicAccessBlockConfiguration",
                        "The public access block configuration was not found");
            }
            return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(b.publicAccessBlock).build();
        }
    }

    @Override
    public PutPublicAccessBlockResponse putPublicAccessBlock(PutPublicAccessBlockRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:PutPublicAccessBlock", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            PublicAccessBlockConfiguration c = request.publicAccessBlockConfiguration();
            if (c == null) {
                throw error(400, "MissingRequestBodyError", "Request Body is empty");
            }
            // an absent flag is stored as false
            b.publicAccessBlock = PublicAccessBlockConfiguration.builder()
                    .blockPublicAcls(Boolean.TRUE.equals(c.blockPublicAcls()))
                    .ignorePublicAcls(Boolean.TRUE.equals(c.ignorePublicAcls()))
                    .blockPublicPolicy(Boolean.TRUE.equals(c.blockPublicPolicy()))
                    .restrictPublicBuckets(Boolean.TRUE.equals(c.restrictPublicBuckets()))
                    .build();
            return PutPublicAccessBlockResponse.builder().build();
        }
    }

    // ------------------------------------------------------------------ ownership

    @Override
    public GetBucketOwnershipControlsResponse getBucketOwnershipControls(GetBucketOwnershipControlsRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:GetBucketOwnershipControls", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            if (b.ownership == null) {
                throw error(404, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found");
            }
            return GetBucketOwnershipControlsResponse.builder().ownershipControls(OwnershipControls.builder()
                    .rules(OwnershipControlsRule.builder().objectOwnership(b.ownership).build()).build()).build();
        }
    }

    @Override
    public PutBucketOwnershipControlsResponse putBucketOwnershipControls(PutBucketOwnershipControlsRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:PutBucketOwnershipControls", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            OwnershipControls c = request.ownershipControls();
            if (c == null || !c.hasRules() || c.rules().size() != 1
                    || !OWNERSHIPS.contains(c.rules().get(0).objectOwnershipAsString())) {
                throw malformedXml();
            }
            b.ownership = c.rules().get(0).objectOwnershipAsString();
            return PutBucketOwnershipControlsResponse.builder().build();
        }
    }

    // ------------------------------------------------------------------ encryption

    @Override
    public GetBucketEncryptionResponse getBucketEncryption(GetBucketEncryptionRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:GetBucketEncryption", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            if (b.sseAlgorithm == null) {
                throw error(404, "ServerSideEncryptionConfigurationNotFoundError",
                        "The server side encryption configuration was not found");
            }
            return GetBucketEncryptionResponse.builder().serverSideEncryptionConfiguration(
                    ServerSideEncryptionConfiguration.builder().rules(ServerSideEncryptionRule.builder()
                            .applyServerSideEncryptionByDefault(ServerSideEncryptionByDefault.builder()
                                    .sseAlgorithm(b.sseAlgorithm).kmsMasterKeyID(b.kmsKeyId).build())
                            .bucketKeyEnabled(b.bucketKeyEnabled).build()).build()).build();
        }
    }

    @Override
    public PutBucketEncryptionResponse putBucketEncryption(PutBucketEncryptionRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:PutBucketEncryption", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            ServerSideEncryptionConfiguration c = request.serverSideEncryptionConfiguration();
            if (c == null || !c.hasRules() || c.rules().isEmpty() || c.rules().get(0).applyServerSideEncryptionByDefault() == null) {
                throw malformedXml();
            }
            ServerSideEncryptionByDefault d = c.rules().get(0).applyServerSideEncryptionByDefault();
            String algorithm = d.sseAlgorithmAsString();
            if (algorithm == null || !Set.of("AES256", "aws:kms", "aws:kms:dsse").contains(algorithm)) {
                throw malformedXml();
            }
            if (algorithm.equals("AES256") && d.kmsMasterKeyID() != null) {
                throw error(400, "InvalidArgument", "a KMSMasterKeyID is not applicable if the default sse algorithm "
                        + "is not aws:kms or aws:kms:dsse");
            }
            b.sseAlgorithm = algorithm;
            b.kmsKeyId = d.kmsMasterKeyID();
            b.bucketKeyEnabled = Boolean.TRUE.equals(c.rules().get(0).bucketKeyEnabled());
            return PutBucketEncryptionResponse.builder().build();
        }
    }

    // ------------------------------------------------------------------ policy

    @Override
    public GetBucketPolicyResponse getBucketPolicy(GetBucketPolicyRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:GetBucketPolicy", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            if (b.policy == null) {
                throw error(404, "NoSuchBucketPolicy", "The bucket policy does not exist");
            }
            return GetBucketPolicyResponse.builder().policy(b.policy).build();
        }
    }

    @Override
    public PutBucketPolicyResponse putBucketPolicy(PutBucketPolicyRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:PutBucketPolicy", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            String policy = request.policy();
            if (policy == null || !policy.strip().startsWith("{") || !policy.strip().endsWith("}")) {
                throw error(400, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'");
            }
            boolean isPublic = grantsPublicAccess(policy);
            if (isPublic && b.publicAccessBlock != null && Boolean.TRUE.equals(b.publicAccessBlock.blockPublicPolicy())) {
                throw w.error(AccessDeniedException.builder(), "S3", 403, "AccessDenied", "User: "
                        + FakeAws.PRINCIPAL_ARN + " is not authorized to perform: s3:PutBucketPolicy on resource: \""
                        + arn(name) + "\" because public policies are blocked by the BlockPublicPolicy block public "
                        + "access setting.");
            }
            b.policy = policy;
            return PutBucketPolicyResponse.builder().build();
        }
    }

    @Override
    public DeleteBucketPolicyResponse deleteBucketPolicy(DeleteBucketPolicyRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:DeleteBucketPolicy", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            b.policy = null;
            return DeleteBucketPolicyResponse.builder().build();
        }
    }

    // ------------------------------------------------------------------ tagging

    @Override
    public GetBucketTaggingResponse getBucketTagging(GetBucketTaggingRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:GetBucketTagging", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            if (b.tags == null) {
                throw error(404, "NoSuchTagSet", "The TagSet does not exist");
            }
            return GetBucketTaggingResponse.builder().tagSet(b.tags.entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        }
    }

    @Override
    public PutBucketTaggingResponse putBucketTagging(PutBucketTaggingRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:PutBucketTagging", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            if (request.tagging() == null) {
                throw malformedXml();
            }
            Map<String, String> tags = new LinkedHashMap<>();
            for (Tag t : request.tagging().tagSet()) {
                if (t.key() == null || t.value() == null) {
                    throw malformedXml();
                }
                if (tags.put(t.key(), t.value()) != null) {
                    throw error(400, "InvalidTag", "Cannot provide multiple Tags with the same key");
                }
                if (t.key().startsWith("aws:")) {
                    throw error(400, "InvalidTag", "Your TagKey cannot be prefixed with aws:");
                }
            }
            if (tags.size() > 50) {
                throw error(400, "BadRequest", "Object tags cannot be greater than 50");
            }
            b.tags = tags;
            return PutBucketTaggingResponse.builder().build();
        }
    }

    // ------------------------------------------------------------------ objects

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            String key = FakeAws.requirePathParameter(request.key(), "Key");
            w.enter("s3:PutObject", arn(name) + "/" + key);
            FakeAws.Bucket b = bucket(name, true);
            byte[] bytes;
            try (InputStream in = body.contentStreamProvider().newStream()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String etag = "\"" + FakeAws.md5Hex(bytes) + "\"";
            String contentType = request.contentType() != null ? request.contentType()
                    : body.contentType() != null ? body.contentType() : "binary/octet-stream";
            b.objects.put(key, new FakeAws.StoredObject(bytes, etag, contentType, request.cacheControl(), Instant.now()));
            return PutObjectResponse.builder().eTag(etag).serverSideEncryption(b.sseAlgorithm).build();
        }
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:ListObjectsV2", arn(name));
            FakeAws.Bucket b = bucket(name, true);
            int max = request.maxKeys() == null ? 1000 : Math.min(1000, request.maxKeys());
            String prefix = request.prefix() == null ? "" : request.prefix();
            String after = request.startAfter();
            if (request.continuationToken() != null) {
                try {
                    after = new String(Base64.getDecoder().decode(request.continuationToken()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw error(400, "InvalidArgument", "The continuation token provided is incorrect");
                }
            }
            List<S3Object> contents = new ArrayList<>();
            TreeSet<String> prefixes = new TreeSet<>();
            String last = null;
            boolean truncated = false;
            for (Map.Entry<String, FakeAws.StoredObject> e : b.objects.entrySet()) {
                String key = e.getKey();
                if (!key.startsWith(prefix) || (after != null && key.compareTo(after) <= 0)) {
                    continue;
                }
                String common = null;
                if (request.delimiter() != null && !request.delimiter().isEmpty()) {
                    int i = key.indexOf(request.delimiter(), prefix.length());
                    if (i >= 0) {
                        common = key.substring(0, i + request.delimiter().length());
                    }
                }
                if (common != null && prefixes.contains(common)) {
                    last = key;
                    continue;
                }
                if (contents.size() + prefixes.size() >= max) {
                    truncated = true;
                    break;
                }
                if (common != null) {
                    prefixes.add(common);
                } else {
                    FakeAws.StoredObject o = e.getValue();
                    contents.add(S3Object.builder().key(key).size((long) o.bytes().length).eTag(o.etag())
                            .lastModified(o.lastModified()).storageClass("STANDARD").build());
                }
                last = key;
            }
            ListObjectsV2Response.Builder r = ListObjectsV2Response.builder()
                    .name(name)
                    .prefix(prefix)
                    .delimiter(request.delimiter())
                    .maxKeys(max)
                    .keyCount(contents.size() + prefixes.size())
                    .isTruncated(truncated)
                    .continuationToken(request.continuationToken())
                    .startAfter(request.startAfter())
                    .contents(contents)
                    .commonPrefixes(prefixes.stream().map(p -> CommonPrefix.builder().prefix(p).build()).toList());
            if (truncated && last != null) {
                r.nextContinuationToken(Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
            }
            return r.build();
        }
    }

    @Override
    public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
        synchronized (w) {
            open();
            String name = FakeAws.requirePathParameter(request.bucket(), "Bucket");
            w.enter("s3:DeleteObjects", arn(name) + "/*");
            FakeAws.Bucket b = bucket(name, true);
            if (request.delete() == null || !request.delete().hasObjects() || request.delete().objects().isEmpty()
                    || request.delete().objects().size() > 1000) {
                throw malformedXml();
            }
            List<DeletedObject> deleted = new ArrayList<>();
            Set<String> done = new HashSet<>();
            for (ObjectIdentifier id : request.delete().objects()) {
                if (id.key() == null) {
                    throw malformedXml();
                }
                b.objects.remove(id.key());
                if (done.add(id.key())) {
                    deleted.add(DeletedObject.builder().key(id.key()).build());
                }
            }
            boolean quiet = Boolean.TRUE.equals(request.delete().quiet());
            return DeleteObjectsResponse.builder().deleted(quiet ? List.of() : deleted).build();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The bucket, or the error S3 answers: 404 NoSuchBucket, 403 for another account's, 301 for another region. */
    private FakeAws.Bucket bucket(String name, boolean regional) {
        FakeAws.Bucket b = w.buckets.get(name);
        if (b == null) {
            throw w.error(NoSuchBucketException.builder(), "S3", 404, "NoSuchBucket", "The specified bucket does not exist");
        }
        if (b.foreign) {
            throw w.error(AccessDeniedException.builder(), "S3", 403, "AccessDenied", "Access Denied");
        }
        if (regional && region != null && !region.equals(b.region)) {
            throw error(301, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the "
                    + "specified endpoint. Please send all future requests to this endpoint.");
        }
        return b;
    }

    private static String arn(String bucket) {
        return "arn:aws:s3:::" + bucket;
    }

    private AwsServiceException malformedXml() {
        return error(400, "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    private AwsServiceException error(int status, String code, String message) {
        return w.error(S3Exception.builder(), "S3", status, code, message);
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("Connection pool shut down");
        }
    }

    /**
     * Whether a policy is "public" as S3's Block Public Access judges it: an Allow statement whose
     * principal is everyone and which no condition narrows. Deny statements (e.g. deny without TLS)
     * never make a policy public.
     */
    static boolean grantsPublicAccess(String policy) {
        software.amazon.awssdk.protocols.jsoncore.JsonNode doc =
                software.amazon.awssdk.protocols.jsoncore.JsonNode.parser().parse(policy);
        software.amazon.awssdk.protocols.jsoncore.JsonNode st = doc.asObject().get("Statement");
        java.util.List<software.amazon.awssdk.protocols.jsoncore.JsonNode> list =
                st == null ? java.util.List.of() : st.isArray() ? st.asArray() : java.util.List.of(st);
        for (var s : list) {
            var o = s.asObject();
            if (o.get("Effect") == null || !"Allow".equals(o.get("Effect").asString())) {
                continue;
            }
            var p = o.get("Principal");
            boolean everyone = p != null && (p.isString() && "*".equals(p.asString())
                    || p.isObject() && p.asObject().get("AWS") != null
                        && p.asObject().get("AWS").toString().contains("\"*\""));
            if (everyone && o.get("Condition") == null) {
                return true;
            }
        }
        return false;
    }
}
