package dev.edgepress.publisher.store;

import dev.edgepress.headers.Headers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a site is published: an S3 bucket (and prefix), an S3-compatible store, or a local folder.
 * Paths are relative to the prefix. Implementations count their requests by kind for the report.
 */
public interface Store {

  /** s3://bucket/prefix/ or the folder, for messages. */
  String describe();

  /**
   * Whether this is the local folder that stands in for a bucket: there a site with no site.yaml or
   * a localhost baseUrl may be published (it is a preview, not a public site).
   */
  default boolean isLocalFolder() {
    return false;
  }

  /** Every object under the prefix. */
  Map<String, RemoteObject> list();

  Optional<byte[]> get(String path);

  void put(String path, Path file, Headers headers);

  void put(String path, byte[] bytes, Headers headers);

  /** Replaces the headers of an object in place, without sending its bytes again. */
  void copy(String path, Headers headers);

  /** Deletes the objects, in batches; throws naming those that could not be deleted. */
  void delete(List<String> paths);

  /** Requests made so far, by kind: LIST, GET, PUT, COPY, DELETE. */
  Map<String, Integer> requests();
}
