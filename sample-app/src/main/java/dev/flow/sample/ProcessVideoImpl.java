package dev.flow.sample;

import dev.flow.Promise;
import dev.flow.Promises;
import java.util.ArrayList;
import java.util.List;

/** The workflow of DESIGN.md §1: concurrency comes from the promises passed between calls. */
public final class ProcessVideoImpl implements ProcessVideo {
  private final MediaStub media;

  public ProcessVideoImpl(MediaStub media) {
    this.media = media;
  }

  @Override
  public VideoResult process(String videoUrl, String subtitleUrl) {
    Promise<String> newUrl = media.embedSubtitle(videoUrl, subtitleUrl);
    Promise<String> webm = media.encodeVideo(newUrl, "webm"); // waits for newUrl by itself
    Promise<String> mpeg4 = media.encodeVideo(newUrl, "mpeg4"); // runs beside webm
    Promise<List<String>> ads = media.targetAds(subtitleUrl);
    List<String> chapters = media.findChapters(videoUrl).get(); // blocks here, and only here
    List<Promise<String>> thumbs = new ArrayList<>();
    for (String chapter : chapters) {
      thumbs.add(media.extractThumbnail(videoUrl, chapter));
    }
    return new VideoResult(webm.get(), mpeg4.get(), Promises.getAll(thumbs), ads.get());
  }
}
