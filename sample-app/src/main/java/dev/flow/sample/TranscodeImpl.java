package dev.flow.sample;

import dev.flow.ActivityFailure;
import java.util.ArrayList;
import java.util.List;

/** Handles activity failures in workflow code: tries each format until one encodes. */
public final class TranscodeImpl implements Transcode {
  private final MediaStub media;

  public TranscodeImpl(MediaStub media) {
    this.media = media;
  }

  @Override
  public TranscodeResult transcode(String videoUrl, List<String> preferredFormats) {
    List<String> rejected = new ArrayList<>();
    for (String format : preferredFormats) {
      try {
        return new TranscodeResult(format, media.encodeVideo(videoUrl, format).get(), rejected);
      } catch (ActivityFailure failure) {
        rejected.add(format + ": " + failure.remoteMessage());
      }
    }
    throw new IllegalStateException(
        "no format of " + preferredFormats + " could be encoded: " + rejected);
  }
}
