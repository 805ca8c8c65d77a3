package dev.flow;

import java.nio.file.Path;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where payloads too large for SWF are kept: inputs, results, heartbeat details and signal inputs
 * longer than SWF's 32,768 characters are stored here and travel as a small reference ({@code
 * {"$flowBlob":"sha256:...","size":N}}), transparently to workflow and activity code. Configure one
 * on the client, and give every client, worker and decider of the domain the same store:
 *
 * <pre>{@code
 * FlowClient flow =
 *     FlowClient.builder()
 *         .engine("embedded:flow.db")
 *         .domain("media")
 *         .blobStore(BlobStore.directory(Path.of("flow-blobs")))
 *         .maxPayloadBytes(64 << 20)
 *         .build();
 * }</pre>
 *
 * <p>Keys are derived from the content (SHA-256), so storing the same bytes twice stores them once
 * and a replayed workflow encodes the same input to the same reference. Nothing is ever deleted by
 * Flow: expire old blobs with the store's own means (an S3 lifecycle rule, a cron job) after the
 * domain's retention period. Implementations must be thread-safe.
 */
public interface BlobStore {
  /**
   * Stores {@code bytes} and returns their key: at most 256 characters, the same for the same
   * bytes.
   *
   * @throws FlowException when they cannot be stored
   */
  String put(byte[] bytes);

  /**
   * The bytes stored under {@code key}.
   *
   * @throws FlowException when there are none, or they cannot be read
   */
  byte[] get(String key);

  /**
   * A store in a local (or shared, mounted) directory, created when missing: one file per blob,
   * named by the SHA-256 of its content, written atomically (a temporary file moved into place), so
   * readers never see a partial blob.
   */
  static BlobStore directory(Path directory) {
    return new DirectoryBlobStore(Objects.requireNonNull(directory, "directory"));
  }

  /**
   * The store {@code location} names, as worker mains take it ({@code --blobs}): {@code
   * s3://BUCKET/PREFIX} for {@link #s3} with a client of the default credentials and region ({@code
   * S3Client.create()}), else a directory path for {@link #directory}.
   *
   * @throws IllegalArgumentException when {@code location} is empty or names no bucket
   * @throws FlowException when the S3 client cannot be created (no region, or no {@code
   *     software.amazon.awssdk:s3} on the class path)
   */
  static BlobStore at(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException(
          "a blob store location is a directory or s3://BUCKET/PREFIX, was '" + location + "'");
    }
    if (!location.startsWith("s3://")) {
      return directory(Path.of(location));
    }
    String rest = location.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException(
          "a blob store location s3://BUCKET/PREFIX needs a bucket, was '" + location + "'");
    }
    try {
      return S3BlobStore.withDefaultClient(bucket, prefix);
    } catch (LinkageError e) {
      throw new FlowException(
          "blob store "
              + location
              + " needs the software.amazon.awssdk:s3 artifact on the class path: "
              + e,
          e);
    }
  }

  /**
   * A store in an S3 bucket: one object per blob, named {@code prefix} + the SHA-256 of its content
   * in hex (written once: an existing object is not written again). Needs the {@code
   * software.amazon.awssdk:s3} artifact on the class path (an optional dependency of Flow).
   *
   * @param prefix the object key prefix, such as {@code "flow-blobs/"}; {@code ""} for none
   */
  static BlobStore s3(S3Client s3, String bucket, String prefix) {
    return new S3BlobStore(
        Objects.requireNonNull(s3, "s3"),
        Objects.requireNonNull(bucket, "bucket"),
        prefix == null ? "" : prefix);
  }
}
