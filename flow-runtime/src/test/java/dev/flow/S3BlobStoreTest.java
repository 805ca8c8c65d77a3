package dev.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

class S3BlobStoreTest {
  /** An in-memory bucket: what BlobStore.s3 calls, nothing else. */
  static final class FakeS3 implements S3Client {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final List<String> puts = new CopyOnWriteArrayList<>();

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest r) {
      if (!objects.containsKey(r.bucket() + "/" + r.key())) {
        throw NoSuchKeyException.builder().statusCode(404).message("Not Found").build();
      }
      return HeadObjectResponse.builder().build();
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest r, RequestBody body) {
      try (InputStream in = body.contentStreamProvider().newStream()) {
        objects.put(r.bucket() + "/" + r.key(), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      puts.add(r.bucket() + "/" + r.key());
      return PutObjectResponse.builder().build();
    }

    @Override
    public ResponseBytes<GetObjectResponse> getObjectAsBytes(GetObjectRequest r) {
      byte[] bytes = objects.get(r.bucket() + "/" + r.key());
      if (bytes == null) {
        throw NoSuchKeyException.builder()
            .statusCode(404)
            .message("The key does not exist")
            .build();
      }
      return ResponseBytes.fromByteArray(GetObjectResponse.builder().build(), bytes);
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }

  @Test
  void s3Store_writesOneObjectPerContent_underThePrefix_andReadsItBack() {
    FakeS3 s3 = new FakeS3();
    BlobStore store = BlobStore.s3(s3, "bucket", "flow/");
    byte[] bytes = "x".repeat(50_000).getBytes();

    String key = store.put(bytes);
    store.put(bytes);

    assertThat(key).matches("sha256:[0-9a-f]{64}");
    assertThat(s3.puts).containsExactly("bucket/flow/" + key.substring(7));
    assertThat(store.get(key)).isEqualTo(bytes);
  }

  @Test
  void s3Store_missingObject_isAFlowExceptionNamingTheObject() {
    BlobStore store = BlobStore.s3(new FakeS3(), "bucket", "");
    String key = "sha256:" + "a".repeat(64);

    assertThatThrownBy(() -> store.get(key))
        .isInstanceOf(FlowException.class)
        .hasMessageContaining("no blob " + key + " at s3://bucket/" + "a".repeat(64));
  }

  @Test
  void s3Store_behindTheConverter_roundTripsALargePayload() {
    DataConverter converter =
        DataConverter.withBlobs(
            DataConverter.json(), BlobStore.s3(new FakeS3(), "b", "p/"), 1 << 20);
    String big = "y".repeat(100_000);

    String data = converter.toData(big);

    assertThat(data).startsWith("{\"$flowBlob\":\"sha256:").hasSizeLessThan(200);
    assertThat(converter.fromData(data, String.class)).isEqualTo(big);
  }
}
