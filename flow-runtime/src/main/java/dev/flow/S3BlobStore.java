package dev.flow;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link BlobStore#s3}: content-addressed objects. Loaded only when asked for, so that Flow runs
 * without the S3 artifact.
 */
final class S3BlobStore implements BlobStore {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  S3BlobStore(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /** {@link BlobStore#at} for {@code s3://bucket/prefix}: the SDK's default client. */
  static S3BlobStore withDefaultClient(String bucket, String prefix) {
    try {
      return new S3BlobStore(S3Client.create(), bucket, prefix);
    } catch (SdkException e) {
      throw new FlowException(
          "cannot create an S3 client for the blob store s3://"
              + bucket
              + "/"
              + prefix
              + " (set AWS_REGION and credentials): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public String put(byte[] bytes) {
    String hex = Blobs.sha256(bytes);
    String object = prefix + hex;
    try {
      if (!exists(object)) {
        s3.putObject(
            r -> r.bucket(bucket).key(object).contentLength((long) bytes.length),
            RequestBody.fromBytes(bytes));
      }
    } catch (SdkException e) {
      throw new FlowException(
          "cannot store a blob of "
              + bytes.length
              + " bytes in s3://"
              + bucket
              + "/"
              + object
              + ": "
              + e.getMessage(),
          e);
    }
    return Blobs.KEY_PREFIX + hex;
  }

  private boolean exists(String object) {
    try {
      s3.headObject(r -> r.bucket(bucket).key(object));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public byte[] get(String key) {
    String object = prefix + Blobs.hexOf(key);
    byte[] bytes;
    try {
      bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object)).asByteArray();
    } catch (NoSuchKeyException e) {
      throw new FlowException(
          "no blob "
              + key
              + " at s3://"
              + bucket
              + "/"
              + object
              + ": every client and worker of the domain must use the same blob store (bucket and"
              + " prefix), and blobs must outlive the domain's retention period",
          e);
    } catch (SdkException e) {
      throw new FlowException(
          "cannot read blob " + key + " from s3://" + bucket + "/" + object + ": " + e.getMessage(),
          e);
    }
    if (!Blobs.sha256(bytes).equals(Blobs.hexOf(key))) {
      throw new FlowException(
          "blob " + key + " at s3://" + bucket + "/" + object + " is corrupt: another SHA-256");
    }
    return bytes;
  }

  @Override
  public String toString() {
    return "BlobStore.s3(" + bucket + ", " + prefix + ")";
  }
}
