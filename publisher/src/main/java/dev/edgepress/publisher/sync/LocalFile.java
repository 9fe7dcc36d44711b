package dev.edgepress.publisher.sync;

import dev.edgepress.generator.headers.Headers;
import java.nio.file.Path;

/**
 * A file of the built site.
 *
 * @param path its path in the site, '/' separated, no leading '/': posts/hello/index.html
 * @param sha256 hex SHA-256 of its bytes
 */
public record LocalFile(String path, Path file, long size, String sha256, String md5, Headers headers) {}
