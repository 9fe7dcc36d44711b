package dev.edgepress.publisher.store;

import dev.edgepress.headers.Headers;
import dev.edgepress.publisher.PublishException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An S3 bucket (or an S3-compatible store) under a prefix. Never touches a key outside it. */
public final class S3Store implements Store {

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final String region;
  private final RequestCounter counter = new RequestCounter();

  /**
   * @param prefix '' or a path ending in '/': 'site/'
   * @param region the configured region, for messages
   */
  public S3Store(S3Client s3, String bucket, String prefix, String region) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
    this.region = region;
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + prefix;
  }

  private String key(String path) {
    if (path.startsWith("/") || path.contains("..")) {
      throw new PublishException("refusing to touch '" + path + "': it could leave the prefix " + describe());
    }
    return prefix + path;
  }

  @Override
  public Map<String, RemoteObject> list() {
    Map<String, RemoteObject> out = new TreeMap<>();
    String token = null;
    do {
      counter.add("LIST");
      ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).maxKeys(1000);
      if (!prefix.isEmpty()) {
        req.prefix(prefix);
      }
      if (token != null) {
        req.continuationToken(token);
      }
      ListObjectsV2Response resp = call(() -> s3.listObjectsV2(req.build()), "list the objects of");
      for (S3Object o : resp.contents()) {
        String path = o.key().substring(prefix.length());
        String etag = o.eTag() == null ? null : o.eTag().replace("\"", "");
        out.put(path, new RemoteObject(path, etag, o.size() == null ? -1 : o.size()));
      }
      token = Boolean.TRUE.equals(resp.isTruncated()) ? resp.nextContinuationToken() : null;
    } while (token != null);
    return out;
  }

  @Override
  public Optional<byte[]> get(String path) {
    counter.add("GET");
    try {
      return Optional.of(call(() -> s3.getObjectAsBytes(
          GetObjectRequest.builder().bucket(bucket).key(key(path)).build()).asByteArray(), "read " + path + " from"));
    } catch (PublishException e) {
      if (e.getCause() instanceof NoSuchKeyException
          || e.getCause() instanceof S3Exception s && s.statusCode() == 404 && !"NoSuchBucket".equals(code(s))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void put(String path, Path file, Headers headers) {
    counter.add("PUT");
    call(() -> s3.putObject(putRequest(path, headers), RequestBody.fromFile(file)), "upload " + path + " to");
  }

  @Override
  public void put(String path, byte[] bytes, Headers headers) {
    counter.add("PUT");
    call(() -> s3.putObject(putRequest(path, headers), RequestBody.fromBytes(bytes)), "upload " + path + " to");
  }

  private PutObjectRequest putRequest(String path, Headers headers) {
    return PutObjectRequest.builder().bucket(bucket).key(key(path))
        .contentType(headers.contentType()).cacheControl(headers.cacheControl()).build();
  }

  @Override
  public void copy(String path, Headers headers) {
    counter.add("COPY");
    String key = key(path);
    call(() -> s3.copyObject(CopyObjectRequest.builder()
        .sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(key)
        .metadataDirective(MetadataDirective.REPLACE)
        .contentType(headers.contentType()).cacheControl(headers.cacheControl()).build()),
        "update the headers of " + path + " in");
  }

  @Override
  public void delete(List<String> paths) {
    for (int i = 0; i < paths.size(); i += 1000) {
      List<ObjectIdentifier> batch = new ArrayList<>();
      for (String p : paths.subList(i, Math.min(paths.size(), i + 1000))) {
        batch.add(ObjectIdentifier.builder().key(key(p)).build());
      }
      counter.add("DELETE");
      DeleteObjectsResponse resp = call(() -> s3.deleteObjects(DeleteObjectsRequest.builder().bucket(bucket)
          .delete(Delete.builder().objects(batch).quiet(true).build()).build()), "delete objects from");
      if (resp.hasErrors() && !resp.errors().isEmpty()) {
        StringBuilder sb = new StringBuilder("could not delete " + resp.errors().size() + " objects from " + describe() + ":");
        resp.errors().stream().limit(10).forEach(e -> sb.append("\n  ").append(e.key()).append(": ")
            .append(e.code()).append(" ").append(e.message()));
        throw new PublishException(sb.append("\nRun the publish again; it deletes what is left.").toString());
      }
    }
  }

  @Override
  public Map<String, Integer> requests() {
    return counter.snapshot();
  }

  private interface Call<T> {
    T run();
  }

  private <T> T call(Call<T> call, String what) {
    try {
      return call.run();
    } catch (S3Exception e) {
      throw new PublishException(explain(e, what), e);
    } catch (SdkClientException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("credentials") || m.contains("Credentials")) {
        throw new PublishException("No AWS credentials found to " + what + " " + describe()
            + ". Set them as for the AWS CLI (AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ~/.aws,"
            + " web identity in CI), or name a profile with -Dedgepress.profile=NAME, or a <server> of"
            + " settings.xml with -Dedgepress.serverId=ID.", e);
      }
      throw new PublishException("Cannot " + what + " " + describe() + ": " + m
          + ". Check the network and -Dedgepress.endpoint, then run the publish again.", e);
    } catch (SdkException e) {
      throw new PublishException("Cannot " + what + " " + describe() + ": " + e.getMessage(), e);
    }
  }

  private static String code(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  private String explain(S3Exception e, String what) {
    String code = code(e);
    int status = e.statusCode();
    if ("NoSuchBucket".equals(code) || (status == 404 && code == null && what.startsWith("list"))) {
      return "The bucket '" + bucket + "' does not exist. Create it (edgepress:provision does), or fix"
          + " <bucket> / -Dedgepress.bucket.";
    }
    if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)
        || "IllegalLocationConstraintException".equals(code)) {
      String actual = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
          : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
      return "The bucket '" + bucket + "' is not in region " + region
          + (actual == null ? "" : "; it is in " + actual) + ". Set <region> / -Dedgepress.region="
          + (actual == null ? "THE_BUCKET_REGION" : actual) + ".";
    }
    if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)
        || "ExpiredToken".equals(code) || "InvalidToken".equals(code)) {
      return "AWS rejected the credentials (" + code + ") while trying to " + what + " " + describe()
          + ". Check the access key, secret and session token of the profile or <server> in use.";
    }
    if (status == 403 || "AccessDenied".equals(code)) {
      return "Access denied to " + what + " " + describe() + " (" + code + "). The credentials in use need"
          + " s3:ListBucket, s3:GetObject, s3:PutObject and s3:DeleteObject on this bucket and prefix;"
          + " README shows the minimal policy.";
    }
    return "S3 refused to " + what + " " + describe() + ": " + status + " " + code + " "
        + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
        + ". Run the publish again; it continues where it stopped.";
  }
}
