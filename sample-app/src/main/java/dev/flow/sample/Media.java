package dev.flow.sample;

import dev.flow.annotations.Activity;
import dev.flow.annotations.ActivityOptions;
import java.util.List;

/**
 * Media processing activities. Each takes and returns file URIs inside the sample's work directory.
 */
@Activity(version = "1.0", taskList = "media", startToCloseTimeoutSeconds = 60)
public interface Media {
  /** Writes a copy of the video with the subtitles embedded and returns its URI. */
  String embedSubtitle(String videoUrl, String subtitleUrl);

  /**
   * Encodes the video to {@code format} ({@code webm}, {@code mpeg4} or {@code gif}) and returns
   * the URI of the result; any other format fails with {@link UnsupportedFormatException}.
   */
  @ActivityOptions(startToCloseTimeoutSeconds = 120)
  String encodeVideo(String url, String format);

  /** The chapter titles of the video. */
  List<String> findChapters(String videoUrl);

  /** Writes a thumbnail of one chapter and returns its URI. */
  String extractThumbnail(String videoUrl, String chapter);

  /** Ads matching the words of the subtitles. */
  List<String> targetAds(String subtitleUrl);
}
